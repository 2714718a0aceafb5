import type { ConnectionQrEvent } from '@jimmy/contracts';
import {
  parseBaileysMessage,
  parseBaileysReceipts,
  type PairingInfo,
  type SessionChange,
  type WAMessage,
  type WebSessionHandlers,
} from '@jimmy/channels';
import type { EventBus } from '../../infra/events.js';
import type { Logger } from '../../infra/logger.js';
import type { ConnectionRow, ConnectionsService } from '../connections/index.js';
import type { IngestConnection, IngestService } from '../ingest/index.js';
import type { WaMessageStore } from './wa-messages.store.js';

const INGEST_TRIES = 5;

/** Turns a QR session's Baileys events into ingest calls, connection health and pairing events. */
export class InboundBridge {
  constructor(
    private readonly deps: {
      ingest: IngestService;
      connections: ConnectionsService;
      events: EventBus;
      store: WaMessageStore;
      log: Logger;
    },
  ) {}

  handlersFor(row: ConnectionRow, target: IngestConnection, stop: (reason: string) => void): WebSessionHandlers {
    return {
      onChange: (change) => this.onChange(row, change, stop),
      onPairing: (info) => this.showPairing(row, info),
      onMessages: (messages) => this.onMessages(target, messages),
      onReceipts: async (updates) => {
        const statuses = parseBaileysReceipts(updates);
        if (statuses.length > 0) await this.deps.ingest.applyStatuses(target, statuses);
      },
    };
  }

  /** Stores the QR or pairing code a connection shows now (null clears it) and tells its admins. */
  async showPairing(row: ConnectionRow, info: PairingInfo): Promise<void> {
    await this.deps.connections.setPairing(row.companyId, row.id, info);
    const event: ConnectionQrEvent = {
      connectionId: row.id,
      qr: info.qr,
      qrExpiresAt: info.qrExpiresAt?.toISOString() ?? null,
      pairingCode: info.pairingCode,
    };
    this.deps.events.publish('connection.qr', { companyId: row.companyId, ...event });
  }

  private async onChange(row: ConnectionRow, change: SessionChange, stop: (reason: string) => void) {
    const status = change.state === 'pairing' ? 'qr' : change.state === 'n/a' ? 'open' : change.state;
    await this.deps.connections.setHealth(row.companyId, row.id, {
      status,
      lastError: change.lastError,
      ...(change.me && { displayPhoneNumber: `+${change.me.phone}`, profileName: change.me.name }),
      ...(!change.keepRunning && { sessionWanted: false }),
    });
    if (!change.keepRunning) stop(change.lastError ?? change.state);
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
          await this.deps.ingest.ingest(target, [inbound], {
            alsoStore: (client) => this.deps.store.save(target.companyId, target.id, [raw], client),
          });
          break;
        } catch (error) {
          if (attempt >= INGEST_TRIES) {
            this.deps.log.error({ err: error, connectionId: target.id, message: raw }, 'could not store an inbound whatsapp web message');
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
        }
      }
    }
  }
}
