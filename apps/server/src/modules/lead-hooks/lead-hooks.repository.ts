import type { LeadActions, LeadHook, LeadHookRequestLog, LeadMapping } from '@jimmy/contracts';
import { leadActionsSchema, leadMappingSchema } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';

interface HookRow {
  id: string;
  company_id: string;
  name: string;
  active: boolean;
  key: string;
  secret_hash: string | null;
  mapping: unknown;
  actions: unknown;
  last_received_at: Date | null;
  created_at: Date;
}

/** A hook as the service uses it: the stored JSON read through the contracts (defaults filled in). */
export interface StoredHook {
  id: number;
  companyId: number;
  name: string;
  active: boolean;
  key: string;
  secretHash: string | null;
  mapping: LeadMapping;
  actions: LeadActions;
  lastReceivedAt: Date | null;
  createdAt: Date;
}

const HOOK_COLUMNS = 'id, company_id, name, active, key, secret_hash, mapping, actions, last_received_at, created_at';

const toHook = (row: HookRow): StoredHook => ({
  id: Number(row.id),
  companyId: Number(row.company_id),
  name: row.name,
  active: row.active,
  key: row.key,
  secretHash: row.secret_hash,
  mapping: leadMappingSchema.parse(row.mapping ?? {}),
  actions: leadActionsSchema.parse(row.actions ?? {}),
  lastReceivedAt: row.last_received_at,
  createdAt: row.created_at,
});

export const toHookDto = (hook: StoredHook): LeadHook => ({
  id: hook.id,
  name: hook.name,
  active: hook.active,
  key: hook.key,
  path: `/hooks/leads/${hook.key}`,
  secretRequired: hook.secretHash !== null,
  mapping: hook.mapping,
  actions: hook.actions,
  lastReceivedAt: hook.lastReceivedAt?.toISOString() ?? null,
  createdAt: hook.createdAt.toISOString(),
});

export interface NewRequestLog {
  companyId: number;
  hookId: number;
  contentType: string | null;
  headers: Record<string, string>;
  payload: unknown;
  raw: string | null;
  status: LeadHookRequestLog['status'];
  httpStatus: number;
  error: LeadHookRequestLog['error'];
  contactId: number | null;
  ticketId: number | null;
  replayOf: number | null;
}

interface RequestRow {
  id: string;
  created_at: Date;
  status: LeadHookRequestLog['status'];
  http_status: number;
  error: LeadHookRequestLog['error'];
  contact_id: string | null;
  ticket_id: string | null;
  replay_of: string | null;
  content_type: string | null;
  headers: Record<string, string>;
  payload: unknown;
  raw: string | null;
}
const REQUEST_COLUMNS = 'id, created_at, status, http_status, error, contact_id, ticket_id, replay_of, content_type, headers, payload, raw';
const optionalId = (value: string | null) => (value === null ? null : Number(value));
const toRequestDto = (row: RequestRow): LeadHookRequestLog => ({
  id: Number(row.id),
  createdAt: row.created_at.toISOString(),
  status: row.status,
  httpStatus: row.http_status,
  error: row.error,
  contactId: optionalId(row.contact_id),
  ticketId: optionalId(row.ticket_id),
  replayOf: optionalId(row.replay_of),
  contentType: row.content_type,
  headers: row.headers,
  payload: row.payload,
  raw: row.raw,
});

/** SQL only; every statement is scoped by company except the public lookup by key (the key routes). */
export class LeadHooksRepository {
  constructor(private readonly q: Queryable) {}

  with(q: Queryable): LeadHooksRepository {
    return new LeadHooksRepository(q);
  }

  async list(companyId: number): Promise<StoredHook[]> {
    const { rows } = await this.q.query<HookRow>(`select ${HOOK_COLUMNS} from lead_hooks where company_id = $1 order by lower(name), id`, [
      companyId,
    ]);
    return rows.map(toHook);
  }

  async find(companyId: number, id: number): Promise<StoredHook | null> {
    const { rows } = await this.q.query<HookRow>(`select ${HOOK_COLUMNS} from lead_hooks where company_id = $1 and id = $2`, [
      companyId,
      id,
    ]);
    return rows[0] ? toHook(rows[0]) : null;
  }

  async findByKey(key: string): Promise<StoredHook | null> {
    const { rows } = await this.q.query<HookRow>(`select ${HOOK_COLUMNS} from lead_hooks where key = $1`, [key]);
    return rows[0] ? toHook(rows[0]) : null;
  }

  async insert(
    companyId: number,
    input: { name: string; active: boolean; key: string; secretHash: string | null; mapping: LeadMapping; actions: LeadActions },
  ): Promise<StoredHook> {
    const { rows } = await this.q.query<HookRow>(
      `insert into lead_hooks (company_id, name, active, key, secret_hash, mapping, actions) values ($1, $2, $3, $4, $5, $6, $7)
       returning ${HOOK_COLUMNS}`,
      [companyId, input.name, input.active, input.key, input.secretHash, JSON.stringify(input.mapping), JSON.stringify(input.actions)],
    );
    return toHook(rows[0]!);
  }

  async update(
    companyId: number,
    id: number,
    input: { name: string; active: boolean; mapping: LeadMapping; actions: LeadActions },
  ): Promise<StoredHook | null> {
    const { rows } = await this.q.query<HookRow>(
      `update lead_hooks set name = $3, active = $4, mapping = $5, actions = $6, updated_at = now() where company_id = $1 and id = $2
       returning ${HOOK_COLUMNS}`,
      [companyId, id, input.name, input.active, JSON.stringify(input.mapping), JSON.stringify(input.actions)],
    );
    return rows[0] ? toHook(rows[0]) : null;
  }

  async rotate(companyId: number, id: number, key: string, secretHash: string | null): Promise<StoredHook | null> {
    const { rows } = await this.q.query<HookRow>(
      `update lead_hooks set key = $3, secret_hash = $4, updated_at = now() where company_id = $1 and id = $2 returning ${HOOK_COLUMNS}`,
      [companyId, id, key, secretHash],
    );
    return rows[0] ? toHook(rows[0]) : null;
  }

  async remove(companyId: number, id: number): Promise<boolean> {
    const { rowCount } = await this.q.query('delete from lead_hooks where company_id = $1 and id = $2', [companyId, id]);
    return (rowCount ?? 0) > 0;
  }

  async log(entry: NewRequestLog): Promise<LeadHookRequestLog> {
    const { rows } = await this.q.query<RequestRow>(
      `with r as (insert into lead_hook_requests (company_id, hook_id, content_type, headers, payload, raw, status, http_status, error, contact_id, ticket_id, replay_of)
                  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning ${REQUEST_COLUMNS}),
            h as (update lead_hooks set last_received_at = now() where company_id = $1 and id = $2)
       select * from r`,
      [
        entry.companyId,
        entry.hookId,
        entry.contentType,
        JSON.stringify(entry.headers),
        entry.payload === null || entry.payload === undefined ? null : JSON.stringify(entry.payload),
        entry.raw,
        entry.status,
        entry.httpStatus,
        entry.error === null ? null : JSON.stringify(entry.error),
        entry.contactId,
        entry.ticketId,
        entry.replayOf,
      ],
    );
    return toRequestDto(rows[0]!);
  }

  async requests(companyId: number, hookId: number, limit: number): Promise<LeadHookRequestLog[]> {
    const { rows } = await this.q.query<RequestRow>(
      `select ${REQUEST_COLUMNS} from lead_hook_requests where company_id = $1 and hook_id = $2 order by id desc limit $3`,
      [companyId, hookId, limit],
    );
    return rows.map(toRequestDto);
  }

  async request(companyId: number, hookId: number, id: number): Promise<LeadHookRequestLog | null> {
    const { rows } = await this.q.query<RequestRow>(
      `select ${REQUEST_COLUMNS} from lead_hook_requests where company_id = $1 and hook_id = $2 and id = $3`,
      [companyId, hookId, id],
    );
    return rows[0] ? toRequestDto(rows[0]) : null;
  }

  /** The log keeps the latest requests per hook; older ones go so a chatty form cannot fill the disk. */
  async trim(companyId: number, hookId: number, keep: number): Promise<void> {
    await this.q.query(
      `delete from lead_hook_requests where company_id = $1 and hook_id = $2
         and id < (select min(id) from (select id from lead_hook_requests where company_id = $1 and hook_id = $2 order by id desc limit $3) k)`,
      [companyId, hookId, keep],
    );
  }
}
