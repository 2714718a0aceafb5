import type pg from 'pg';
import type { CreateFlowRequest, FlowDetail, FlowProblemDto, FlowSummary, FlowVersionDto, UpdateFlowRequest } from '@jimmy/contracts';
import { FLOW_FORMAT, flowGraphSchema, validateFlow, type FlowGraph, type FlowProblem } from '@jimmy/flow-engine';
import { isUniqueViolation, withTransaction } from '../../infra/db/index.js';
import { conflict, DomainError, invalid, notFound } from '../../infra/errors.js';
import type { EventBus } from '../../infra/events.js';
import { MAX_DOWNLOAD_BYTES, type OutboundHttp } from '../../infra/outbound-http.js';
import type { AuthContext } from '../auth/index.js';
import type { FlowMediaLibrary, StoredFlowMedia } from './flow-media.js';
import { referenceProblems } from './flow-references.js';
import { FlowsRepository } from './flows.repository.js';

const isNameTaken = (error: unknown) => isUniqueViolation(error, 'flows_company_name_unique');
const nameTaken = () => conflict('FLOW_NAME_TAKEN', 'A flow with this name already exists', { name: 'already in use' });
const flowNotFound = () => notFound('Flow');

/** A new flow: only the Start node, waiting for the builder. */
function emptyGraph(): FlowGraph {
  return {
    format: FLOW_FORMAT,
    nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { trigger: { kind: 'newConversation', connectionIds: [] } } }],
    edges: [],
    variables: [],
  };
}

/**
 * The draft must have the graph's shape (the builder can reload it) but need not be publishable:
 * half-built flows are saved as the user works. `field` is what the request called it.
 */
function parseGraph(input: unknown, field: 'draft' | 'graph'): FlowGraph {
  const parsed = flowGraphSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw invalid({ [field]: `not a flow graph (${where}${issue?.message ?? 'invalid'})` });
}

const toProblemDto = (problem: FlowProblem): FlowProblemDto => ({
  code: problem.code,
  message: problem.message,
  ...(problem.nodeId !== null && { nodeId: problem.nodeId }),
  ...(problem.edgeId !== undefined && { edgeId: problem.edgeId }),
  ...(problem.path !== undefined && problem.path !== '' && { field: problem.path }),
});

/** Flows of a company: the builder's draft, publishing to immutable versions, restore. */
export class FlowsService {
  private readonly repo: FlowsRepository;

  constructor(
    private readonly pool: pg.Pool,
    private readonly media: { library: FlowMediaLibrary; http: Pick<OutboundHttp, 'download'> },
    private readonly events: Pick<EventBus, 'publish'>,
  ) {
    this.repo = new FlowsRepository(pool);
  }

  list(companyId: number): Promise<FlowSummary[]> {
    return this.repo.list(companyId);
  }

  async get(companyId: number, flowId: number): Promise<FlowDetail> {
    const flow = await this.repo.find(companyId, flowId);
    if (!flow) throw flowNotFound();
    return flow;
  }

  async create(auth: AuthContext, input: CreateFlowRequest): Promise<FlowDetail> {
    const draft = input.graph === undefined ? emptyGraph() : parseGraph(input.graph, 'graph');
    try {
      const id = await this.repo.insert(auth.companyId, {
        name: input.name,
        description: input.description ?? '',
        draft,
        createdBy: auth.userId,
      });
      return await this.get(auth.companyId, id);
    } catch (error) {
      if (isNameTaken(error)) throw nameTaken();
      throw error;
    }
  }

  async update(auth: AuthContext, flowId: number, input: UpdateFlowRequest): Promise<FlowDetail> {
    const draft = input.draft === undefined ? undefined : parseGraph(input.draft, 'draft');
    let found: boolean;
    try {
      found = await this.repo.update(auth.companyId, flowId, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.description !== undefined && { description: input.description }),
        ...(draft !== undefined && { draft }),
      });
    } catch (error) {
      if (isNameTaken(error)) throw nameTaken();
      throw error;
    }
    if (!found) throw flowNotFound();
    return this.get(auth.companyId, flowId);
  }

  /** Refused while a connection runs it: new tickets there would silently lose their bot. */
  async remove(auth: AuthContext, flowId: number): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      const repo = this.repo.with(client);
      if ((await repo.lockDraft(auth.companyId, flowId)) === undefined) throw flowNotFound();
      const attached = await repo.attachedConnections(auth.companyId, flowId);
      if (attached.length > 0) {
        throw new DomainError(
          'FLOW_IN_USE',
          `Detach the flow from these connections first: ${attached.map((c) => c.name).join(', ')}`,
          409,
          { connections: attached.map((c) => c.name).join(', ') },
          { connections: attached },
        );
      }
      // Deleting cascades to its sessions: a ticket mid-conversation would stay in `bot` with nobody to answer it.
      const running = await repo.runningSessions(auth.companyId, flowId);
      if (running > 0) {
        throw new DomainError(
          'FLOW_RUNNING',
          `${running} conversation(s) are still in this flow: take them over or wait for them to end`,
          409,
          undefined,
          {
            running,
          },
        );
      }
      await repo.remove(auth.companyId, flowId);
    });
  }

  /**
   * Freezes the draft as the next version (1, 2, …) and points the flow at it. Sessions already
   * running keep the version they pinned; new ones start on this one.
   */
  async publish(auth: AuthContext, flowId: number): Promise<FlowVersionDto> {
    // Media nodes' URLs are fetched first, outside the transaction (no lock held while waiting on
    // another server); the files are stored now and their rows written with the version.
    const before = await this.repo.find(auth.companyId, flowId);
    if (!before) throw flowNotFound();
    const fetched = await fetchMediaUrls(this.media, auth.companyId, before.draft);
    let version: FlowVersionDto;
    try {
      version = await withTransaction(this.pool, async (client) => {
        const repo = this.repo.with(client);
        const draft = await repo.lockDraft(auth.companyId, flowId);
        if (draft === undefined) throw flowNotFound();
        const engineProblems = validateFlow(draft).map(toProblemDto);
        const graph = flowGraphSchema.safeParse(draft);
        const problems = [
          ...engineProblems,
          ...(graph.success ? await referenceProblems(client, auth.companyId, graph.data) : []),
          ...mediaUrlsOf(draft)
            .filter(({ url }) => !fetched.urls.has(url))
            // Autosave may have changed a URL since it was fetched: never publish a URL without its file.
            .map(({ nodeId, url }) => mediaProblem(nodeId, url, fetched.failed.get(url) ?? 'it changed while publishing; publish again')),
        ];
        if (problems.length > 0) {
          throw new DomainError(
            'FLOW_INVALID',
            `The flow has ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix before publishing`,
            422,
            undefined,
            { problems },
          );
        }
        const map: Record<string, number> = {};
        for (const [url, file] of fetched.urls) map[url] = (await this.media.library.insertIn(client, auth.companyId, file)).id;
        return repo.publish(auth.companyId, flowId, draft, auth.userId, map);
      });
    } catch (error) {
      await this.media.library.discard([...fetched.urls.values()]);
      throw error;
    }
    this.events.publish('flow.published', { companyId: auth.companyId, flowId, versionId: version.id });
    return version;
  }

  async versions(companyId: number, flowId: number): Promise<FlowVersionDto[]> {
    await this.get(companyId, flowId);
    return this.repo.versions(companyId, flowId);
  }

  /** The version's graph becomes the draft (publish again to run it). */
  async restore(auth: AuthContext, flowId: number, versionId: number): Promise<FlowDetail> {
    await this.get(auth.companyId, flowId);
    if (!(await this.repo.restore(auth.companyId, flowId, versionId))) throw notFound('Flow version');
    return this.get(auth.companyId, flowId);
  }
}

const MEDIA_TIMEOUT_MS = 20_000;

const mediaProblem = (nodeId: string, url: string, reason: string): FlowProblemDto => ({
  code: 'mediaUnavailable',
  message: `Could not fetch ${url}: ${reason}`,
  nodeId,
  field: 'source.url',
});

/** Every Media node that names a URL (the draft may be half-built: anything else is skipped). */
function mediaUrlsOf(draft: unknown): Array<{ nodeId: string; url: string }> {
  const nodes = (draft as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return [];
  const found: Array<{ nodeId: string; url: string }> = [];
  for (const node of nodes as Array<{ id?: unknown; type?: unknown; data?: { source?: { url?: unknown } } } | null>) {
    const url = node?.type === 'media' ? node.data?.source?.url : undefined;
    if (typeof url === 'string' && url !== '' && typeof node?.id === 'string') found.push({ nodeId: node.id, url });
  }
  return found;
}

/** Downloads each distinct URL once, in parallel, into storage; `failed` says why a URL could not be. */
async function fetchMediaUrls(
  media: { library: FlowMediaLibrary; http: Pick<OutboundHttp, 'download'> },
  companyId: number,
  draft: unknown,
): Promise<{ urls: Map<string, StoredFlowMedia>; failed: Map<string, string> }> {
  const distinct = [...new Set(mediaUrlsOf(draft).map((w) => w.url))];
  const urls = new Map<string, StoredFlowMedia>();
  const failed = new Map<string, string>();
  await Promise.all(
    distinct.map(async (url) => {
      const result = await media.http.download(url, { timeoutMs: MEDIA_TIMEOUT_MS, maxBytes: MAX_DOWNLOAD_BYTES });
      if (!result.ok) return void failed.set(url, result.error);
      // A storage failure must not strand the files the other URLs already stored.
      await media.library.store(companyId, { bytes: result.bytes, mime: result.mime, name: fileNameOf(url), sourceUrl: url }).then(
        (stored) => void urls.set(url, stored),
        () => void failed.set(url, 'the file could not be stored'),
      );
    }),
  );
  return { urls, failed };
}

function fileNameOf(url: string): string {
  try {
    const last = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
    return last.slice(0, 200) || 'file';
  } catch {
    return 'file';
  }
}
