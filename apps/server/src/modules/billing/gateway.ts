import type { BillingGateway, PaymentMethod } from '@jimmy/contracts';

/** What a gateway needs to know about the company it bills. */
export interface BillingCustomerInput {
  companyId: number;
  name: string;
  email: string;
  /** CPF or CNPJ digits, when the company gave one. */
  cpfCnpj?: string | undefined;
  mobilePhone?: string | undefined;
}

export interface ChargeInput {
  invoiceId: number;
  customerId: string;
  amountCents: number;
  /** YYYY-MM-DD. */
  dueDate: string;
  description: string;
}

export interface Charge {
  chargeId: string;
  paymentUrl: string | null;
  pixCode?: string | null;
}

/** A gateway notification whose origin was verified. */
export interface GatewayEvent {
  eventId: string;
  /** The gateway's own name for it (PAYMENT_RECEIVED…), stored as is. */
  kind: string;
  /** What it means here: an invoice was paid, or something only worth recording. */
  effect: 'paid' | 'none';
  chargeId: string | null;
  /** Our invoice id as the gateway echoes it back (externalReference). */
  invoiceId: number | null;
}

/**
 * A payment gateway as billing uses it. `createCharge` returns null when the gateway charges nothing
 * itself (manual: an operator confirms payments by hand). `parseWebhook` throws a 401 DomainError
 * when the notification cannot be proven to come from the gateway.
 */
export interface PaymentGateway {
  readonly name: BillingGateway;
  createCustomer(customer: BillingCustomerInput): Promise<string | null>;
  createCharge(charge: ChargeInput, method: PaymentMethod): Promise<Charge | null>;
  parseWebhook(headers: Record<string, string | string[] | undefined>, rawBody: string): GatewayEvent;
}
