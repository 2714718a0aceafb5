import type pg from 'pg';
import { WebSession, type SocketFactory } from '@jimmy/channels';
import type { SecretBox } from '../../infra/crypto.js';
import type { EventBus } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import type { Logger } from '../../infra/logger.js';
import type { ConnectionRow, ConnectionsService, NodeWork } from '../connections/index.js';
import type { IngestConnection, IngestService } from '../ingest/index.js';
import { InboundBridge } from './inbound-bridge.js';
import { LeaseSupervisor } from './lease-supervisor.js';
import { LeaseRepository } from './leases.js';
import { NodeCommands } from './node-commands.js';
import { DbAuthStore } from './wa-auth.store.js';
import { WaMessageStore } from './wa-messages.store.js';
import { WebTransport, type MediaDownloader } from './web.transport.js';

interface WebSessionsOptions {
  pool: pg.Pool;
  box: SecretBox;
  jobs: Jobs;
  events: EventBus;
  connections: ConnectionsService;
  ingest: IngestService;
  logger: Logger;
  nodeId: string;
  socketFactory: SocketFactory;
  downloadMedia: MediaDownloader;
  leaseMs: number;
  qrLimit: number;
  sendSpacingMs: number;
  qrLifetimeMs?: (index: number) => number;
  reconnect?: { baseMs: number; maxMs: number };
}

/**
 * The QR connections of this process, wired from its parts: lease supervision (which sessions run
 * here), the inbound bridge (Baileys events → ingest), the transport (sending, receipts, media) and
 * cross-node commands. Work that needs a socket is routed to its owner through that node's own job
 * queue, so any node may accept an agent's reply.
 */
export class WebSessions {
  readonly transport: WebTransport;
  /** Pairing, logout and reconnect, from whichever node the admin reaches. */
  readonly qr: NodeCommands;
  private readonly supervisor: LeaseSupervisor;

  constructor(private readonly options: WebSessionsOptions) {
    const { pool, box, jobs, events, connections, nodeId } = options;
    const log = options.logger.child({ component: 'whatsapp-web', node: nodeId });
    const leases = new LeaseRepository(pool, nodeId, options.leaseMs);
    const store = new WaMessageStore(pool);
    const bridge = new InboundBridge({ ingest: options.ingest, connections, events, store, log });
    const authStore = (row: Pick<ConnectionRow, 'id' | 'companyId'>) => new DbAuthStore(pool, box, row.companyId, row.id);
    this.supervisor = new LeaseSupervisor({
      leases,
      store,
      connections,
      events,
      log,
      leaseMs: options.leaseMs,
      open: (row, target, stop) => this.open(row, target, { bridge, store, log, auth: authStore(row), stop }),
    });
    this.transport = new WebTransport({ nodeId, supervisor: this.supervisor, leases, store, jobs, downloadMedia: options.downloadMedia });
    this.qr = new NodeCommands({ nodeId, jobs, leases, supervisor: this.supervisor, bridge, connections, authStore, log });
  }

  /** `work` is what this node runs when other nodes route sends, downloads and receipts here. */
  async start(work: NodeWork): Promise<void> {
    await this.qr.register(work);
    // A dead owner's queue may hold sends nobody will work: what is still pending goes out from here.
    this.supervisor.start((connectionId) => this.qr.requeuePending(work, connectionId));
  }

  stop(): Promise<void> {
    return this.supervisor.stop();
  }

  private open(
    row: ConnectionRow,
    target: IngestConnection,
    parts: { bridge: InboundBridge; store: WaMessageStore; log: Logger; auth: DbAuthStore; stop: (reason: string) => void },
  ): WebSession {
    const { options } = this;
    return new WebSession({
      id: String(row.id),
      socketFactory: options.socketFactory,
      auth: parts.auth,
      getMessage: async (key) => (key.id ? ((await parts.store.find(row.id, key.id))?.message ?? undefined) : undefined),
      log: parts.log.child({ connectionId: row.id }),
      qrLimit: options.qrLimit,
      sendSpacingMs: options.sendSpacingMs,
      ...(options.qrLifetimeMs && { qrLifetimeMs: options.qrLifetimeMs }),
      ...(options.reconnect && { reconnect: options.reconnect }),
      handlers: parts.bridge.handlersFor(row, target, parts.stop),
    });
  }
}
