import type { WebhookAttempt, WebhookDelivery, WebhookEvent, WebhookSubscription } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';

interface SubscriptionRow {
  id: number;
  url: string;
  events: string[];
  active: boolean;
  description: string | null;
  disabled_reason: string | null;
  failing_since: Date | null;
  created_at: Date;
}

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

const toSubscription = (r: SubscriptionRow): WebhookSubscription => ({
  id: Number(r.id),
  url: r.url,
  events: r.events as WebhookEvent[],
  active: r.active,
  description: r.description,
  disabledReason: r.disabled_reason,
  failingSince: iso(r.failing_since),
  createdAt: new Date(r.created_at).toISOString(),
});

const columns = 'id, url, events, active, description, disabled_reason, failing_since, created_at';

interface DeliveryRow {
  id: number;
  delivery_id: string;
  event: string;
  event_id: string;
  state: WebhookDelivery['state'];
  attempts: number;
  next_attempt_at: Date;
  last_status: number | null;
  last_latency_ms: number | null;
  body: string;
  created_at: Date;
  attempt_log: { attempt: number; status: number | null; excerpt: string | null; error: string | null; ms: number; at: string }[];
}

/** Subscriptions and their delivery log; every query is scoped by company. */
export class WebhooksRepository {
  constructor(private readonly q: Queryable) {}

  async list(companyId: number): Promise<WebhookSubscription[]> {
    const { rows } = await this.q.query<SubscriptionRow>(`select ${columns} from webhook_subscriptions where company_id = $1 order by id`, [
      companyId,
    ]);
    return rows.map(toSubscription);
  }

  async get(companyId: number, id: number): Promise<WebhookSubscription | undefined> {
    const { rows } = await this.q.query<SubscriptionRow>(`select ${columns} from webhook_subscriptions where company_id = $1 and id = $2`, [
      companyId,
      id,
    ]);
    return rows[0] && toSubscription(rows[0]);
  }

  async insert(
    companyId: number,
    input: { url: string; events: string[]; active: boolean; description: string | null; sealedSecret: string },
  ): Promise<WebhookSubscription> {
    const { rows } = await this.q.query<SubscriptionRow>(
      `insert into webhook_subscriptions (company_id, url, events, active, description, secret)
       values ($1, $2, $3, $4, $5, $6) returning ${columns}`,
      [companyId, input.url, input.events, input.active, input.description, input.sealedSecret],
    );
    return toSubscription(rows[0]!);
  }

  /** Only the fields given change; switching it on again clears the failure streak and the system's reason. */
  async update(
    companyId: number,
    id: number,
    patch: { url?: string; events?: string[]; active?: boolean; description?: string | null; sealedSecret?: string },
  ): Promise<WebhookSubscription | undefined> {
    const { rows } = await this.q.query<SubscriptionRow>(
      `update webhook_subscriptions set
          url = coalesce($3, url), events = coalesce($4, events), active = coalesce($5, active),
          description = case when $6 then $7 else description end, secret = coalesce($8, secret),
          failing_since = case when $5 then null else failing_since end,
          disabled_reason = case when $5 is not null then null else disabled_reason end,
          updated_at = now()
        where company_id = $1 and id = $2 returning ${columns}`,
      [
        companyId,
        id,
        patch.url ?? null,
        patch.events ?? null,
        patch.active ?? null,
        patch.description !== undefined,
        patch.description ?? null,
        patch.sealedSecret ?? null,
      ],
    );
    return rows[0] && toSubscription(rows[0]);
  }

  async remove(companyId: number, id: number): Promise<boolean> {
    const { rowCount } = await this.q.query('delete from webhook_subscriptions where company_id = $1 and id = $2', [companyId, id]);
    return (rowCount ?? 0) > 0;
  }

  async deliveries(companyId: number, subscriptionId: number, limit: number): Promise<WebhookDelivery[]> {
    const { rows } = await this.q.query<DeliveryRow>(
      `select d.id, d.delivery_id, d.event, d.event_id, d.state, d.attempts, d.next_attempt_at, d.last_status, d.last_latency_ms,
              d.body, d.created_at,
              coalesce((select jsonb_agg(jsonb_build_object('attempt', a.attempt, 'status', a.response_status,
                          'excerpt', a.response_excerpt, 'error', a.error, 'ms', a.latency_ms, 'at', a.created_at) order by a.id)
                          from webhook_attempts a where a.delivery_id = d.id), '[]'::jsonb) as attempt_log
         from webhook_deliveries d
        where d.company_id = $1 and d.subscription_id = $2
        order by d.id desc limit $3`,
      [companyId, subscriptionId, limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      deliveryId: r.delivery_id,
      event: r.event,
      eventId: r.event_id,
      state: r.state,
      attempts: r.attempts,
      nextAttemptAt: r.state === 'pending' ? new Date(r.next_attempt_at).toISOString() : null,
      lastStatus: r.last_status,
      lastLatencyMs: r.last_latency_ms,
      requestBody: r.body,
      createdAt: new Date(r.created_at).toISOString(),
      attemptLog: r.attempt_log.map((a): WebhookAttempt => ({
        attempt: a.attempt,
        responseStatus: a.status,
        responseExcerpt: a.excerpt,
        error: a.error,
        latencyMs: a.ms,
        at: new Date(a.at).toISOString(),
      })),
    }));
  }

  /**
   * A new delivery of a logged one's event (same body `id`, new X-Jimmy-Delivery), in a lane of its
   * own: an admin's replay neither waits behind nor holds back the ticket's other deliveries.
   */
  async redeliver(companyId: number, deliveryId: number): Promise<{ id: number; deliveryId: string; subscriptionId: number } | undefined> {
    const { rows } = await this.q.query<{ id: number; delivery_id: string; subscription_id: number }>(
      `insert into webhook_deliveries (company_id, subscription_id, event, event_id, lane, body)
       select company_id, subscription_id, event, event_id, 'redelivery:' || id || ':' || gen_random_uuid(), body
         from webhook_deliveries where company_id = $1 and id = $2
       returning id, delivery_id, subscription_id`,
      [companyId, deliveryId],
    );
    const row = rows[0];
    return row && { id: Number(row.id), deliveryId: row.delivery_id, subscriptionId: Number(row.subscription_id) };
  }

  async enqueuePing(companyId: number, subscriptionId: number): Promise<{ id: number; deliveryId: string }> {
    const eventId = `evt_ping_${Date.now().toString(36)}`;
    const { rows } = await this.q.query<{ id: number; delivery_id: string }>(
      `insert into webhook_deliveries (company_id, subscription_id, event, event_id, lane, body)
       values ($1, $2, 'ping', $3, 'ping:' || gen_random_uuid(),
               jsonb_build_object('id', $3::text, 'event', 'ping', 'createdAt', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                  'companyId', $1::bigint, 'data', jsonb_build_object('subscriptionId', $2::bigint, 'message', 'Jimmy Chat test event'))::text)
       returning id, delivery_id`,
      [companyId, subscriptionId, eventId],
    );
    return { id: Number(rows[0]!.id), deliveryId: rows[0]!.delivery_id };
  }
}
