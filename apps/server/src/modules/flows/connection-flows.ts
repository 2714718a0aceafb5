import type { Queryable } from '../../infra/db/index.js';
import { DomainError } from '../../infra/errors.js';

/**
 * Which flow a connection runs on new tickets (connection_flows, like connection_queues for the
 * menu). The connections module calls these inside its update's transaction.
 */
export async function flowIdsOfConnections(
  q: Queryable,
  companyId: number,
  connectionIds: readonly number[],
): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  if (connectionIds.length === 0) return found;
  const { rows } = await q.query<{ connection_id: string; flow_id: string }>(
    'select connection_id, flow_id from connection_flows where company_id = $1 and connection_id = any($2::bigint[])',
    [companyId, connectionIds],
  );
  for (const row of rows) found.set(Number(row.connection_id), Number(row.flow_id));
  return found;
}

/** null detaches. Only a published flow of the same company may be attached: a draft has nothing to run. */
export async function setConnectionFlow(q: Queryable, companyId: number, connectionId: number, flowId: number | null): Promise<void> {
  if (flowId === null) {
    await q.query('delete from connection_flows where company_id = $1 and connection_id = $2', [companyId, connectionId]);
    return;
  }
  const { rows } = await q.query<{ published_version_id: string | null }>(
    'select published_version_id from flows where company_id = $1 and id = $2',
    [companyId, flowId],
  );
  const flow = rows[0];
  if (!flow) throw new DomainError('FLOW_NOT_FOUND', 'No such flow', 422, { flowId: 'no such flow' });
  if (flow.published_version_id === null) {
    throw new DomainError('FLOW_NOT_PUBLISHED', 'Publish the flow before attaching it to a connection', 422, {
      flowId: 'not published yet',
    });
  }
  await q.query(
    `insert into connection_flows (connection_id, company_id, flow_id) values ($1, $2, $3)
     on conflict (connection_id) do update set flow_id = excluded.flow_id, updated_at = now()`,
    [connectionId, companyId, flowId],
  );
}
