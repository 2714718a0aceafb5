import { onboardingStepKeys, type OnboardingState, type OnboardingStepKey } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';

type Row = Record<OnboardingStepKey, boolean> & { dismissed: boolean };

/**
 * One statement of `exists` probes, each answered from an index that starts with the company (or the
 * connection): cheap enough to run on every request and every relevant event.
 *
 * - connect_whatsapp: a live WhatsApp connection that has been connected at least once. Nothing
 *   records "first connected", but both ways of proving it leave a trace: the credentials test and
 *   QR pairing store the phone number, a signed webhook opens the status.
 * - invite_agent: a second person in the company; an invited user not yet signed in already has a row.
 * - try_widget: a visitor wrote through a live web-chat connection. Every stored channel message has
 *   an external id, so the partial unique index on (connection_id, external_id) finds one at once;
 *   tickets have no index by connection and a busy company would be scanned whole.
 */
const STATE_SQL = `
  select
    exists (select 1 from connections c
             where c.company_id = $1 and c.type in ('whatsapp_cloud', 'whatsapp_web') and c.deleted_at is null
               and (c.status = 'open' or c.display_phone_number is not null)) as connect_whatsapp,
    exists (select 1 from queues q where q.company_id = $1) as create_queue,
    (select count(*) from (select 1 from users u where u.company_id = $1 and u.role <> 'super_admin' limit 2) two) = 2 as invite_agent,
    exists (select 1 from flows f where f.company_id = $1 and f.published_version_id is not null) as build_flow,
    exists (select 1 from connections c
             where c.company_id = $1 and c.type = 'webchat' and c.deleted_at is null
               and exists (select 1 from messages m
                            where m.connection_id = c.id and m.external_id is not null and m.direction = 'in' and m.company_id = $1)) as try_widget,
    coalesce((select s.dismissed_at is not null from onboarding_state s where s.company_id = $1), false) as dismissed`;

export class OnboardingRepository {
  constructor(private readonly q: Queryable) {}

  async state(companyId: number): Promise<OnboardingState> {
    const { rows } = await this.q.query<Row>(STATE_SQL, [companyId]);
    const row = rows[0]!;
    return { dismissed: row.dismissed, steps: onboardingStepKeys.map((key) => ({ key, done: row[key] })) };
  }

  async setDismissed(companyId: number, userId: number, dismissed: boolean): Promise<void> {
    await this.q.query(
      `insert into onboarding_state (company_id, dismissed_at, dismissed_by, updated_at)
       values ($1, case when $3 then now() end, case when $3 then $2::bigint end, now())
       on conflict (company_id) do update
         set dismissed_at = case when $3 then coalesce(onboarding_state.dismissed_at, now()) end,
             dismissed_by = case when $3 then coalesce(onboarding_state.dismissed_by, $2::bigint) end,
             updated_at = now()`,
      [companyId, userId, dismissed],
    );
  }
}
