import { pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { companyRef } from './schema-core.js';
import { createdAt } from './schema-columns.js';

/**
 * The company's customer record at a payment gateway (Asaas `cus_…`): created once, at the first
 * checkout, so every later charge lands on the same customer in the gateway's dashboard.
 */
export const billingCustomers = pgTable(
  'billing_customers',
  {
    companyId: companyRef(),
    gateway: text('gateway').notNull(),
    customerId: text('customer_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.gateway] }),
    uniqueIndex('billing_customers_gateway_customer_unique').on(t.gateway, t.customerId),
  ],
);
