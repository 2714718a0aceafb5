import { ChannelError } from '../ChannelError.js';
import { compact } from '../jsonReaders.js';
import type { JsonObject } from '../jsonReaders.js';
import { phoneDigits } from '../buildVCard.js';
import type { OutboundContacts, OutboundMedia, OutboundMessage } from '../types.js';

const MAX_BUTTONS = 3;
const MAX_LIST_ROWS = 10;
const DIGITS = /^\d{6,20}$/;

/**
 * Builds the JSON for `POST /{v}/{phone-number-id}/messages` (CHANNELS-WHATSAPP.md §1.4).
 * WhatsApp limits are checked here so a bad message fails fast, before a round trip that would
 * only come back as a non-retryable 400.
 */
export function buildMessageBody(message: OutboundMessage): JsonObject {
  if (!DIGITS.test(message.to)) invalid(`"to" must be digits with country code, got "${message.to}"`);
  const base: JsonObject = { messaging_product: 'whatsapp', recipient_type: 'individual', to: message.to };
  if (message.replyToExternalId) base['context'] = { message_id: message.replyToExternalId };
  // Reactions do not accept it; everything else echoes it back in its status webhooks.
  if (message.clientRef && message.kind !== 'reaction') base['biz_opaque_callback_data'] = message.clientRef;

  switch (message.kind) {
    case 'text':
      if (message.body.length === 0) invalid('text body is empty');
      return { ...base, type: 'text', text: { body: message.body, preview_url: message.previewUrl ?? false } };
    case 'media':
      return { ...base, type: message.mediaKind, [message.mediaKind]: buildMediaObject(message) };
    case 'reaction':
      return { ...base, type: 'reaction', reaction: { message_id: message.targetExternalId, emoji: message.emoji } };
    case 'template':
      return {
        ...base,
        type: 'template',
        template: compact({ name: message.name, language: { code: message.language }, components: message.components }),
      };
    case 'buttons': {
      if (message.buttons.length === 0 || message.buttons.length > MAX_BUTTONS) {
        invalid(`buttons: need 1 to ${MAX_BUTTONS}, got ${message.buttons.length}`);
      }
      const buttons = message.buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } }));
      return { ...base, type: 'interactive', interactive: { type: 'button', body: { text: message.body }, action: { buttons } } };
    }
    case 'contacts':
      return { ...base, type: 'contacts', contacts: buildContacts(message) };
    case 'list': {
      const rows = message.sections.reduce((n, s) => n + s.rows.length, 0);
      if (rows === 0 || rows > MAX_LIST_ROWS) invalid(`list: need 1 to ${MAX_LIST_ROWS} rows, got ${rows}`);
      const sections = message.sections.map((s) => compact({ title: s.title, rows: s.rows.map((r) => compact({ ...r })) }));
      return {
        ...base,
        type: 'interactive',
        interactive: { type: 'list', body: { text: message.body }, action: { button: message.button, sections } },
      };
    }
  }
}

function buildMediaObject(message: OutboundMedia): JsonObject {
  const { mediaKind, providerMediaId, link } = message;
  if ((providerMediaId === undefined) === (link === undefined)) {
    invalid('media needs exactly one of providerMediaId or link');
  }
  // Cloud rejects captions on audio and stickers and filenames on anything but documents.
  // `voice` is not sent: §1.4 documents no such field for Cloud (it is a Baileys ptt flag).
  const takesCaption = mediaKind === 'image' || mediaKind === 'video' || mediaKind === 'document';
  return compact({
    id: providerMediaId,
    link,
    caption: takesCaption ? message.caption : undefined,
    filename: mediaKind === 'document' ? message.fileName : undefined,
  });
}

/**
 * Meta's contacts object: `name.formatted_name` plus at least one other name field, and phones with
 * `wa_id` so WhatsApp offers "Message" on the card (developers.facebook.com … /contacts-messages).
 */
function buildContacts(message: OutboundContacts): JsonObject[] {
  if (message.contacts.length === 0) invalid('contacts: at least one contact');
  return message.contacts.map((contact) => {
    const name = contact.name.trim();
    const digits = phoneDigits(contact.phone);
    if (!name) invalid('contacts: a contact needs a name');
    if (!DIGITS.test(digits)) invalid(`contacts: "${contact.phone}" is not a phone number`);
    const parts = name.split(/\s+/);
    return {
      name: compact({
        formatted_name: name,
        first_name: parts.length > 1 ? parts.slice(0, -1).join(' ') : name,
        last_name: parts.length > 1 ? parts[parts.length - 1] : undefined,
      }),
      phones: [{ phone: `+${digits}`, type: 'CELL', wa_id: digits }],
    };
  });
}

function invalid(details: string): never {
  throw new ChannelError({ code: 'INVALID_MESSAGE', message: `Invalid outbound message: ${details}`, retryable: false, details });
}
