import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { PaymentMethod } from '@jimmy/contracts';
import { DomainError, unauthorized } from '../../infra/errors.js';
import type { BillingCustomerInput, Charge, ChargeInput, GatewayEvent, PaymentGateway } from './gateway.js';

const billingTypes: Record<PaymentMethod, 'PIX' | 'CREDIT_CARD' | 'UNDEFINED'> = {
  pix: 'PIX',
  card: 'CREDIT_CARD',
  undefined: 'UNDEFINED',
};

/** Asaas events that mean the money is (or will surely be) there. */
const PAID_EVENTS = new Set(['PAYMENT_RECEIVED', 'PAYMENT_CONFIRMED']);

const webhookSchema = z.object({
  id: z.string().min(1).max(200).optional(),
  event: z.string().min(1).max(100),
  payment: z
    .object({
      id: z.string().min(1).max(200),
      externalReference: z.string().max(200).nullish(),
    })
    .passthrough()
    .optional(),
});

const idSchema = z.object({ id: z.string().min(1) });
const paymentSchema = z.object({ id: z.string().min(1), invoiceUrl: z.string().nullish() });
const pixSchema = z.object({ payload: z.string().min(1), encodedImage: z.string().optional() });

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Asaas through its REST API v3 (no SDK): one customer per company, one payment per invoice with the
 * invoice id as `externalReference`, so the webhook leads back to the invoice without a lookup table.
 */
export class AsaasGateway implements PaymentGateway {
  readonly name = 'asaas' as const;

  constructor(
    private readonly options: { url: string; apiKey: string; webhookToken: string; timeoutMs?: number },
    private readonly fetcher: typeof fetch = fetch,
  ) {}

  async createCustomer(customer: BillingCustomerInput): Promise<string> {
    const body = await this.call('POST', '/customers', {
      name: customer.name,
      email: customer.email,
      ...(customer.cpfCnpj && { cpfCnpj: customer.cpfCnpj }),
      ...(customer.mobilePhone && { mobilePhone: customer.mobilePhone }),
      externalReference: `company:${customer.companyId}`,
    });
    return idSchema.parse(body).id;
  }

  async createCharge(charge: ChargeInput, method: PaymentMethod): Promise<Charge> {
    const payment = paymentSchema.parse(
      await this.call('POST', '/payments', {
        customer: charge.customerId,
        billingType: billingTypes[method],
        // Asaas takes reais as a decimal number.
        value: charge.amountCents / 100,
        dueDate: charge.dueDate,
        description: charge.description,
        externalReference: String(charge.invoiceId),
      }),
    );
    let pixCode: string | null = null;
    if (method === 'pix') {
      const pix = pixSchema.parse(await this.call('GET', `/payments/${encodeURIComponent(payment.id)}/pixQrCode`));
      pixCode = pix.payload;
    }
    return { chargeId: payment.id, paymentUrl: payment.invoiceUrl ?? null, pixCode };
  }

  parseWebhook(headers: Record<string, string | string[] | undefined>, rawBody: string): GatewayEvent {
    const header = headers['asaas-access-token'];
    const token = Array.isArray(header) ? header[0] : header;
    // Both sides hashed first: equal lengths for timingSafeEqual, and nothing leaks the token's length.
    if (!token || !timingSafeEqual(digest(token), digest(this.options.webhookToken))) {
      throw unauthorized('Invalid webhook token', 'BILLING_WEBHOOK_REJECTED');
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw new DomainError('VALIDATION_FAILED', 'The body is not JSON', 400, { body: 'must be JSON' });
    }
    const parsed = webhookSchema.safeParse(json);
    if (!parsed.success) throw new DomainError('VALIDATION_FAILED', 'Not an Asaas event', 400, { body: 'must be an Asaas event' });
    const { id, event, payment } = parsed.data;
    const reference = payment?.externalReference && /^\d{1,15}$/.test(payment.externalReference) ? Number(payment.externalReference) : null;
    return {
      // Events without an id (older webhook versions) are keyed by event and payment, which replays share too.
      eventId: id ?? `${event}:${payment?.id ?? 'none'}`,
      kind: event,
      effect: PAID_EVENTS.has(event) && payment ? 'paid' : 'none',
      chargeId: payment?.id ?? null,
      invoiceId: reference,
    };
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetcher(`${this.options.url.replace(/\/+$/, '')}${path}`, {
        method,
        headers: {
          access_token: this.options.apiKey,
          'content-type': 'application/json',
          'user-agent': 'JimmyChat',
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new DomainError('BILLING_GATEWAY_UNAVAILABLE', `The payment gateway did not answer (${(error as Error).message})`, 502);
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // A proxy's HTML error page: reported below by status.
    }
    if (!response.ok) {
      const errors = z.object({ errors: z.array(z.object({ description: z.string() })) }).safeParse(json);
      const reason = errors.success ? errors.data.errors.map((e) => e.description).join('; ') : `HTTP ${response.status}`;
      throw new DomainError('BILLING_GATEWAY_FAILED', `The payment gateway refused the request: ${reason}`, 502);
    }
    return json;
  }
}
