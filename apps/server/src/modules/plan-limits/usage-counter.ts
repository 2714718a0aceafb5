import type { Queryable } from '../../infra/db/index.js';

/** The calendar month (UTC) usage is counted in, as the `usage_monthly.month` date: YYYY-MM-01. */
export function currentMonth(now: Date = new Date()): string {
  return `${now.toISOString().slice(0, 7)}-01`;
}

/**
 * Counts stored messages in `usage_monthly`, inside the caller's transaction: the count exists if and
 * only if the message does. Outbound messages are what the monthly limit checks; inbound ones are
 * counted for the operator's view only and are never refused.
 */
export class UsageCounter {
  async countIn(q: Queryable, companyId: number, direction: 'in' | 'out', n = 1): Promise<void> {
    if (n <= 0) return;
    const column = direction === 'out' ? 'messages_out' : 'messages_in';
    await q.query(
      `insert into usage_monthly (company_id, month, ${column}) values ($1, $2, $3)
       on conflict (company_id, month) do update set ${column} = usage_monthly.${column} + excluded.${column}`,
      [companyId, currentMonth(), n],
    );
  }
}
