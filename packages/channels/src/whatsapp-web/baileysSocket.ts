import { Browsers, makeWASocket } from './baileys.js';
import type { SocketFactory } from './WebSession.js';

export interface BaileysSocketOptions {
  /** A pino-compatible logger; Baileys is chatty, so give it a child at warn level or above. */
  logger: Parameters<typeof makeWASocket>[0]['logger'];
}

/**
 * The production socket: a real WhatsApp Web connection. History sync is off (we only serve live
 * conversations, and a full sync costs memory per connection), and the phone keeps getting its
 * own notifications because we never mark ourselves online.
 */
export function baileysSocketFactory(options: BaileysSocketOptions): SocketFactory {
  return ({ auth, getMessage }) =>
    makeWASocket({
      auth,
      getMessage,
      ...(options.logger && { logger: options.logger }),
      browser: Browsers.ubuntu('Chrome'),
      markOnlineOnConnect: false,
      syncFullHistory: false,
      shouldSyncHistoryMessage: () => false,
      generateHighQualityLinkPreview: false,
      printQRInTerminal: false,
    });
}
