import type pg from 'pg';
import type { SecretBox } from '../../infra/crypto.js';
import type { EventBus } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import type { Logger } from '../../infra/logger.js';
import type { OutboundHttp } from '../../infra/outbound-http.js';
import { notifyAdminsOfDisable, type Notices } from './webhooks.notice.js';
import { signatureHeader } from './webhooks.signature.js';

export interface DeliveryTimings {
  timeoutMs: number;
  retryBaseMs: number;
  retryWindowMs: number;
  disableAfterMs: number;
}

interface Claimed {
  id: number;
  delivery_id: string;
  event: string;
  body: string;
  attempts: number;
  company_id: number;
}

interface Success {
  id: number;
  companyId: number;
  attempt: number;
  status: number | null;
  excerpt: string;
  latencyMs: number;
}

/** Deliveries sent side by side for one subscription (each from a different lane). */
const PARALLEL = 16;
/** A pump hands over after this long, so one busy subscription cannot hold a worker forever. */
const PUMP_BUDGET_MS = 20_000;
const MAX_BACKOFF_MS = 3_600_000;
const EXCERPT = 500;

/**
 * Sends a subscription's due deliveries: the oldest pending one of each lane, so a lane (a ticket)
 * is delivered in order and a failing head holds back its own lane only. A lease on the row keeps two
 * pumps (two nodes, a retry racing a new event) from sending the same delivery at once.
 */
export class DeliveryPump {
  constructor(
    private readonly deps: {
      pool: pg.Pool;
      jobs: Jobs;
      events: EventBus;
      http: OutboundHttp;
      box: SecretBox;
      logger: Logger;
      notices: Notices;
      timings: DeliveryTimings;
    },
  ) {}

  async pump(subscriptionId: number): Promise<void> {
    const { pool } = this.deps;
    const { rows } = await pool.query<{ url: string; secret: string; active: boolean }>(
      'select url, secret, active from webhook_subscriptions where id = $1',
      [subscriptionId],
    );
    const subscription = rows[0];
    // Switched off or deleted: its pending deliveries wait (switching it on again sends them).
    if (!subscription?.active) return;
    const secret = this.deps.box.openText(subscription.secret);
    const started = Date.now();
    while (Date.now() - started < PUMP_BUDGET_MS) {
      const claimed = await this.claim(subscriptionId);
      if (claimed.length === 0) break;
      const results = await Promise.all(claimed.map((d) => this.attempt(subscriptionId, subscription.url, secret, d)));
      await this.recordSuccesses(
        subscriptionId,
        results.filter((r): r is Success => typeof r === 'object'),
      );
      if (results.includes('disabled')) return;
    }
    await this.scheduleNext(subscriptionId, Date.now() - started >= PUMP_BUDGET_MS);
  }

  private async claim(subscriptionId: number): Promise<Claimed[]> {
    const leaseSeconds = Math.ceil(this.deps.timings.timeoutMs / 1000) + 30;
    const { rows } = await this.deps.pool.query<Claimed>(
      `update webhook_deliveries d set lease_until = now() + make_interval(secs => $3), attempts = d.attempts + 1
        where d.id in (
          select h.id from (
            select distinct on (lane) id, next_attempt_at, lease_until from webhook_deliveries
             where subscription_id = $1 and state = 'pending' order by lane, id) h
           where h.next_attempt_at <= now() and (h.lease_until is null or h.lease_until < now())
           order by h.id limit $2)
          and d.state = 'pending' and (d.lease_until is null or d.lease_until < now())
        returning d.id, d.delivery_id, d.event, d.body, d.attempts, d.company_id`,
      [subscriptionId, PARALLEL, leaseSeconds],
    );
    return rows.sort((a, b) => Number(a.id) - Number(b.id));
  }

  private async attempt(subscriptionId: number, url: string, secret: string, d: Claimed): Promise<Success | 'failed' | 'disabled'> {
    const t = Math.floor(Date.now() / 1000);
    const started = performance.now();
    const result = await this.deps.http.request({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'JimmyChat-Webhooks/1',
        'x-jimmy-event': d.event,
        'x-jimmy-delivery': d.delivery_id,
        'x-jimmy-signature': signatureHeader(secret, d.body, t),
      },
      body: d.body,
      timeoutMs: this.deps.timings.timeoutMs,
    });
    const latencyMs = Math.round(performance.now() - started);
    const status = result.status ?? null;
    if (result.ok) {
      const excerpt = typeof result.data === 'string' ? result.data : JSON.stringify(result.data);
      return { id: d.id, companyId: d.company_id, attempt: d.attempts, status, excerpt: (excerpt ?? '').slice(0, EXCERPT), latencyMs };
    }
    const backoffMs = Math.min(this.deps.timings.retryBaseMs * 2 ** Math.max(0, d.attempts - 1), MAX_BACKOFF_MS);
    const { rows } = await this.deps.pool.query<{ failing_since: Date; active: boolean }>(
      `with attempt as (
         insert into webhook_attempts (company_id, delivery_id, attempt, response_status, error, latency_ms)
         values ($1, $2, $3, $4, $5, $6)),
       delivery as (
         update webhook_deliveries set lease_until = null, last_status = $4, last_latency_ms = $6,
                state = case when created_at + make_interval(secs => $8 / 1000.0) <= now() then 'failed' else 'pending' end,
                finished_at = case when created_at + make_interval(secs => $8 / 1000.0) <= now() then now() end,
                next_attempt_at = now() + make_interval(secs => $9 / 1000.0)
          where id = $2)
       update webhook_subscriptions set failing_since = coalesce(failing_since, now()) where id = $7
       returning failing_since, active`,
      [
        d.company_id,
        d.id,
        d.attempts,
        status,
        result.error.slice(0, EXCERPT),
        latencyMs,
        subscriptionId,
        this.deps.timings.retryWindowMs,
        backoffMs,
      ],
    );
    const sub = rows[0];
    if (sub?.active && Date.now() - new Date(sub.failing_since).getTime() >= this.deps.timings.disableAfterMs) {
      await this.disable(subscriptionId, d.company_id);
      return 'disabled';
    }
    return 'failed';
  }

  /** A batch's successes in one statement: at hundreds of deliveries a second, round trips are the cost. */
  private async recordSuccesses(subscriptionId: number, done: Success[]): Promise<void> {
    if (done.length === 0) return;
    await this.deps.pool.query(
      `with input as (
         select * from unnest($1::bigint[], $2::bigint[], $3::int[], $4::int[], $5::text[], $6::int[])
                    as x(company_id, id, attempt, status, excerpt, ms)),
       attempt as (
         insert into webhook_attempts (company_id, delivery_id, attempt, response_status, response_excerpt, latency_ms)
         select company_id, id, attempt, status, excerpt, ms from input),
       healthy as (update webhook_subscriptions set failing_since = null where id = $7 and failing_since is not null)
       update webhook_deliveries d set state = 'delivered', lease_until = null, last_status = x.status, last_latency_ms = x.ms,
              finished_at = now()
         from input x where d.id = x.id`,
      [
        done.map((r) => r.companyId),
        done.map((r) => r.id),
        done.map((r) => r.attempt),
        done.map((r) => r.status),
        done.map((r) => r.excerpt),
        done.map((r) => r.latencyMs),
        subscriptionId,
      ],
    );
  }

  /** Switched off after continuous failures; the company's admins hear about it. */
  private async disable(subscriptionId: number, companyId: number): Promise<void> {
    const { rowCount } = await this.deps.pool.query(
      `update webhook_subscriptions set active = false, disabled_reason = 'failing', updated_at = now() where id = $1 and active`,
      [subscriptionId],
    );
    if (!rowCount) return;
    this.deps.logger.warn({ subscriptionId, companyId }, 'webhook subscription disabled after continuous failures');
    await notifyAdminsOfDisable(this.deps, companyId, subscriptionId);
  }

  /** The next due retry wakes the pump; pg-boss keeps that timer across restarts. */
  private async scheduleNext(subscriptionId: number, outOfBudget: boolean): Promise<void> {
    if (outOfBudget) {
      await this.deps.jobs.send('webhooks.pump', { subscriptionId }, { singletonKey: String(subscriptionId) });
      return;
    }
    const { rows } = await this.deps.pool.query<{ due: Date | null }>(
      `select min(greatest(next_attempt_at, coalesce(lease_until, next_attempt_at))) as due
         from webhook_deliveries where subscription_id = $1 and state = 'pending'`,
      [subscriptionId],
    );
    const due = rows[0]?.due;
    if (due) await this.deps.jobs.send('webhooks.wake', { subscriptionId }, { startAfter: new Date(due) });
  }
}
