import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { DomainError, invalid } from '../../infra/errors.js';

/**
 * `Idempotency-Key` on every POST of the public API (as Stripe does it). The key is claimed with a
 * unique row before the handler runs, so of two concurrent requests with one key only one acts; the
 * other waits for nothing and is told to retry (409). A 2xx answer is kept 24 hours and replayed
 * as it was for the same key and body; another body with the key is a 422. An error answer frees
 * the key (nothing was done, so a retry may act).
 */
const HEADER = 'idempotency-key';
const KEPT = "interval '24 hours'";
/** A claim this old without an answer belongs to a request that died (crash, restart): it may be taken over. */
const ABANDONED = "interval '5 minutes'";

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyClaim?: { id: number };
  }
}

/** Key order does not matter: `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

const fingerprint = (request: FastifyRequest) =>
  createHash('sha256')
    .update(
      `${request.method} ${request.routeOptions.url ?? request.url} ${JSON.stringify(request.params)} ${JSON.stringify(canonical(request.body ?? null))}`,
    )
    .digest('hex');

interface KeyRow {
  id: number;
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
}

/** Installs the hooks on a plugin's POST routes (call inside the plugin that declares them). */
export function installIdempotency(app: FastifyInstance, pool: pg.Pool): void {
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || !request.auth) return;
    const raw = request.headers[HEADER];
    if (raw === undefined) return;
    const key = Array.isArray(raw) ? raw[0]! : raw;
    if (key.length < 1 || key.length > 255) throw invalid({ [HEADER]: '1 to 255 characters' });
    const companyId = request.auth.companyId;
    const hash = fingerprint(request);
    // Keys older than a day are forgotten (this key may start a new request), the company's other old ones with it.
    await pool.query(`delete from api_idempotency_keys where company_id = $1 and created_at < now() - ${KEPT}`, [companyId]);
    const claimed = await pool.query<{ id: number }>(
      `insert into api_idempotency_keys (company_id, key, request_hash) values ($1, $2, $3)
       on conflict (company_id, key) do nothing returning id`,
      [companyId, key, hash],
    );
    if (claimed.rows[0]) {
      request.idempotencyClaim = { id: Number(claimed.rows[0].id) };
      return;
    }
    const { rows } = await pool.query<KeyRow>(
      `select id, request_hash, response_status, response_body from api_idempotency_keys where company_id = $1 and key = $2`,
      [companyId, key],
    );
    const row = rows[0];
    if (!row)
      throw new DomainError('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still running; retry in a moment', 409);
    if (row.request_hash !== hash)
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with another request in the last 24 hours', 422, {
        [HEADER]: 'already used with another request',
      });
    if (row.response_status === null) {
      const taken = await pool.query(
        `update api_idempotency_keys set created_at = now() where id = $1 and response_status is null and created_at < now() - ${ABANDONED}`,
        [row.id],
      );
      if (!taken.rowCount) {
        reply.header('retry-after', '1');
        throw new DomainError('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still running; retry in a moment', 409);
      }
      request.idempotencyClaim = { id: Number(row.id) };
      return;
    }
    return replay(reply, row.response_status, row.response_body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = undefined;
    if (reply.statusCode >= 300) {
      await pool.query('delete from api_idempotency_keys where id = $1', [claim.id]);
      return payload;
    }
    const body = typeof payload === 'string' && payload ? (JSON.parse(payload) as unknown) : null;
    await pool.query('update api_idempotency_keys set response_status = $2, response_body = $3::jsonb where id = $1', [
      claim.id,
      reply.statusCode,
      JSON.stringify(body),
    ]);
    return payload;
  });
}

function replay(reply: FastifyReply, status: number, body: unknown) {
  return reply.code(status).header('idempotent-replayed', 'true').send(body);
}
