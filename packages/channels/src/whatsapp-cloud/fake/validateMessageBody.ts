import { asArray, asObject, asString } from '../../jsonReaders.js';
import type { JsonObject } from '../../jsonReaders.js';

/**
 * Checks a send body the way the Graph API does, so a client bug shows up as Meta's 400 in tests
 * instead of passing against a lenient fake. Returns the problem, or undefined when valid.
 */
export function validateMessageBody(body: unknown): string | undefined {
  const msg = asObject(body);
  if (!msg) return 'body must be a JSON object';
  if (msg['messaging_product'] !== 'whatsapp') return 'messaging_product must be "whatsapp"';
  const to = asString(msg['to']);
  if (!to || !/^\+?\d{6,20}$/.test(to)) return '"to" must be a phone number';
  if (msg['context'] !== undefined && !asString(asObject(msg['context'])?.['message_id'])) {
    return 'context.message_id is required';
  }
  const type = asString(msg['type']) ?? 'text';
  if (type === 'contacts') return validateContacts(msg['contacts']);
  const payload = asObject(msg[type]);
  if (!payload) return `"${type}" object is required for type ${type}`;
  return validatePayload(type, payload);
}

function validatePayload(type: string, payload: JsonObject): string | undefined {
  switch (type) {
    case 'text': {
      const body = asString(payload['body']);
      if (!body) return 'text.body is required';
      return body.length > 4096 ? 'text.body is longer than 4096' : undefined;
    }
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker':
      return validateMedia(type, payload);
    case 'reaction':
      if (!asString(payload['message_id'])) return 'reaction.message_id is required';
      return typeof payload['emoji'] === 'string' ? undefined : 'reaction.emoji is required';
    case 'template':
      if (!asString(payload['name'])) return 'template.name is required';
      if (!asString(asObject(payload['language'])?.['code'])) return 'template.language.code is required';
      return payload['components'] === undefined || Array.isArray(payload['components'])
        ? undefined
        : 'template.components must be an array';
    case 'interactive':
      return validateInteractive(payload);
    case 'location':
      return typeof payload['latitude'] === 'number' && typeof payload['longitude'] === 'number'
        ? undefined
        : 'location.latitude/longitude are required';
    default:
      return `unsupported message type ${type}`;
  }
}

function validateContacts(value: unknown): string | undefined {
  const contacts = asArray(value);
  if (contacts.length === 0) return 'contacts: at least one contact is required';
  for (const contact of contacts) {
    const name = asObject(asObject(contact)?.['name']);
    if (!asString(name?.['formatted_name'])) return 'contacts[].name.formatted_name is required';
    const others = ['first_name', 'last_name', 'middle_name', 'suffix', 'prefix'];
    if (!others.some((key) => asString(name?.[key]))) return 'contacts[].name needs one of first_name, last_name, … besides formatted_name';
    for (const phone of asArray(asObject(contact)?.['phones'])) {
      if (!asString(asObject(phone)?.['phone'])) return 'contacts[].phones[].phone is required';
    }
  }
  return undefined;
}

function validateMedia(type: string, media: JsonObject): string | undefined {
  const hasId = asString(media['id']) !== undefined;
  const hasLink = asString(media['link']) !== undefined;
  if (hasId === hasLink) return `${type} needs exactly one of id or link`;
  if ((type === 'audio' || type === 'sticker') && media['caption'] !== undefined) return `${type} takes no caption`;
  if (type !== 'document' && media['filename'] !== undefined) return `${type} takes no filename`;
  return undefined;
}

function validateInteractive(interactive: JsonObject): string | undefined {
  if (!asString(asObject(interactive['body'])?.['text'])) return 'interactive.body.text is required';
  const action = asObject(interactive['action']);
  if (interactive['type'] === 'button') {
    const buttons = asArray(action?.['buttons']);
    if (buttons.length < 1 || buttons.length > 3) return 'interactive buttons: 1 to 3 required';
    const valid = buttons.every((b) => {
      const reply = asObject(asObject(b)?.['reply']);
      return asObject(b)?.['type'] === 'reply' && asString(reply?.['id']) && asString(reply?.['title']);
    });
    return valid ? undefined : 'each button needs type "reply" and reply.id/title';
  }
  if (interactive['type'] === 'list') {
    if (!asString(action?.['button'])) return 'interactive list: action.button is required';
    const rows = asArray(action?.['sections']).flatMap((s) => asArray(asObject(s)?.['rows']));
    if (rows.length < 1 || rows.length > 10) return 'interactive list: 1 to 10 rows required';
    const valid = rows.every((r) => asString(asObject(r)?.['id']) && asString(asObject(r)?.['title']));
    return valid ? undefined : 'each row needs id and title';
  }
  return `unsupported interactive type ${String(interactive['type'])}`;
}
