import { ChannelError, type WebSession } from '@jimmy/channels';
import type { Jobs } from '../../infra/jobs.js';
import type { Logger } from '../../infra/logger.js';
import type { ConnectionRow, ConnectionsService, NodeWork, QrSessions } from '../connections/index.js';
import type { InboundBridge } from './inbound-bridge.js';
import type { LeaseRepository } from './leases.js';
import type { LeaseSupervisor } from './lease-supervisor.js';
import { nodeQueue, type NodeCommand } from './node-queue.js';
import type { DbAuthStore } from './wa-auth.store.js';

const NO_PAIRING = { qr: null, qrExpiresAt: null, pairingCode: null };

/**
 * Commands on a QR session from any node (pairing code, logout, restart) and the worker of this
 * node's own queue, which runs what other nodes route here.
 */
export class NodeCommands implements QrSessions {
  constructor(
    private readonly deps: {
      nodeId: string;
      jobs: Jobs;
      leases: LeaseRepository;
      supervisor: LeaseSupervisor;
      bridge: InboundBridge;
      connections: ConnectionsService;
      authStore: (row: ConnectionRow) => DbAuthStore;
      log: Logger;
    },
  ) {}

  async register(work: NodeWork): Promise<void> {
    await this.deps.jobs.register(nodeQueue(this.deps.nodeId), (command, job) => this.perform(command, job.retryCount, work), {
      retryLimit: 8,
      retryDelaySeconds: 2,
    });
  }

  /** Sends a claimed connection's pending messages from here: a dead owner's queue may hold them. */
  async requeuePending(work: NodeWork, connectionId: number): Promise<void> {
    for (const id of await work.pendingSends(connectionId))
      await this.deps.jobs.send(nodeQueue(this.deps.nodeId), { op: 'send', messageId: id }, { singletonKey: `wa-send:${id}` });
  }

  async requestPairingCode(row: ConnectionRow, phoneNumber: string): Promise<void> {
    await this.command(row, { op: 'pair', connectionId: row.id, companyId: row.companyId, phoneNumber });
  }

  /** Unlinks the device on the phone and forgets the keys, wherever the session runs. */
  async logout(row: ConnectionRow): Promise<void> {
    let sent = true;
    try {
      await this.command(row, { op: 'logout', connectionId: row.id, companyId: row.companyId });
    } catch (error) {
      if (!(error instanceof ChannelError && error.code === 'NOT_CONNECTED')) throw error;
      sent = false;
    }
    if (!sent) {
      // Nobody runs it: nothing to unlink live; the keys are forgotten so the next start shows a QR.
      await this.deps.authStore(row).wipe();
      await this.deps.connections.setHealth(row.companyId, row.id, { status: 'logged_out', lastError: null, sessionWanted: false });
      await this.deps.bridge.showPairing(row, NO_PAIRING);
    }
  }

  /** A fresh start: after a logout or a stop a new QR, otherwise a reconnect with the same keys. */
  async reconnect(row: ConnectionRow): Promise<void> {
    const { supervisor } = this.deps;
    await this.deps.bridge.showPairing(row, NO_PAIRING);
    await this.deps.connections.setHealth(row.companyId, row.id, { status: 'connecting', lastError: null, sessionWanted: true });
    if (supervisor.get(row.id)) {
      await supervisor.drop(row.id, 'reconnect requested', { keepLease: true });
    } else {
      const owner = await this.deps.leases.ownerOf(row.id);
      if (owner && owner !== this.deps.nodeId)
        await this.deps.jobs.send(nodeQueue(owner), { op: 'restart', connectionId: row.id, companyId: row.companyId });
    }
    supervisor.poke();
  }

  private async command(row: ConnectionRow, command: NodeCommand) {
    const running = this.deps.supervisor.get(row.id);
    if (running) return this.performLocal(command, running.session);
    const owner = await this.deps.leases.ownerOf(row.id);
    if (!owner || owner === this.deps.nodeId)
      throw new ChannelError({ code: 'NOT_CONNECTED', message: 'WhatsApp (QR) is not running for this connection', retryable: true });
    await this.deps.jobs.send(nodeQueue(owner), command);
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
    const { supervisor } = this.deps;
    const running = supervisor.get(command.connectionId);
    if (command.op === 'restart') {
      if (running) await supervisor.drop(command.connectionId, 'reconnect requested', { keepLease: true });
      return supervisor.poke();
    }
    const row = await this.deps.connections.getRow(command.companyId, command.connectionId).catch(() => undefined);
    if (!row) return; // deleted: the lease renewal logs it out
    if (command.op === 'logout') return this.logout(row);
    if (running) return this.performLocal(command, running.session);
    this.deps.log.warn({ connectionId: command.connectionId }, 'pairing code requested for a session that is no longer running');
  }
}
