import type pg from 'pg';
import type {
  CompanyStatus,
  PlatformAuditAction,
  PlatformAuditEntry,
  PlatformCompany,
  PlatformFigures,
  PlanLimits,
} from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';

interface CompanyRow {
  id: string | number;
  name: string;
  status: CompanyStatus;
  status_reason: string | null;
  plan_id: string | number | null;
  plan_name: string | null;
  trial_ends_at: Date | null;
  paid_until: Date | null;
  created_at: Date;
  is_platform: boolean;
  users: number;
  connections: number;
  messages_this_month: number;
}

/**
 * Usage counts beside each company: users and connections now, messages this month from usage_monthly
 * when the metering job filled it, else counted from the messages (notes are not messages sent or received).
 */
const companyColumns = `
  c.id, c.name, c.status, c.status_reason, c.plan_id, p.name as plan_name, c.trial_ends_at, c.paid_until, c.created_at,
  exists (select 1 from users su where su.company_id = c.id and su.role = 'super_admin') as is_platform,
  (select count(*)::int from users u where u.company_id = c.id and u.active) as users,
  (select count(*)::int from connections k where k.company_id = c.id) as connections,
  coalesce(
    (select (um.messages_out + um.messages_in)::int from usage_monthly um
      where um.company_id = c.id and um.month = date_trunc('month', now() at time zone 'America/Sao_Paulo')::date),
    (select count(*)::int from messages m where m.company_id = c.id and m.type <> 'note'
      and m.created_at >= date_trunc('month', now() at time zone 'America/Sao_Paulo') at time zone 'America/Sao_Paulo')
  ) as messages_this_month`;

function toCompany(row: CompanyRow): PlatformCompany {
  return {
    id: Number(row.id),
    name: row.name,
    status: row.status,
    statusReason: row.status_reason,
    plan: row.plan_id === null || row.plan_name === null ? null : { id: Number(row.plan_id), name: row.plan_name },
    trialEndsAt: row.trial_ends_at?.toISOString() ?? null,
    paidUntil: row.paid_until?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    isPlatform: row.is_platform,
    usage: { users: row.users, connections: row.connections, messagesThisMonth: row.messages_this_month },
  };
}

/** Tables never exported: credentials and the job queue's bookkeeping. */
const EXPORT_SKIPPED_TABLES = new Set(['sessions', 'refresh_tokens', 'account_tokens', 'platform_audit']);
/** Columns never exported, whatever the table: password hashes, token hashes, encrypted secrets. */
const EXPORT_SKIPPED_COLUMN = /(password|secret|token_hash|key_hash|access_token|verify_token|cipher|encrypted|auth_state|creds)/i;
const EXPORT_PAGE = 500;

/** Platform rows and cross-company reads: only the platform admin's routes use this. */
export class PlatformRepository {
  constructor(private readonly pool: pg.Pool) {}

  async figures(): Promise<PlatformFigures> {
    const byStatus = { trial: 0, active: 0, read_only: 0, suspended: 0 };
    const { rows: statuses } = await this.pool.query<{ status: CompanyStatus; n: number }>(
      'select status, count(*)::int as n from companies group by status',
    );
    for (const row of statuses) byStatus[row.status] = row.n;
    const { rows: today } = await this.pool.query<{ n: number }>(
      `select count(*)::int as n from messages
        where type <> 'note' and created_at >= date_trunc('day', now() at time zone 'America/Sao_Paulo') at time zone 'America/Sao_Paulo'`,
    );
    const { rows: online } = await this.pool.query<{ n: number }>(`select count(*)::int as n from connections where status = 'open'`);
    const { rows: ending } = await this.pool.query<{ id: string; name: string; trial_ends_at: Date }>(
      `select id, name, trial_ends_at from companies
        where status = 'trial' and trial_ends_at between now() and now() + interval '3 days' order by trial_ends_at limit 50`,
    );
    return {
      companiesByStatus: byStatus,
      messagesToday: today[0]?.n ?? 0,
      connectionsOnline: online[0]?.n ?? 0,
      trialsEndingSoon: ending.map((r) => ({ id: Number(r.id), name: r.name, trialEndsAt: r.trial_ends_at.toISOString() })),
    };
  }

  async listCompanies(filter: { q?: string; status?: CompanyStatus; cursor?: number; limit: number }) {
    const { rows } = await this.pool.query<CompanyRow>(
      `select ${companyColumns} from companies c left join plans p on p.id = c.plan_id
        where ($1::text is null or c.name ilike '%' || $1 || '%')
          and ($2::text is null or c.status = $2)
          and ($3::bigint is null or c.id < $3)
        order by c.id desc limit $4`,
      [filter.q || null, filter.status ?? null, filter.cursor ?? null, filter.limit + 1],
    );
    const items = rows.slice(0, filter.limit).map(toCompany);
    return { items, nextCursor: rows.length > filter.limit ? (items.at(-1)?.id ?? null) : null };
  }

  async getCompany(id: number, q: Queryable = this.pool): Promise<PlatformCompany | undefined> {
    const { rows } = await q.query<CompanyRow>(
      `select ${companyColumns} from companies c left join plans p on p.id = c.plan_id where c.id = $1`,
      [id],
    );
    return rows[0] && toCompany(rows[0]);
  }

  async setPlan(companyId: number, planId: number): Promise<void> {
    await this.pool.query('update companies set plan_id = $2, updated_at = now() where id = $1', [companyId, planId]);
  }

  async setTrialEnd(companyId: number, trialEndsAt: Date): Promise<void> {
    await this.pool.query('update companies set trial_ends_at = $2, updated_at = now() where id = $1', [companyId, trialEndsAt]);
  }

  /** The company's first active admin (the oldest), whom a support sign-in acts as. */
  async firstAdmin(companyId: number): Promise<{ id: number; name: string; email: string } | undefined> {
    const { rows } = await this.pool.query<{ id: string; name: string; email: string }>(
      `select id, name, email from users where company_id = $1 and role = 'admin' and active order by id limit 1`,
      [companyId],
    );
    return rows[0] && { id: Number(rows[0].id), name: rows[0].name, email: rows[0].email };
  }

  /** The operator behind a support session, or undefined when the session is the user's own. */
  async impersonatorOf(sessionId: string): Promise<{ userId: number; companyId: number } | undefined> {
    const { rows } = await this.pool.query<{ id: string; company_id: string }>(
      `select u.id, u.company_id from sessions s join users u on u.id = s.impersonator_user_id where s.id = $1`,
      [sessionId],
    );
    return rows[0] && { userId: Number(rows[0].id), companyId: Number(rows[0].company_id) };
  }

  async audit(entry: { actorUserId: number; companyId: number | null; action: PlatformAuditAction; details?: Record<string, unknown> }) {
    await this.pool.query('insert into platform_audit (actor_user_id, company_id, action, details) values ($1, $2, $3, $4)', [
      entry.actorUserId,
      entry.companyId,
      entry.action,
      JSON.stringify(entry.details ?? {}),
    ]);
  }

  async listAudit(filter: { companyId?: number; actions?: readonly string[]; limit: number }): Promise<PlatformAuditEntry[]> {
    const { rows } = await this.pool.query<{
      id: string;
      action: string;
      company_id: string | null;
      actor_id: string | null;
      actor_name: string | null;
      actor_email: string | null;
      details: Record<string, unknown>;
      created_at: Date;
    }>(
      `select a.id, a.action, a.company_id, u.id as actor_id, u.name as actor_name, u.email as actor_email, a.details, a.created_at
         from platform_audit a left join users u on u.id = a.actor_user_id
        where ($1::bigint is null or a.company_id = $1) and ($2::text[] is null or a.action = any($2::text[]))
        order by a.created_at desc, a.id desc limit $3`,
      [filter.companyId ?? null, filter.actions ? [...filter.actions] : null, filter.limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      action: r.action,
      companyId: r.company_id === null ? null : Number(r.company_id),
      actor:
        r.actor_id === null || r.actor_name === null || r.actor_email === null
          ? null
          : { id: Number(r.actor_id), name: r.actor_name, email: r.actor_email },
      details: r.details,
      createdAt: r.created_at.toISOString(),
    }));
  }

  async exportedSince(companyId: number, hours: number): Promise<boolean> {
    const { rows } = await this.pool.query(
      `select 1 from platform_audit where company_id = $1 and action = 'company.export' and created_at > now() - make_interval(hours => $2)`,
      [companyId, hours],
    );
    return rows.length > 0;
  }

  /** Deleting the company deletes every tenant row with it (company_id cascades). */
  async deleteCompany(companyId: number): Promise<boolean> {
    const { rowCount } = await this.pool.query('delete from companies where id = $1', [companyId]);
    return (rowCount ?? 0) > 0;
  }

  /**
   * The company's data as one JSON document, written piece by piece: the company row, then every table
   * with a company_id column, a page at a time and only this company's rows, credentials left out.
   */
  async *exportChunks(companyId: number): AsyncGenerator<string> {
    const { rows: company } = await this.pool.query(
      `select id, name, timezone, status, status_reason, plan_id, trial_ends_at, paid_until, settings, created_at
         from companies where id = $1`,
      [companyId],
    );
    yield `{"format":"jimmy-company-export/1","exportedAt":${JSON.stringify(new Date().toISOString())},"company":${JSON.stringify(company[0] ?? null)},"tables":{`;
    const { rows: tables } = await this.pool.query<{ table_name: string; columns: string[]; has_id: boolean }>(
      `select c.table_name, array_agg(c.column_name::text order by c.ordinal_position) as columns,
              bool_or(c.column_name = 'id' and c.data_type in ('bigint', 'integer')) as has_id
         from information_schema.columns c
         join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
        where c.table_schema = current_schema()
          and c.table_name in (select table_name from information_schema.columns where table_schema = current_schema() and column_name = 'company_id')
        group by c.table_name order by c.table_name`,
    );
    let firstTable = true;
    for (const table of tables) {
      if (EXPORT_SKIPPED_TABLES.has(table.table_name)) continue;
      const columns = table.columns.filter((c) => !EXPORT_SKIPPED_COLUMN.test(c));
      const select = columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', ');
      const name = `"${table.table_name.replaceAll('"', '""')}"`;
      yield `${firstTable ? '' : ','}${JSON.stringify(table.table_name)}:[`;
      firstTable = false;
      let first = true;
      let after: number | null = null;
      for (let offset = 0; ; offset += EXPORT_PAGE) {
        // Keyset paging where the table has an id, offset paging (stable by ctid) where it does not.
        const { rows }: { rows: Record<string, unknown>[] } = table.has_id
          ? await this.pool.query(
              `select ${select} from ${name} where company_id = $1 and ($2::bigint is null or id > $2) order by id limit ${EXPORT_PAGE}`,
              [companyId, after],
            )
          : await this.pool.query(
              `select ${select} from ${name} where company_id = $1 order by ctid limit ${EXPORT_PAGE} offset ${offset}`,
              [companyId],
            );
        for (const row of rows) {
          yield `${first ? '' : ','}${JSON.stringify(row)}`;
          first = false;
        }
        if (rows.length < EXPORT_PAGE) break;
        if (table.has_id) after = Number(rows.at(-1)?.id);
      }
      yield ']';
    }
    yield '}}';
  }

  // Plans (platform rows, no company_id).

  async createPlan(input: { name: string; priceCents: number; trialDays: number; limits: PlanLimits; public: boolean; sortOrder: number }) {
    const { rows } = await this.pool.query<{ id: string }>(
      `insert into plans (name, price_cents, trial_days, limits, public, sort_order) values ($1, $2, $3, $4, $5, $6) returning id`,
      [input.name, input.priceCents, input.trialDays, JSON.stringify(input.limits), input.public, input.sortOrder],
    );
    return Number(rows[0]!.id);
  }

  async updatePlan(
    id: number,
    input: { name: string; priceCents: number; trialDays: number; limits: PlanLimits; public: boolean; sortOrder: number },
  ): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `update plans set name = $2, price_cents = $3, trial_days = $4, limits = $5, public = $6, sort_order = $7, updated_at = now()
        where id = $1`,
      [id, input.name, input.priceCents, input.trialDays, JSON.stringify(input.limits), input.public, input.sortOrder],
    );
    return (rowCount ?? 0) > 0;
  }

  /** Deletes a plan nobody uses; a plan with companies or invoices is archived instead. */
  async deleteOrArchivePlan(id: number): Promise<'deleted' | 'archived'> {
    const { rows } = await this.pool.query<{ used: boolean }>(
      `select exists (select 1 from companies where plan_id = $1) or exists (select 1 from invoices where plan_id = $1) as used`,
      [id],
    );
    if (rows[0]?.used) {
      await this.pool.query('update plans set archived = true, public = false, updated_at = now() where id = $1', [id]);
      return 'archived';
    }
    await this.pool.query('delete from plans where id = $1', [id]);
    return 'deleted';
  }
}
