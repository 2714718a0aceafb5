import { createHash } from 'node:crypto';
import { normalizeMessageContent, type WAMessage } from '@jimmy/channels';

/** A customer's WhatsApp address: from the digits we store as their wa_id, or their `@lid` as it is. */
export const jidOf = (address: string) => (address.includes('@') ? address : `${address.replace(/\D/g, '')}@s.whatsapp.net`);

/**
 * Our message id on WhatsApp, derived from our own idempotency key in the shape Baileys generates
 * ("3EB0" + 36 hex digits), so that every attempt to send one message carries the same id.
 */
export function messageIdFor(clientRef: string): string {
  return `3EB0${createHash('sha256').update(clientRef).digest('hex').slice(0, 36).toUpperCase()}`;
}

/** The media part of a message, whichever kind it is. */
export function mediaOf(message: WAMessage): { mimetype?: string | null } | undefined {
  const content = normalizeMessageContent(message.message);
  return (
    content?.imageMessage ??
    content?.videoMessage ??
    content?.audioMessage ??
    content?.documentMessage ??
    content?.stickerMessage ??
    undefined
  );
}
