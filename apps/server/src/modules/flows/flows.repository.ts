import type { FlowDetail, FlowSummary, FlowVersionDto } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';

interface SummaryRow {
  id: string;
  name: string;
  description: string;
  updated_at: Date;
  published_version: number | null;
  published_at: Date | null;
  connection_ids: Array<string | number> | null;
}

interface DetailRow extends SummaryRow {
  draft: unknown;
  draft_changed: boolean;
}

interface VersionRow {
  id: string;
  version: number;
  published_by: string | null;
  created_at: Date;
}

const iso = (value: Date) => new Date(value).toISOString();

const toSummary = (row: SummaryRow): FlowSummary => ({
  id: Number(row.id),
  name: row.name,
  description: row.description,
  publishedVersion: row.published_version,
  publishedAt: row.published_at ? iso(row.published_at) : null,
  connectionIds: (row.connection_ids ?? []).map(Number),
  updatedAt: iso(row.updated_at),
});

const toVersion = (row: VersionRow): FlowVersionDto => ({
  id: Number(row.id),
  version: row.version,
  publishedBy: row.published_by,
  createdAt: iso(row.created_at),
});

// Deleted connections keep their connection_flows row (soft delete) but run nothing.
const SUMMARY_SELECT = `
  select f.id, f.name, f.description, f.updated_at, v.version as published_version, v.created_at as published_at,
         (select array_agg(cf.connection_id order by cf.connection_id)
            from connection_flows cf join connections c on c.id = cf.connection_id and c.deleted_at is null
           where cf.company_id = f.company_id and cf.flow_id = f.id) as connection_ids`;
const SUMMARY_FROM = `
    from flows f left join flow_versions v on v.id = f.published_version_id and v.company_id = f.company_id`;

/** SQL of flows and their versions; every statement is scoped by company. */
export class FlowsRepository {
  constructor(private readonly q: Queryable) {}

  with(q: Queryable): FlowsRepository {
    return new FlowsRepository(q);
  }

  async list(companyId: number): Promise<FlowSummary[]> {
    const { rows } = await this.q.query<SummaryRow>(
      `${SUMMARY_SELECT} ${SUMMARY_FROM} where f.company_id = $1 order by lower(f.name), f.id`,
      [companyId],
    );
    return rows.map(toSummary);
  }

  async find(companyId: number, flowId: number): Promise<FlowDetail | undefined> {
    const { rows } = await this.q.query<DetailRow>(
      `${SUMMARY_SELECT}, f.draft, (v.graph is null or v.graph <> f.draft) as draft_changed
       ${SUMMARY_FROM} where f.company_id = $1 and f.id = $2`,
      [companyId, flowId],
    );
    const row = rows[0];
    return row && { ...toSummary(row), draft: row.draft, draftChanged: row.draft_changed };
  }

  /** The draft, with the row locked so two publishes of one flow number their versions one after the other. */
  async lockDraft(companyId: number, flowId: number): Promise<unknown> {
    const { rows } = await this.q.query<{ draft: unknown }>('select draft from flows where company_id = $1 and id = $2 for update', [
      companyId,
      flowId,
    ]);
    return rows[0]?.draft;
  }

  async insert(companyId: number, values: { name: string; description: string; draft: unknown; createdBy: number }): Promise<number> {
    const { rows } = await this.q.query<{ id: string }>(
      'insert into flows (company_id, name, description, draft, created_by) values ($1, $2, $3, $4, $5) returning id',
      [companyId, values.name, values.description, JSON.stringify(values.draft), values.createdBy],
    );
    return Number(rows[0]!.id);
  }

  /** Only the fields given change; false when the flow is not the company's. */
  async update(companyId: number, flowId: number, patch: { name?: string; description?: string; draft?: unknown }): Promise<boolean> {
    const { rowCount } = await this.q.query(
      `update flows set name = coalesce($3, name), description = coalesce($4, description),
              draft = coalesce($5::jsonb, draft), updated_at = now()
        where company_id = $1 and id = $2`,
      [companyId, flowId, patch.name ?? null, patch.description ?? null, patch.draft === undefined ? null : JSON.stringify(patch.draft)],
    );
    return (rowCount ?? 0) > 0;
  }

  async runningSessions(companyId: number, flowId: number): Promise<number> {
    const { rows } = await this.q.query<{ n: number }>(
      'select count(*)::int as n from flow_sessions where company_id = $1 and flow_id = $2 and ended_at is null',
      [companyId, flowId],
    );
    return rows[0]?.n ?? 0;
  }

  async remove(companyId: number, flowId: number): Promise<void> {
    await this.q.query('delete from flows where company_id = $1 and id = $2', [companyId, flowId]);
  }

  /** The live connections that run this flow, by name: what a delete must be refused for. */
  async attachedConnections(companyId: number, flowId: number): Promise<Array<{ id: number; name: string }>> {
    const { rows } = await this.q.query<{ id: string; name: string }>(
      `select c.id, c.name from connection_flows cf join connections c on c.id = cf.connection_id and c.company_id = cf.company_id
        where cf.company_id = $1 and cf.flow_id = $2 and c.deleted_at is null order by c.id`,
      [companyId, flowId],
    );
    return rows.map((r) => ({ id: Number(r.id), name: r.name }));
  }

  /** Freezes `graph` as the next version (with its Media URLs' files: url → flow_media id) and makes it the published one. */
  async publish(companyId: number, flowId: number, graph: unknown, userId: number, media: Record<string, number>): Promise<FlowVersionDto> {
    const { rows } = await this.q.query<{ id: string }>(
      `insert into flow_versions (company_id, flow_id, version, graph, published_by, media)
       select $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5 from flow_versions where company_id = $1 and flow_id = $2
       returning id`,
      [companyId, flowId, JSON.stringify(graph), userId, JSON.stringify(media)],
    );
    const versionId = Number(rows[0]!.id);
    await this.q.query('update flows set published_version_id = $3 where company_id = $1 and id = $2', [companyId, flowId, versionId]);
    return (await this.versions(companyId, flowId, versionId))[0]!;
  }

  /** Newest first; `versionId` narrows to one. */
  async versions(companyId: number, flowId: number, versionId?: number): Promise<FlowVersionDto[]> {
    const { rows } = await this.q.query<VersionRow>(
      `select v.id, v.version, u.name as published_by, v.created_at
         from flow_versions v left join users u on u.id = v.published_by
        where v.company_id = $1 and v.flow_id = $2 and ($3::bigint is null or v.id = $3)
        order by v.version desc`,
      [companyId, flowId, versionId ?? null],
    );
    return rows.map(toVersion);
  }

  /** Copies a version's graph into the draft; false when the version is not this flow's. */
  async restore(companyId: number, flowId: number, versionId: number): Promise<boolean> {
    const { rowCount } = await this.q.query(
      `update flows f set draft = v.graph, updated_at = now()
         from flow_versions v
        where f.company_id = $1 and f.id = $2 and v.company_id = $1 and v.flow_id = f.id and v.id = $3`,
      [companyId, flowId, versionId],
    );
    return (rowCount ?? 0) > 0;
  }
}
