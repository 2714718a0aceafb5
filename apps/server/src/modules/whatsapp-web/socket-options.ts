import { appendFileSync } from 'node:fs';
import { baileysSocketFactory, downloadBaileysMedia, type SocketFactory } from '@jimmy/channels';
import type { Config } from '../../infra/config.js';
import type { Logger } from '../../infra/logger.js';
import type { MediaDownloader } from './web.transport.js';

/** What a test injects instead of WhatsApp's servers (and faster timings). */
export interface WhatsAppWebOverrides {
  socketFactory?: SocketFactory;
  downloadMedia?: MediaDownloader;
  reconnect?: { baseMs: number; maxMs: number };
  qrLifetimeMs?: (index: number) => number;
}

interface SocketOptions {
  socketFactory: SocketFactory;
  downloadMedia: MediaDownloader;
  qrLifetimeMs?: (index: number) => number;
  reconnect?: { baseMs: number; maxMs: number };
}

/**
 * What carries QR connections: injected test doubles, real WhatsApp Web sockets, or
 * (WHATSAPP_WEB_SOCKET=fake) the offline stand-in used by the browser tests, the multi-process
 * lease test and the memory benchmark.
 */
export async function whatsappWebSocketOptions(
  config: Config,
  logger: Logger,
  injected: WhatsAppWebOverrides = {},
): Promise<SocketOptions> {
  if (injected.socketFactory) {
    return {
      socketFactory: injected.socketFactory,
      downloadMedia: injected.downloadMedia ?? downloadBaileysMedia,
      ...(injected.reconnect && { reconnect: injected.reconnect }),
      ...(injected.qrLifetimeMs && { qrLifetimeMs: injected.qrLifetimeMs }),
    };
  }
  if (config.WHATSAPP_WEB_SOCKET === 'baileys') {
    return {
      socketFactory: baileysSocketFactory({ logger: logger.child({ component: 'baileys' }, { level: 'warn' }) }),
      downloadMedia: downloadBaileysMedia,
    };
  }
  logger.warn('WHATSAPP_WEB_SOCKET=fake: QR connections talk to an offline stand-in, not to WhatsApp');
  const { FakeWhatsAppWeb } = await import('@jimmy/channels/testing');
  const logFile = config.WHATSAPP_WEB_FAKE_LOG;
  const fake = new FakeWhatsAppWeb({
    qrIntervalMs: config.WHATSAPP_WEB_FAKE_QR_MS,
    inboundPerSecond: config.WHATSAPP_WEB_FAKE_INBOUND_PER_S,
    ...(config.WHATSAPP_WEB_FAKE_AUTOPAIR_MS !== undefined && { autoPairAfterMs: config.WHATSAPP_WEB_FAKE_AUTOPAIR_MS }),
    ...(logFile && {
      onSend: (send) =>
        appendFileSync(
          logFile,
          `${JSON.stringify({ node: config.nodeId, pid: process.pid, jid: send.jid, id: send.id, content: send.content })}\n`,
        ),
    }),
  });
  const rotation = config.WHATSAPP_WEB_FAKE_QR_MS;
  return {
    socketFactory: fake.factory,
    downloadMedia: async (message) => Buffer.from(`fake media of ${message.key.id ?? 'unknown'}`),
    // The countdown in the browser follows the fake's own rotation, not WhatsApp's 60/20 s.
    ...(rotation > 0 && { qrLifetimeMs: () => rotation }),
  };
}
