import type pg from 'pg';
import type { ConnectionQrEvent } from '@jimmy/contracts';
import {
  ChannelError,
  WebSession,
  buildBaileysContent,
  parseBaileysMessage,
  parseBaileysReceipts,
  type FetchedMedia,
  type OutboundMessage,
  type PairingInfo,
  type SessionChange,
  type SocketFactory,
  type WAMessage,
} from '@jimmy/channels';
import type { SecretBox } from '../../infra/crypto.js';
import type { connections } from '../../infra/db/schema.js';
import type { EventBus } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import type { Logger } from '../../infra/logger.js';
import type { ConnectionsService } from '../connections/connections.service.js';
import type { IngestConnection, IngestService } from '../ingest/ingest.service.js';
import { LeaseRepository } from './leases.js';
import { jidOf, messageIdFor, mediaOf } from './wa-ids.js';
import { DbAuthStore } from './wa-auth.store.js';
import { WaMessageStore } from './wa-messages.store.js';
import { nodeQueue, type NodeCommand } from './node-queue.js';

type ConnectionRow = typeof connections.$inferSelect;

/** Thrown where work needs the socket that another node holds; the caller forwards the job there. */
export class NotOwnerError extends Error {
  constructor(readonly ownerNode: string) {
    super(`connection is run by node ${ownerNode}`);
  }
}

export type MediaDownloader = (message: WAMessage, reupload: ((m: WAMessage) => Promise<WAMessage>) | undefined) => Promise<Buffer>;

export interface WebSessionsOptions {
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

/** What a node does when a job is routed to it (implemented by the message jobs). */
export interface NodeWork {
  send(messageId: number, job: { retryCount: number }): Promise<void>;
  media(messageId: number, job: { retryCount: number }): Promise<void>;
  read(ticketId: number): Promise<void>;
}

interface Running {
  session: WebSession;
  /** What ingest needs of the connection; kept current by lease renewals and local updates. */
  target: IngestConnection;
}

const CLAIMS_PER_TICK = 10;
const INGEST_TRIES = 5;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * The QR connections this process runs. Ownership is a PostgreSQL lease (see leases.ts); work that
 * needs a socket (sends, media, read receipts, pairing) is routed to the owner through that node's
 * own job queue, so any node may accept an agent's reply.
 */
export class WebSessions {
  private readonly running = new Map<number, Running>();
  private readonly leases: LeaseRepository;
  private readonly store: WaMessageStore;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private again = false;
  private lastRenewedAt = Date.now();
  private lastPrunedAt = 0;
  private closed = false;

  constructor(private readonly options: WebSessionsOptions) {
    this.leases = new LeaseRepository(options.pool, options.nodeId, options.leaseMs);
    this.store = new WaMessageStore(options.pool);
    this.log = options.logger.child({ component: 'whatsapp-web', node: options.nodeId });
  }

  get nodeId() {
    return this.options.nodeId;
  }

  async start(work: NodeWork): Promise<void> {
    await this.options.jobs.register(nodeQueue(this.nodeId), (command, job) => this.perform(command, job.retryCount, work), {
      retryLimit: 8,
      retryDelaySeconds: 2,
    });
    this.options.events.subscribe('connection.updated', ({ connection }) => {
      if (connection.type !== 'whatsapp_web') return;
      const running = this.running.get(connection.id);
      // A connection running here changed its settings; any other may now want a session (created, reconnect).
      if (running)
        Object.assign(running.target, { defaultQueueId: connection.defaultQueueId, reopenWindowMinutes: connection.reopenWindowMinutes });
      else this.poke();
    });
    this.timer = setInterval(() => this.poke(), Math.max(250, Math.floor(this.options.leaseMs / 3)));
    this.timer.unref();
    this.poke();
  }

  /** Stops this node's sockets and hands their leases back, so another node resumes them at once. */
  async stop(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.ticking;
    for (const [connectionId, { session, target }] of this.running) {
      await session.stop().catch(() => undefined);
      await this.leases.release(connectionId).catch(() => undefined);
      // Until a node picks it up again nothing serves it: say so rather than keep showing "open".
      await this.options.connections
        .setHealth(target.companyId, connectionId, { status: 'connecting', lastError: null })
        .catch(() => undefined);
    }
    this.running.clear();
  }

  /** Renew, drop and claim now instead of at the next interval; concurrent pokes coalesce. */
  poke(): void {
    if (this.closed) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = this.tick()
      .catch((error: unknown) => this.log.error({ err: error }, 'lease tick failed'))
      .finally(() => {
        this.ticking = undefined;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }

  private async tick(): Promise<void> {
    const held = [...this.running.keys()];
    try {
      const renewed = await this.leases.renew(held);
      this.lastRenewedAt = Date.now();
      const kept = new Map(renewed.map((r) => [r.connectionId, r]));
      for (const connectionId of held) {
        const lease = kept.get(connectionId);
        if (!lease) await this.drop(connectionId, 'lease lost');
        else if (lease.deleted) await this.drop(connectionId, 'deleted', { logout: true });
        else if (!lease.wanted) await this.drop(connectionId, 'no longer wanted');
        else
          Object.assign(this.running.get(connectionId)!.target, {
            defaultQueueId: lease.defaultQueueId,
            reopenWindowMinutes: lease.reopenWindowMinutes,
          });
      }
    } catch (error) {
      // Without a renewal another node may take over after the TTL: stop first, never run two sockets.
      // Ticks come every third of the lease: at half of it, stop, while the lease is still ours.
      if (Date.now() - this.lastRenewedAt > this.options.leaseMs * 0.5) {
        for (const connectionId of held) await this.drop(connectionId, 'lease could not be renewed', { keepLease: true });
      }
      throw error;
    }
    if (this.closed) return;
    const claimed = await this.leases.claim(CLAIMS_PER_TICK, [...this.running.keys()]);
    for (const { connectionId, companyId } of claimed) await this.run(connectionId, companyId);
    if (Date.now() - this.lastPrunedAt > PRUNE_EVERY_MS && this.running.size > 0) {
      this.lastPrunedAt = Date.now();
      await this.store.prune([...this.running.keys()]);
    }
  }

  private async run(connectionId: number, companyId: number) {
    const row = await this.options.connections.getRow(companyId, connectionId).catch(() => undefined);
    if (!row) return this.leases.release(connectionId);
    const target: IngestConnection = {
      id: row.id,
      companyId: row.companyId,
      type: row.type,
      defaultQueueId: row.defaultQueueId,
      reopenWindowMinutes: row.reopenWindowMinutes,
    };
    const session = new WebSession({
      id: String(connectionId),
      socketFactory: this.options.socketFactory,
      auth: new DbAuthStore(this.options.pool, this.options.box, companyId, connectionId),
      getMessage: async (key) => (key.id ? ((await this.store.find(connectionId, key.id))?.message ?? undefined) : undefined),
      log: this.log.child({ connectionId }),
      qrLimit: this.options.qrLimit,
      sendSpacingMs: this.options.sendSpacingMs,
      ...(this.options.qrLifetimeMs && { qrLifetimeMs: this.options.qrLifetimeMs }),
      ...(this.options.reconnect && { reconnect: this.options.reconnect }),
      handlers: {
        onChange: (change) => this.onChange(row, change),
        onPairing: (info) => this.onPairing(row, info),
        onMessages: (messages) => this.onMessages(target, messages),
        onReceipts: async (updates) => {
          const statuses = parseBaileysReceipts(updates);
          if (statuses.length > 0) await this.options.ingest.applyStatuses(target, statuses);
        },
      },
    });
    this.running.set(connectionId, { session, target });
    this.log.info({ connectionId }, 'running whatsapp web connection');
    try {
      await session.start();
    } catch (error) {
      // Could not even load its keys: give the lease back so this or another node tries again.
      await this.drop(connectionId, 'start failed');
      throw error;
    }
    // A dead owner's queue may hold sends nobody will work: what is still pending here goes out now.
    await this.requeuePending(connectionId);
  }

  private async drop(connectionId: number, reason: string, how: { logout?: boolean; keepLease?: boolean } = {}) {
    const running = this.running.get(connectionId);
    if (!running) return;
    this.running.delete(connectionId);
    this.log.info({ connectionId, reason }, 'stopping whatsapp web connection');
    if (how.logout) await running.session.logout().catch(() => undefined);
    else await running.session.stop().catch(() => undefined);
    if (!how.keepLease) await this.leases.release(connectionId).catch(() => undefined);
  }

  private async onChange(row: ConnectionRow, change: SessionChange) {
    const status = change.state === 'pairing' ? 'qr' : change.state === 'n/a' ? 'open' : change.state;
    await this.options.connections.setHealth(row.companyId, row.id, {
      status,
      lastError: change.lastError,
      ...(change.me && { displayPhoneNumber: `+${change.me.phone}`, profileName: change.me.name }),
      ...(!change.keepRunning && { sessionWanted: false }),
    });
    if (!change.keepRunning) setImmediate(() => void this.drop(row.id, change.lastError ?? change.state));
  }

  private async onPairing(row: ConnectionRow, info: PairingInfo) {
    await this.options.pool.query(
      'update connections set qr = $3, qr_expires_at = $4, pairing_code = $5 where company_id = $1 and id = $2',
      [row.companyId, row.id, info.qr, info.qrExpiresAt, info.pairingCode],
    );
    const event: ConnectionQrEvent = {
      connectionId: row.id,
      qr: info.qr,
      qrExpiresAt: info.qrExpiresAt?.toISOString() ?? null,
      pairingCode: info.pairingCode,
    };
    this.options.events.publish('connection.qr', { companyId: row.companyId, ...event });
  }

  /**
   * Baileys has already acknowledged these to WhatsApp, so a failed write cannot be retried by the
   * sender: one transaction per message (one bad message never takes the others down), a few tries
   * for database hiccups, and the raw message in the error log if it still fails.
   */
  private async onMessages(target: IngestConnection, messages: WAMessage[]) {
    for (const raw of messages) {
      const inbound = parseBaileysMessage(raw);
      if (!inbound) continue;
      for (let attempt = 1; ; attempt++) {
        try {
          await this.options.ingest.ingest(target, [inbound], {
            alsoStore: (client) => this.store.save(client, target.companyId, target.id, [raw]),
          });
          break;
        } catch (error) {
          if (attempt >= INGEST_TRIES) {
            this.log.error({ err: error, connectionId: target.id, message: raw }, 'could not store an inbound whatsapp web message');
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
        }
      }
    }
  }

  private async requeuePending(connectionId: number) {
    const { rows } = await this.options.pool.query<{ id: number }>(
      `select id from messages where connection_id = $1 and direction = 'out' and status = 'pending' and external_id is null and created_at > now() - interval '1 day'`,
      [connectionId],
    );
    for (const { id } of rows)
      await this.options.jobs.send(nodeQueue(this.nodeId), { op: 'send', messageId: Number(id) }, { singletonKey: `wa-send:${id}` });
  }

  private local(row: ConnectionRow): Promise<WebSession> {
    const running = this.running.get(row.id);
    if (running) return Promise.resolve(running.session);
    return this.leases.ownerOf(row.id).then((owner) => {
      if (owner && owner !== this.nodeId) throw new NotOwnerError(owner);
      throw new ChannelError({ code: 'NOT_CONNECTED', message: 'WhatsApp (QR) is not connected right now', retryable: true });
    });
  }

  /** Throws NotOwnerError (forward the job) or a retryable NOT_CONNECTED unless this node runs it. */
  async ensureRunsHere(row: ConnectionRow): Promise<void> {
    await this.local(row);
  }

  async send(row: ConnectionRow, message: OutboundMessage): Promise<{ externalId: string }> {
    const session = await this.local(row);
    const quoted = message.replyToExternalId ? await this.store.find(row.id, message.replyToExternalId) : undefined;
    const target = message.kind === 'reaction' ? await this.store.find(row.id, message.targetExternalId) : undefined;
    const { content, options } = buildBaileysContent(message, {
      ...(quoted && { quoted }),
      ...(target && { reactionTargetKey: target.key }),
    });
    // The id derives from our clientRef, so a resend after a crash carries the same id and the
    // recipient's phone shows it once.
    const messageId = message.clientRef ? messageIdFor(message.clientRef) : undefined;
    const sent = await session.send(jidOf(message.to), content, { ...options, ...(messageId && { messageId }) }).catch((error: unknown) => {
      if (error instanceof ChannelError) throw error;
      // Baileys throws Boom errors (timeouts, closed socket). Resending is safe: the id stays the same.
      throw new ChannelError({
        code: 'WHATSAPP_WEB_SEND_FAILED',
        message: error instanceof Error ? error.message : String(error),
        retryable: true,
        cause: error,
      });
    });
    await this.store.save(this.options.pool, row.companyId, row.id, [sent]);
    return { externalId: sent.key.id! };
  }

  async markRead(row: ConnectionRow, externalId: string, customerPhone: string): Promise<void> {
    const session = await this.local(row);
    await session.markRead([{ remoteJid: jidOf(customerPhone), id: externalId, fromMe: false }]);
  }

  /** Media of an inbound message; only the owner can ask the phone to re-upload an expired file. */
  async download(row: ConnectionRow, keyId: string): Promise<FetchedMedia> {
    const message = await this.store.find(row.id, keyId);
    if (!message)
      throw new ChannelError({ code: 'MEDIA_UNKNOWN', message: 'The WhatsApp message of this media is not stored', retryable: false });
    const running = this.running.get(row.id);
    const owner = running ? this.nodeId : await this.leases.ownerOf(row.id);
    if (owner && owner !== this.nodeId) throw new NotOwnerError(owner);
    const bytes = await this.options.downloadMedia(message, running ? (m) => running.session.reupload(m) : undefined);
    return { bytes, mimeType: mediaOf(message)?.mimetype ?? 'application/octet-stream' };
  }

  async requestPairingCode(row: ConnectionRow, phoneNumber: string): Promise<void> {
    await this.command(row, { op: 'pair', connectionId: row.id, companyId: row.companyId, phoneNumber });
  }

  /** Unlinks the device on the phone and forgets the keys, wherever the session runs. */
  async logout(row: ConnectionRow): Promise<void> {
    const sent = await this.command(row, { op: 'logout', connectionId: row.id, companyId: row.companyId }).then(
      () => true,
      (error: unknown) => (error instanceof ChannelError && error.code === 'NOT_CONNECTED' ? false : Promise.reject(error)),
    );
    if (!sent) {
      // Nobody runs it: nothing to unlink live; the keys are forgotten so the next start shows a QR.
      await new DbAuthStore(this.options.pool, this.options.box, row.companyId, row.id).wipe();
      await this.options.connections.setHealth(row.companyId, row.id, { status: 'logged_out', lastError: null, sessionWanted: false });
      await this.onPairing(row, { qr: null, qrExpiresAt: null, pairingCode: null });
    }
  }

  /** A fresh start: after a logout or a stop a new QR, otherwise a reconnect with the same keys. */
  async reconnect(row: ConnectionRow): Promise<void> {
    await this.onPairing(row, { qr: null, qrExpiresAt: null, pairingCode: null });
    await this.options.connections.setHealth(row.companyId, row.id, { status: 'connecting', lastError: null, sessionWanted: true });
    const running = this.running.get(row.id);
    if (running) {
      await this.drop(row.id, 'reconnect requested', { keepLease: true });
    } else {
      const owner = await this.leases.ownerOf(row.id);
      if (owner && owner !== this.nodeId)
        await this.options.jobs.send(nodeQueue(owner), { op: 'restart', connectionId: row.id, companyId: row.companyId });
    }
    this.poke();
  }

  private async command(row: ConnectionRow, command: NodeCommand) {
    const running = this.running.get(row.id);
    if (running) return this.performLocal(command, running.session);
    const owner = await this.leases.ownerOf(row.id);
    if (!owner || owner === this.nodeId)
      throw new ChannelError({ code: 'NOT_CONNECTED', message: 'WhatsApp (QR) is not running for this connection', retryable: true });
    await this.options.jobs.send(nodeQueue(owner), command);
  }

  private async performLocal(command: NodeCommand, session: WebSession) {
    if (command.op === 'pair') await session.requestPairingCode(command.phoneNumber);
    else if (command.op === 'logout') await session.logout();
  }

  /** A command routed to this node. If it moved meanwhile, forward it to the new owner. */
  private async perform(command: NodeCommand, retryCount: number, work: NodeWork): Promise<void> {
    if (command.op === 'send') return work.send(command.messageId, { retryCount });
    if (command.op === 'media') return work.media(command.messageId, { retryCount });
    if (command.op === 'read') return work.read(command.ticketId);
    const running = this.running.get(command.connectionId);
    if (command.op === 'restart') {
      if (running) await this.drop(command.connectionId, 'reconnect requested', { keepLease: true });
      return this.poke();
    }
    const row = await this.options.connections.getRow(command.companyId, command.connectionId).catch(() => undefined);
    if (!row) return; // deleted: the lease renewal logs it out
    if (command.op === 'logout') return this.logout(row);
    if (running) return this.performLocal(command, running.session);
    this.log.warn({ connectionId: command.connectionId }, 'pairing code requested for a session that is no longer running');
  }

  /** Hands routed work to the node that owns the connection now. */
  async forward(ownerNode: string, command: NodeCommand): Promise<void> {
    await this.options.jobs.send(nodeQueue(ownerNode), command);
  }
}
