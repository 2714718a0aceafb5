import { unauthorized } from '../../infra/errors.js';
import type { PaymentGateway } from './gateway.js';

/** No gateway: invoices wait for the platform admin's "mark as paid" (bank transfer, boleto paid elsewhere). */
export class ManualGateway implements PaymentGateway {
  readonly name = 'manual' as const;

  async createCustomer(): Promise<null> {
    return null;
  }

  async createCharge(): Promise<null> {
    return null;
  }

  parseWebhook(): never {
    throw unauthorized('No payment gateway is configured', 'BILLING_WEBHOOK_REJECTED');
  }
}
