import type { FlowProblemDto } from '@jimmy/contracts';
import type { FlowGraph } from '@jimmy/flow-engine';
import type { Queryable } from '../../infra/db/index.js';

type Kind = 'queue' | 'agent' | 'flow' | 'media';

interface Reference {
  kind: Kind;
  id: string;
  nodeId: string;
  field: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** The ids a node names in the company's data: the engine cannot check them, it has no database. */
function referencesOf(graph: FlowGraph): Reference[] {
  const found: Reference[] = [];
  const add = (kind: Kind, id: string | undefined, nodeId: string, field: string) => {
    if (id !== undefined) found.push({ kind, id, nodeId, field });
  };
  for (const node of graph.nodes) {
    const data = isRecord(node.data) ? node.data : {};
    if (node.type === 'transfer') {
      add('queue', text(data.queueId), node.id, 'queueId');
      add('agent', text(data.agentId), node.id, 'agentId');
    } else if (node.type === 'workingHours' && isRecord(data.target)) {
      add('queue', text(data.target.queueId), node.id, 'target.queueId');
    } else if (node.type === 'goToFlow') {
      add('flow', text(data.flowId), node.id, 'flowId');
    } else if (node.type === 'media' && isRecord(data.source)) {
      add('media', text(data.source.libraryId), node.id, 'source.libraryId');
    }
  }
  return found;
}

const LOOKUPS: Record<Kind, { sql: string; missing: string }> = {
  queue: { sql: 'select id from queues where company_id = $1 and id = any($2::bigint[])', missing: 'no such queue' },
  agent: {
    sql: 'select id from users where company_id = $1 and id = any($2::bigint[]) and active',
    missing: 'no such active user',
  },
  // Only a published flow can run; another draft would leave the customer with nothing.
  flow: {
    sql: 'select id from flows where company_id = $1 and id = any($2::bigint[]) and published_version_id is not null',
    missing: 'no such published flow',
  },
  media: {
    sql: 'select id from flow_media where company_id = $1 and id = any($2::bigint[])',
    missing: 'no such file in the media library',
  },
};

/**
 * Publish problems for queues, agents, flows and library files the graph names that are not the company's (or are
 * gone). The runner checks again when it acts: they may be deleted after publishing.
 */
export async function referenceProblems(q: Queryable, companyId: number, graph: FlowGraph): Promise<FlowProblemDto[]> {
  const references = referencesOf(graph);
  const problems: FlowProblemDto[] = [];
  for (const kind of Object.keys(LOOKUPS) as Kind[]) {
    const ofKind = references.filter((r) => r.kind === kind);
    if (ofKind.length === 0) continue;
    const numeric = [...new Set(ofKind.map((r) => r.id).filter((id) => /^[1-9]\d{0,14}$/.test(id)))];
    const { rows } = numeric.length > 0 ? await q.query<{ id: string }>(LOOKUPS[kind].sql, [companyId, numeric]) : { rows: [] };
    const existing = new Set(rows.map((row) => String(row.id)));
    for (const reference of ofKind) {
      if (existing.has(reference.id)) continue;
      problems.push({
        code: 'unknownReference',
        message: `${LOOKUPS[kind].missing} (${reference.id})`,
        nodeId: reference.nodeId,
        field: reference.field,
      });
    }
  }
  return problems;
}
