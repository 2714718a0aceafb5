import type pg from 'pg';
import type { z } from 'zod';
import type { CompanySettingsResponse, updateCompanySettingsRequestSchema } from '@jimmy/contracts';
import { withTransaction, type Queryable } from '../../infra/db/index.js';
import { invalid } from '../../infra/errors.js';
import type { EventBus, PendingEvent } from '../../infra/events.js';
import type { QueuesService } from '../queues/index.js';
import { companySettingsOf } from './company-settings.js';

type SettingsUpdate = z.output<typeof updateCompanySettingsRequestSchema>;

/** The company's routing, hours, survey and scheduling settings (companies.settings, one JSON document). */
export class SettingsService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly queues: QueuesService,
    private readonly events: EventBus,
  ) {}

  async get(companyId: number, q: Queryable = this.pool): Promise<CompanySettingsResponse> {
    return companySettingsOf(q, companyId);
  }

  /** Each section given replaces the stored one whole; the others stay. */
  async update(companyId: number, patch: SettingsUpdate): Promise<CompanySettingsResponse> {
    const { value, events } = await withTransaction(this.pool, async (client) => {
      // The row lock serialises two admins saving different sections at once (neither loses the other's).
      await client.query('select 1 from companies where id = $1 for update', [companyId]);
      const before = await companySettingsOf(client, companyId);
      const fallback = patch.routing?.fallbackQueueId;
      if (fallback != null && !(await this.queues.exists(companyId, fallback, client))) {
        throw invalid({ 'routing.fallbackQueueId': 'no such queue' });
      }
      const next = { routing: before.routing, hours: before.hours, survey: before.survey, scheduling: before.scheduling, ...patch };
      // The hours' zone is the company's zone: reports, schedules and the console read companies.timezone.
      const timezone = next.hours.schedule?.timeZone ?? before.timezone;
      await client.query('update companies set settings = $2::jsonb, timezone = $3, updated_at = now() where id = $1', [
        companyId,
        JSON.stringify(next),
        timezone,
      ]);
      const events: PendingEvent[] = [];
      if (next.routing.unqueuedVisibleToAgents !== before.routing.unqueuedVisibleToAgents) {
        events.push({
          event: 'company.unqueued-visibility.changed',
          payload: { companyId, visible: next.routing.unqueuedVisibleToAgents },
        });
      }
      return { value: await companySettingsOf(client, companyId), events };
    });
    this.events.publishAll(events);
    return value;
  }
}
