import { z } from 'zod';
import { companyStatusSchema, planLimitsSchema } from './saas.js';

/** The platform admin (super_admin only, SAAS=on): companies, plans, support sign-ins and their audit. */

export const platformFiguresSchema = z.object({
  companiesByStatus: z.object({ trial: z.number(), active: z.number(), read_only: z.number(), suspended: z.number() }),
  messagesToday: z.number(),
  connectionsOnline: z.number(),
  trialsEndingSoon: z.array(z.object({ id: z.number().int(), name: z.string(), trialEndsAt: z.string() })),
});
export type PlatformFigures = z.infer<typeof platformFiguresSchema>;

export const platformCompanySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  status: companyStatusSchema,
  statusReason: z.string().nullable(),
  plan: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  trialEndsAt: z.string().nullable(),
  paidUntil: z.string().nullable(),
  createdAt: z.string(),
  /** The operators' own company: never suspended, deleted or entered as a customer. */
  isPlatform: z.boolean(),
  usage: z.object({ users: z.number(), connections: z.number(), messagesThisMonth: z.number() }),
});
export type PlatformCompany = z.infer<typeof platformCompanySchema>;

export const platformCompanyListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  status: companyStatusSchema.optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const platformCompanyListSchema = z.object({ items: z.array(platformCompanySchema), nextCursor: z.number().nullable() });

export const changePlanRequestSchema = z.object({ planId: z.number().int().positive() });
export const extendTrialRequestSchema = z.object({ days: z.number().int().min(1).max(90) });
export const suspendRequestSchema = z.object({ reason: z.string().trim().min(1).max(500) });
export const deleteCompanyRequestSchema = z.object({ confirmName: z.string().min(1).max(200) });

/** Create or replace a plan: everything but the id and the archived flag. */
export const planInputSchema = z.object({
  name: z.string().trim().min(1).max(80),
  priceCents: z.number().int().min(0).max(100_000_000),
  trialDays: z.number().int().min(0).max(365),
  limits: planLimitsSchema,
  public: z.boolean(),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
});
export type PlanInput = z.input<typeof planInputSchema>;

export const platformAuditActions = [
  'company.plan',
  'company.extend-trial',
  'company.suspend',
  'company.reactivate',
  'company.export',
  'company.delete',
  'impersonation.start',
  'impersonation.end',
  'plan.create',
  'plan.update',
  'plan.archive',
  'plan.delete',
] as const;
export type PlatformAuditAction = (typeof platformAuditActions)[number];

export const platformAuditEntrySchema = z.object({
  id: z.number().int(),
  action: z.string(),
  companyId: z.number().int().nullable(),
  actor: z.object({ id: z.number().int(), name: z.string(), email: z.string() }).nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type PlatformAuditEntry = z.infer<typeof platformAuditEntrySchema>;
export const platformAuditListSchema = z.object({ items: z.array(platformAuditEntrySchema) });
