import { z } from 'zod';
import { companyStatusSchema, planSchema } from './saas.js';

export const invoiceStatuses = ['open', 'paid', 'void'] as const;
export const invoiceStatusSchema = z.enum(invoiceStatuses);
export type InvoiceStatus = z.infer<typeof invoiceStatusSchema>;

/** How the customer wants to pay; `undefined` lets them choose on the gateway's page. */
export const paymentMethods = ['pix', 'card', 'undefined'] as const;
export const paymentMethodSchema = z.enum(paymentMethods);
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

export const billingGateways = ['manual', 'asaas'] as const;
export type BillingGateway = (typeof billingGateways)[number];

export const invoiceSchema = z.object({
  id: z.number().int(),
  plan: z.object({ id: z.number().int(), name: z.string() }),
  /** YYYY-MM-DD, UTC: the months the invoice pays for (end exclusive). */
  periodStart: z.string(),
  periodEnd: z.string(),
  amountCents: z.number().int(),
  status: invoiceStatusSchema,
  dueAt: z.string(),
  paidAt: z.string().nullable(),
  paidVia: z.enum(['gateway', 'manual']).nullable(),
  paymentUrl: z.string().nullable(),
  pixCode: z.string().nullable(),
  createdAt: z.string(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

/** `GET /api/billing`: the company's standing, what it may buy, and its invoices (newest first). */
export const billingSummarySchema = z.object({
  status: companyStatusSchema,
  plan: z.object({ id: z.number().int(), name: z.string(), priceCents: z.number().int() }).nullable(),
  trialEndsAt: z.string().nullable(),
  paidUntil: z.string().nullable(),
  gateway: z.enum(billingGateways),
  plans: z.array(planSchema),
  invoices: z.array(invoiceSchema),
});
export type BillingSummary = z.infer<typeof billingSummarySchema>;

/** The payer's CPF (11 digits) or CNPJ (14), punctuation allowed; the gateway asks for it on the first charge. */
const cpfCnpjSchema = z
  .string()
  .transform((value) => value.replace(/\D/g, ''))
  .refine((digits) => digits.length === 11 || digits.length === 14, 'must be a CPF (11 digits) or a CNPJ (14 digits)');

export const checkoutRequestSchema = z.object({
  planId: z.number().int().positive(),
  method: paymentMethodSchema.default('undefined'),
  cpfCnpj: cpfCnpjSchema.optional(),
});
export type CheckoutRequest = z.input<typeof checkoutRequestSchema>;

export const checkoutResponseSchema = z.object({
  invoice: invoiceSchema,
  /** The gateway's payment page; null with the manual gateway (the operator confirms the payment). */
  paymentUrl: z.string().nullable(),
  /** Pix copy-and-paste code, when paying by Pix through a gateway. */
  pixCode: z.string().nullable(),
});
export type CheckoutResponse = z.infer<typeof checkoutResponseSchema>;

/** The platform admin's view: every company's invoices. */
export const platformInvoiceSchema = invoiceSchema.extend({
  company: z.object({ id: z.number().int(), name: z.string(), status: companyStatusSchema }),
  paidBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
});
export type PlatformInvoice = z.infer<typeof platformInvoiceSchema>;

export const platformInvoiceListQuerySchema = z.object({
  status: invoiceStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const platformInvoiceListSchema = z.object({ items: z.array(platformInvoiceSchema) });
export type PlatformInvoiceList = z.infer<typeof platformInvoiceListSchema>;
