import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type {
  CreateLeadHookRequest,
  LeadAccepted,
  LeadActions,
  LeadHook,
  LeadHookRequestLog,
  LeadHookWithSecret,
  UpdateLeadHookRequest,
} from '@jimmy/contracts';
import { createLeadHookRequestSchema, updateLeadHookRequestSchema } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';
import { DomainError, invalid, notFound } from '../../infra/errors.js';
import type { Logger } from '../../infra/logger.js';
import type { AuthContext } from '../auth/index.js';
import { applyLead, PHONE_CONNECTION, type LeadIntakeDeps } from './lead-intake.js';
import { parseBody } from './lead-payload.js';
import { LeadHooksRepository, toHookDto, type StoredHook } from './lead-hooks.repository.js';

/** What the public route hands over: the raw body (the service parses it, so a bad one is logged too). */
export interface IncomingLead {
  key: string;
  contentType: string | undefined;
  raw: string;
  headers: Record<string, string | string[] | undefined>;
}

export type LeadResult = { status: 202; body: LeadAccepted } | { status: number; error: DomainError };

const LOGGED_HEADERS = ['content-type', 'user-agent', 'origin', 'referer', 'x-forwarded-for'];
const RAW_EXCERPT = 4000;
const KEEP_REQUESTS = 200;

const hookNotFound = () => notFound('Lead hook');
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const newKey = () => randomBytes(24).toString('base64url');
const newSecret = () => `lhs_${randomBytes(24).toString('base64url')}`;

function secretMatches(expectedHash: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(sha256(presented), 'hex');
  const b = Buffer.from(expectedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export class LeadHooksService {
  private readonly repo: LeadHooksRepository;

  constructor(private readonly deps: LeadIntakeDeps & { logger: Logger }) {
    this.repo = new LeadHooksRepository(deps.pool);
  }

  async list(auth: AuthContext): Promise<LeadHook[]> {
    return (await this.repo.list(auth.companyId)).map(toHookDto);
  }

  async get(auth: AuthContext, id: number): Promise<LeadHook> {
    return toHookDto(await this.owned(auth, id));
  }

  async create(auth: AuthContext, input: CreateLeadHookRequest): Promise<LeadHookWithSecret> {
    const clean = createLeadHookRequestSchema.parse(input);
    await this.checkActions(this.deps.pool, auth.companyId, clean.actions);
    const secret = clean.requireSecret ? newSecret() : null;
    const hook = await this.repo.insert(auth.companyId, {
      name: clean.name,
      active: clean.active,
      key: newKey(),
      secretHash: secret === null ? null : sha256(secret),
      mapping: clean.mapping,
      actions: clean.actions,
    });
    return { ...toHookDto(hook), secret };
  }

  async update(auth: AuthContext, id: number, input: UpdateLeadHookRequest): Promise<LeadHook> {
    const current = await this.owned(auth, id);
    const clean = updateLeadHookRequestSchema.parse(input);
    const next = {
      name: clean.name ?? current.name,
      active: clean.active ?? current.active,
      mapping: clean.mapping ?? current.mapping,
      actions: clean.actions ?? current.actions,
    };
    await this.checkActions(this.deps.pool, auth.companyId, next.actions);
    const hook = await this.repo.update(auth.companyId, id, next);
    if (!hook) throw hookNotFound();
    return toHookDto(hook);
  }

  /** A new URL key (the old URL stops working at once) and, when asked for, a new header secret. */
  async rotate(auth: AuthContext, id: number, requireSecret: boolean): Promise<LeadHookWithSecret> {
    await this.owned(auth, id);
    const secret = requireSecret ? newSecret() : null;
    const hook = await this.repo.rotate(auth.companyId, id, newKey(), secret === null ? null : sha256(secret));
    if (!hook) throw hookNotFound();
    return { ...toHookDto(hook), secret };
  }

  async remove(auth: AuthContext, id: number): Promise<void> {
    if (!(await this.repo.remove(auth.companyId, id))) throw hookNotFound();
  }

  async requests(auth: AuthContext, id: number, limit: number): Promise<LeadHookRequestLog[]> {
    await this.owned(auth, id);
    return this.repo.requests(auth.companyId, id, limit);
  }

  /** Re-runs a logged payload through the hook's CURRENT mapping and actions; the run is logged as a new request. */
  async replay(auth: AuthContext, id: number, requestId: number): Promise<LeadHookRequestLog> {
    const hook = await this.owned(auth, id);
    const original = await this.repo.request(auth.companyId, id, requestId);
    if (!original) throw notFound('Lead hook request', 'LEAD_HOOK_REQUEST_NOT_FOUND');
    if (original.payload === null || original.payload === undefined)
      throw new DomainError('LEAD_REPLAY_UNPARSED', 'This request’s body could not be read, so there is nothing to replay', 409);
    const base = {
      companyId: hook.companyId,
      hookId: hook.id,
      contentType: original.contentType,
      headers: original.headers,
      payload: original.payload,
      raw: null,
      replayOf: original.id,
    };
    const result = await this.run(hook, original.payload);
    return this.repo.log({ ...base, ...this.outcomeOf(result) });
  }

  /** POST /hooks/leads/:key: unknown key → 404 unlogged (there is no hook to log under); everything else is logged. */
  async receive(incoming: IncomingLead): Promise<LeadResult> {
    const hook = await this.repo.findByKey(incoming.key);
    if (!hook) return { status: 404, error: hookNotFound() };
    const headers: Record<string, string> = {};
    for (const name of LOGGED_HEADERS) {
      const value = incoming.headers[name];
      if (typeof value === 'string') headers[name] = value.slice(0, 300);
    }
    const parsed = parseBody(incoming.contentType, incoming.raw);
    const payload = parsed.ok ? parsed.payload : null;
    let result: LeadResult;
    const secret = incoming.headers['x-jimmy-secret'];
    if (hook.secretHash !== null && !secretMatches(hook.secretHash, typeof secret === 'string' ? secret : undefined))
      result = { status: 401, error: new DomainError('LEAD_SECRET_INVALID', 'Missing or wrong X-Jimmy-Secret header', 401) };
    else if (!hook.active) result = { status: 403, error: new DomainError('LEAD_HOOK_INACTIVE', 'This lead hook is switched off', 403) };
    else if (!parsed.ok)
      result = { status: parsed.status, error: new DomainError(parsed.code, parsed.message, parsed.status, { body: parsed.message }) };
    else result = await this.run(hook, parsed.payload);
    await this.repo.log({
      companyId: hook.companyId,
      hookId: hook.id,
      contentType: incoming.contentType?.slice(0, 200) ?? null,
      headers,
      payload,
      raw: payload === null ? incoming.raw.slice(0, RAW_EXCERPT) : null,
      replayOf: null,
      ...this.outcomeOf(result),
    });
    await this.repo.trim(hook.companyId, hook.id, KEEP_REQUESTS);
    return result;
  }

  private async run(hook: StoredHook, payload: unknown): Promise<LeadResult> {
    try {
      return { status: 202, body: await applyLead(this.deps, hook, payload) };
    } catch (error) {
      if (error instanceof DomainError) return { status: error.status, error };
      this.deps.logger.error({ err: error, hookId: hook.id }, 'lead hook failed');
      return { status: 500, error: new DomainError('INTERNAL', 'Something went wrong on our side', 500) };
    }
  }

  private outcomeOf(result: LeadResult) {
    if (result.status === 202 && 'body' in result)
      return {
        status: 'accepted' as const,
        httpStatus: 202,
        error: null,
        contactId: result.body.contactId,
        ticketId: result.body.ticketId ?? null,
      };
    const error = 'error' in result ? result.error : new DomainError('INTERNAL', 'unknown', 500);
    return {
      status: result.status >= 500 || error.code === 'LEAD_HOOK_MISCONFIGURED' ? ('failed' as const) : ('rejected' as const),
      httpStatus: result.status,
      error: { code: error.code, message: error.message, ...(error.fields && { fields: error.fields }) },
      contactId: null,
      ticketId: null,
    };
  }

  private async owned(auth: AuthContext, id: number): Promise<StoredHook> {
    const hook = await this.repo.find(auth.companyId, id);
    if (!hook) throw hookNotFound();
    return hook;
  }

  /** The actions must name the company's own connection, queue, flow and tags. */
  private async checkActions(q: Queryable, companyId: number, actions: LeadActions): Promise<void> {
    const fields: Record<string, string> = {};
    const exists = async (table: 'queues' | 'flows', id: number | null) =>
      id !== null && (await q.query(`select 1 from ${table} where company_id = $1 and id = $2`, [companyId, id])).rows.length > 0;
    if (actions.route !== 'none') {
      if (actions.connectionId === null) fields['actions.connectionId'] = 'choose the connection the ticket opens on';
      else if ((await q.query(PHONE_CONNECTION, [companyId, actions.connectionId])).rows.length === 0)
        fields['actions.connectionId'] = 'no such WhatsApp connection';
    }
    if (actions.route === 'queue' && !(await exists('queues', actions.queueId))) fields['actions.queueId'] = 'choose a queue';
    if (actions.route === 'flow' && !(await exists('flows', actions.flowId))) fields['actions.flowId'] = 'choose a flow';
    if (actions.tagIds.length > 0) {
      const { rows } = await q.query<{ n: number }>(
        'select count(*)::int as n from tags where company_id = $1 and id = any($2::bigint[])',
        [companyId, actions.tagIds],
      );
      if (rows[0]!.n !== new Set(actions.tagIds).size) fields['actions.tagIds'] = 'no such tag';
    }
    if ((actions.firstMessage || actions.template) && actions.route === 'none')
      fields['actions.route'] = 'a first message needs a ticket: choose a queue or a flow';
    if (Object.keys(fields).length > 0) throw invalid(fields);
  }
}
