import { asString, compact } from '../jsonReaders.js';
import type { DeliveryStatus, StatusUpdate } from '../types.js';
import { jidDecode, proto } from './baileys.js';
import type { WAMessageUpdate } from './baileys.js';

const Status = proto.WebMessageInfo.Status;

/**
 * proto.WebMessageInfo.Status → our status (CHANNELS-WHATSAPP.md §4). PENDING means "not yet on
 * WhatsApp's server", which is where a message we just handed to sendMessage already is: no news.
 */
export function mapBaileysStatus(status: number | null | undefined): DeliveryStatus | undefined {
  switch (status) {
    case Status.ERROR:
      return 'failed';
    case Status.SERVER_ACK:
      return 'sent';
    case Status.DELIVERY_ACK:
      return 'delivered';
    case Status.READ:
      return 'read';
    case Status.PLAYED:
      return 'played';
    default:
      return undefined;
  }
}

/**
 * Receipts for messages we sent, from one `messages.update` event. The same event also carries
 * edits, revokes, stars and poll votes (no status) and our own read marks on the customer's
 * messages (fromMe false); those are not delivery news and are skipped. Baileys gives no receipt
 * time, so `at` is when we saw it. Forward-only ordering is the caller's job (isStatusForward).
 */
export function parseBaileysReceipts(updates: readonly WAMessageUpdate[], now: Date = new Date()): StatusUpdate[] {
  return updates.flatMap(({ key, update }) => {
    const externalId = asString(key.id);
    // `status != null`, not truthiness: ERROR is 0.
    const status = key.fromMe === true && update.status != null ? mapBaileysStatus(update.status) : undefined;
    if (!externalId || !status) return [];
    return [
      compact({
        externalId,
        status,
        at: now,
        recipient: phoneOf(key.remoteJid),
        error: status === 'failed' ? readError(update.messageStubParameters) : undefined,
      }),
    ];
  });
}

/** Digits of a phone-number jid; groups and `@lid` ids are not a recipient phone. */
function phoneOf(jid: string | null | undefined): string | undefined {
  const decoded = jidDecode(jid ?? undefined);
  if (!decoded || (decoded.server !== 's.whatsapp.net' && decoded.server !== 'c.us')) return undefined;
  return /^\d+$/.test(decoded.user) ? decoded.user : undefined;
}

/** Baileys puts the error attribute of a bad server ack (e.g. "479") in messageStubParameters[0]. */
function readError(params: readonly string[] | null | undefined): StatusUpdate['error'] {
  const code = asString(params?.[0]);
  return { code: code ?? 'ERROR', title: 'WhatsApp did not accept the message' };
}
