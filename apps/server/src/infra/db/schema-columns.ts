import { sql } from 'drizzle-orm';
import { bigint, customType, timestamp } from 'drizzle-orm/pg-core';

/** Column builders every schema file shares; `companyRef` lives with the companies table in schema-core. */
export const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
export const ref = (name: string) => bigint(name, { mode: 'number' });
export const at = (name: string) => timestamp(name, { withTimezone: true });
export const createdAt = () => at('created_at').notNull().defaultNow();
export const updatedAt = () => at('updated_at').notNull().defaultNow();

/**
 * The id of the transaction that wrote a row (`pg_current_xact_id()`). Outbound webhooks read new rows
 * by this instead of by the row id: every transaction below the oldest still running one has ended, so
 * nothing can appear later in a range already read (a sequence id can commit out of order).
 */
export const writtenBy = () =>
  customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' })('txid')
    .notNull()
    .default(sql`pg_current_xact_id()`);
