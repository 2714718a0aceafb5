import type { CompanyStatus } from '@jimmy/contracts';
import type pg from 'pg';
import type { EventBus } from '../../infra/events.js';

/**
 * The one way a company's standing changes (trial → read_only on expiry, → active when paid,
 * suspended by the operator). Consoles hear it at once through `company.status.changed`; requests
 * see it at their next call, because the session query reads the company's row every time.
 */
export class CompanyStatusService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly events: EventBus,
  ) {}

  /**
   * Moves the company to `status` unless it is there already; `only` restricts the move to companies
   * currently in one of those states (so a racing payment is not undone by the expiry job). Returns
   * the previous status when it changed, null when nothing did.
   */
  async set(
    companyId: number,
    status: CompanyStatus,
    reason: string,
    options: { only?: readonly CompanyStatus[]; trialEndsAt?: Date | null; paidUntil?: Date | null } = {},
  ): Promise<CompanyStatus | null> {
    const { rows } = await this.pool.query<{ previous: CompanyStatus }>(
      `update companies c
          set status = $2, status_reason = $3, status_changed_at = now(), updated_at = now(),
              trial_ends_at = case when $5::boolean then $6::timestamptz else c.trial_ends_at end,
              paid_until = case when $7::boolean then $8::timestamptz else c.paid_until end
         from (select id, status as previous from companies where id = $1 for update) old
        where c.id = old.id and old.previous <> $2 and ($4::text[] is null or old.previous = any($4::text[]))
        returning old.previous`,
      [
        companyId,
        status,
        reason,
        options.only ? [...options.only] : null,
        options.trialEndsAt !== undefined,
        options.trialEndsAt ?? null,
        options.paidUntil !== undefined,
        options.paidUntil ?? null,
      ],
    );
    const previous = rows[0]?.previous ?? null;
    if (previous) this.events.publish('company.status.changed', { companyId, status, previous, reason });
    return previous;
  }
}
