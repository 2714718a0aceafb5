import { asArray, asBoolean, asNumber, asObject, asString, compact, unixSecondsToDate } from '../jsonReaders.js';
import type { JsonObject } from '../jsonReaders.js';
import { isMediaKind, type InboundMessage, type MediaKind, type MediaRef, type Sender } from '../types.js';

/** A `contacts[]` element of a Cloud notification: who the messages in the same change came from. */
export interface CloudContact {
  waId?: string;
  bsuid?: string;
  name?: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: string };

type Body = Pick<InboundMessage, 'kind' | 'text' | 'media' | 'location' | 'contacts' | 'choice' | 'reaction' | 'error'>;

/** Normalises one element of `value.messages[]`; never throws, reports what it could not read. */
export function parseCloudMessage(raw: unknown, contacts: readonly CloudContact[]): ParseResult<InboundMessage> {
  const msg = asObject(raw);
  if (!msg) return { ok: false, problem: 'message is not an object' };
  const externalId = asString(msg['id']);
  if (!externalId) return { ok: false, problem: 'message without id' };

  const sender = readSender(msg, contacts);
  if (!sender) return { ok: false, problem: `${externalId}: no from / from_user_id` };
  const at = unixSecondsToDate(msg['timestamp']);
  if (!at) return { ok: false, problem: `${externalId}: unreadable timestamp` };

  const type = asString(msg['type']) ?? 'unknown';
  const body = readBody(type, msg);
  if (!body.ok) return { ok: false, problem: `${externalId}: ${body.problem}` };

  const replyTo = asString(asObject(msg['context'])?.['id']);
  return {
    ok: true,
    value: compact({ externalId, sender, at, ...body.value, replyToExternalId: replyTo, raw }),
  };
}

function readSender(msg: JsonObject, contacts: readonly CloudContact[]): Sender | undefined {
  const waId = asString(msg['from']);
  // Meta names the field from_user_id in messages; user_id is accepted for early/partner payloads.
  const messageBsuid = asString(msg['from_user_id']) ?? asString(msg['user_id']);
  if (!waId && !messageBsuid) return undefined;
  const contact = contacts.find((c) => (waId !== undefined && c.waId === waId) || (messageBsuid !== undefined && c.bsuid === messageBsuid));
  return compact({ waId, bsuid: messageBsuid ?? contact?.bsuid, name: contact?.name });
}

function readBody(type: string, msg: JsonObject): ParseResult<Body> {
  if (isMediaKind(type)) return readMedia(type, asObject(msg[type]));
  switch (type) {
    case 'text': {
      const text = asString(asObject(msg['text'])?.['body']);
      return text === undefined ? { ok: false, problem: 'text without body' } : { ok: true, value: { kind: 'text', text } };
    }
    case 'location':
      return readLocation(asObject(msg['location']));
    case 'contacts':
      return readContacts(msg['contacts']);
    case 'interactive':
      return readInteractive(asObject(msg['interactive']));
    case 'button':
      return readTemplateButton(asObject(msg['button']));
    case 'reaction':
      return readReaction(asObject(msg['reaction']));
    default:
      // 'unsupported', plus types we do not map (order, system, request_welcome…): keep the message so
      // the agent sees something arrived, rather than dropping a customer's message.
      return { ok: true, value: { kind: 'unsupported', error: readFirstError(msg, type) } };
  }
}

function readMedia(kind: MediaKind, obj: JsonObject | undefined): ParseResult<Body> {
  const providerId = asString(obj?.['id']);
  if (!obj || !providerId) return { ok: false, problem: `${kind} without media id` };
  const caption = asString(obj['caption']);
  const media: MediaRef = compact({
    providerId,
    mimeType: asString(obj['mime_type']),
    sha256: asString(obj['sha256']),
    fileName: asString(obj['filename']),
    caption,
    voice: asBoolean(obj['voice']),
    animated: asBoolean(obj['animated']),
  });
  return { ok: true, value: compact({ kind, media, text: caption }) };
}

function readLocation(obj: JsonObject | undefined): ParseResult<Body> {
  const latitude = asNumber(obj?.['latitude']);
  const longitude = asNumber(obj?.['longitude']);
  if (latitude === undefined || longitude === undefined) return { ok: false, problem: 'location without coordinates' };
  const location = compact({ latitude, longitude, name: asString(obj?.['name']), address: asString(obj?.['address']) });
  return { ok: true, value: { kind: 'location', location } };
}

function readContacts(value: unknown): ParseResult<Body> {
  const cards = asArray(value).flatMap((item) => {
    const card = asObject(item);
    if (!card) return [];
    const nameObj = asObject(card['name']);
    const name =
      asString(nameObj?.['formatted_name']) ??
      [asString(nameObj?.['first_name']), asString(nameObj?.['last_name'])].filter(Boolean).join(' ');
    const phones = asArray(card['phones']).flatMap((p) => {
      const phoneObj = asObject(p);
      const phone = asString(phoneObj?.['phone']) ?? asString(phoneObj?.['wa_id']);
      return phone ? [compact({ phone, waId: asString(phoneObj?.['wa_id']) })] : [];
    });
    return [{ name, phones }];
  });
  if (cards.length === 0) return { ok: false, problem: 'contacts message without readable cards' };
  return { ok: true, value: { kind: 'contacts', contacts: cards } };
}

function readInteractive(obj: JsonObject | undefined): ParseResult<Body> {
  const type = asString(obj?.['type']);
  const source = type === 'button_reply' ? 'button' : type === 'list_reply' ? 'list' : undefined;
  if (!obj || !type || !source) {
    // e.g. nfm_reply (Flows): real customer input we cannot map yet.
    return { ok: true, value: { kind: 'unsupported', error: { code: 'UNMAPPED_TYPE', title: `interactive ${type ?? '?'}` } } };
  }
  const reply = asObject(obj[type]);
  const id = asString(reply?.['id']);
  const title = asString(reply?.['title']);
  if (!id || !title) return { ok: false, problem: `${type} without id/title` };
  return { ok: true, value: { kind: 'interactive', text: title, choice: { id, title, source } } };
}

/** A quick-reply button on a template comes as type "button" with text + payload, not an id. */
function readTemplateButton(obj: JsonObject | undefined): ParseResult<Body> {
  const title = asString(obj?.['text']);
  const id = asString(obj?.['payload']) ?? title;
  if (!title || !id) return { ok: false, problem: 'button without text' };
  return { ok: true, value: { kind: 'interactive', text: title, choice: { id, title, source: 'template' } } };
}

/** Meta leaves `emoji` out when the customer removes a reaction. */
function readReaction(obj: JsonObject | undefined): ParseResult<Body> {
  const targetExternalId = asString(obj?.['message_id']);
  if (!targetExternalId) return { ok: false, problem: 'reaction without message_id' };
  return { ok: true, value: { kind: 'reaction', reaction: { targetExternalId, emoji: asString(obj?.['emoji']) ?? null } } };
}

function readFirstError(msg: JsonObject, type: string): { code: number | string; title: string } {
  const first = asObject(asArray(msg['errors'])[0]);
  const code = asNumber(first?.['code']) ?? asString(first?.['code']);
  if (code !== undefined) {
    return { code, title: asString(first?.['title']) ?? asString(first?.['message']) ?? 'Unknown error' };
  }
  return { code: 'UNMAPPED_TYPE', title: `message type ${type}` };
}
