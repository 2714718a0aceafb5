import { asObject, asString, compact } from '../jsonReaders.js';
import type { InboundMessage, MediaKind, MediaRef, Sender } from '../types.js';
import {
  getContentType,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  jidDecode,
  jidNormalizedUser,
  normalizeMessageContent,
} from './baileys.js';
import type { WAMessage } from './baileys.js';

/** proto.IMessage, reached through WAMessage so baileys.ts needs no extra type exports. */
type Content = NonNullable<WAMessage['message']>;
type ContentType = keyof Content;

type Body = Pick<InboundMessage, 'kind' | 'text' | 'media' | 'location' | 'contacts' | 'choice' | 'reaction' | 'error'>;

/** The media fields the five media message types share (plus the type-specific flags). */
interface MediaFields {
  mimetype?: string | null;
  fileSha256?: Uint8Array | null;
  caption?: string | null;
  fileName?: string | null;
  title?: string | null;
  ptt?: boolean | null;
  isAnimated?: boolean | null;
}

export interface ParseBaileysOptions {
  /** Group chats are dropped unless set; the sender is then the participant, not the group. */
  includeGroups?: boolean;
  /** Clock for the rare message without a timestamp (tests inject it). */
  now?: () => Date;
}

/**
 * Normalises one message of a `messages.upsert` event (CHANNELS-WHATSAPP.md §2.3), or returns null
 * for what is not a customer message: protocol traffic (revokes, edits, key shares), stubs (failed
 * decryptions, call logs, group events), stories, broadcast lists, channels, and groups unless asked.
 *
 * Unlike the Cloud parser this never reports a problem: Baileys has already decoded the protobuf,
 * so a message we cannot map is kept as 'unsupported' rather than dropped.
 */
export function parseBaileysMessage(msg: WAMessage, options: ParseBaileysOptions = {}): InboundMessage | null {
  const externalId = asString(msg.key.id);
  const remoteJid = asString(msg.key.remoteJid);
  if (!externalId || !remoteJid || !msg.message) return null;
  // 0 is StubType.UNKNOWN, which is also what an unset field reads as on a decoded instance.
  if (msg.messageStubType) return null;
  // isJidBroadcast covers both status@broadcast (stories) and broadcast lists (`<id>@broadcast`).
  if (msg.broadcast === true || isJidBroadcast(remoteJid) || isJidNewsletter(remoteJid)) return null;
  const group = isJidGroup(remoteJid) === true;
  if (group && !options.includeGroups) return null;

  // Unwraps ephemeral, view-once (v1, v2, v2 extension), documentWithCaption and edited wrappers.
  const content = normalizeMessageContent(msg.message);
  // getContentType skips senderKeyDistributionMessage, so a key-share-only message has no type.
  const type = getContentType(content);
  if (!content || !type || type === 'protocolMessage') return null;

  const fromMe = msg.key.fromMe === true;
  const sender = readSender(msg, group ? (asString(msg.key.participant) ?? asString(msg.participant)) : remoteJid, fromMe);
  if (!sender) return null;

  return compact({
    externalId,
    sender,
    at: secondsToDate(msg.messageTimestamp) ?? options.now?.() ?? new Date(),
    ...readBody(type, content, externalId),
    replyToExternalId: readReplyTo(content, type),
    fromMe,
    // The server keeps this: downloadMediaMessage needs its url/directPath/mediaKey later.
    raw: msg,
  });
}

function readSender(msg: WAMessage, senderJid: string | undefined, fromMe: boolean): Sender | undefined {
  if (!senderJid) return undefined;
  // Drops the device suffix (`5511…:12@s.whatsapp.net`) and maps the legacy c.us server.
  const jid = jidNormalizedUser(senderJid);
  const decoded = jidDecode(jid);
  if (!decoded) return undefined;
  // Only phone-number jids carry the number; `@lid` users are opaque ids WhatsApp uses to hide it.
  const waId = decoded.server === 's.whatsapp.net' && /^\d+$/.test(decoded.user) ? decoded.user : undefined;
  // A `@lid` is to WhatsApp Web what Meta's BSUID is to the Cloud API: a stable id of a user whose
  // number is hidden. Contacts are keyed on it, and replies go to it.
  const bsuid = decoded.server === 'lid' ? jid : undefined;
  // On our own messages pushName is the business's own profile name, not the customer's.
  return compact({ jid, waId, bsuid, name: fromMe ? undefined : asString(msg.pushName) });
}

function readBody(type: ContentType, content: Content, externalId: string): Body {
  switch (type) {
    case 'conversation':
      return { kind: 'text', text: content.conversation ?? '' };
    case 'extendedTextMessage':
      return { kind: 'text', text: content.extendedTextMessage?.text ?? '' };
    case 'imageMessage':
      return readMedia('image', content.imageMessage, externalId);
    // A round "video note" (ptvMessage): same download path as a video, and shown as one.
    case 'videoMessage':
    case 'ptvMessage':
      return readMedia('video', content[type], externalId);
    case 'audioMessage':
      return readMedia('audio', content.audioMessage, externalId);
    case 'documentMessage':
      return readMedia('document', content.documentMessage, externalId);
    case 'stickerMessage':
      return readMedia('sticker', content.stickerMessage, externalId);
    case 'locationMessage':
    case 'liveLocationMessage':
      return readLocation(content[type]);
    case 'contactMessage':
      return readContacts(content.contactMessage ? [content.contactMessage] : []);
    case 'contactsArrayMessage':
      return readContacts(content.contactsArrayMessage?.contacts ?? []);
    case 'reactionMessage':
      return readReaction(content.reactionMessage);
    case 'buttonsResponseMessage': {
      const reply = content.buttonsResponseMessage;
      return readChoice(reply?.selectedButtonId, reply?.selectedDisplayText, 'button', type);
    }
    case 'listResponseMessage': {
      const reply = content.listResponseMessage;
      return readChoice(reply?.singleSelectReply?.selectedRowId, reply?.title, 'list', type);
    }
    case 'templateButtonReplyMessage': {
      const reply = content.templateButtonReplyMessage;
      return readChoice(reply?.selectedId, reply?.selectedDisplayText, 'template', type);
    }
    case 'interactiveResponseMessage':
      return readNativeFlowReply(content.interactiveResponseMessage);
    default:
      // Polls, events, payments, orders…: keep the message so the agent sees something arrived.
      return unsupported(`message type ${type}`);
  }
}

function readMedia(kind: MediaKind, fields: MediaFields | null | undefined, externalId: string): Body {
  if (!fields) return unsupported(`${kind} without content`);
  const caption = asString(fields.caption);
  const media: MediaRef = compact({
    // Baileys has no media id: the file is fetched from the stored raw message, found by key id.
    providerId: externalId,
    mimeType: asString(fields.mimetype),
    sha256: fields.fileSha256 && fields.fileSha256.length > 0 ? Buffer.from(fields.fileSha256).toString('hex') : undefined,
    fileName: kind === 'document' ? (asString(fields.fileName) ?? asString(fields.title)) : undefined,
    caption,
    // Same flags as Cloud: `voice` on every audio, `animated` on every sticker.
    voice: kind === 'audio' ? fields.ptt === true : undefined,
    animated: kind === 'sticker' ? fields.isAnimated === true : undefined,
  });
  return compact({ kind, media, text: caption });
}

interface LocationFields {
  degreesLatitude?: number | null;
  degreesLongitude?: number | null;
  name?: string | null;
  address?: string | null;
  caption?: string | null;
}

function readLocation(fields: LocationFields | null | undefined): Body {
  const latitude = fields?.degreesLatitude;
  const longitude = fields?.degreesLongitude;
  if (typeof latitude !== 'number' || typeof longitude !== 'number' || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
    return unsupported('location without coordinates');
  }
  const location = compact({ latitude, longitude, name: asString(fields?.name), address: asString(fields?.address) });
  // A live location has no name/address, only an optional caption.
  return compact({ kind: 'location', location, text: asString(fields?.caption) });
}

function readContacts(cards: ReadonlyArray<{ displayName?: string | null; vcard?: string | null }>): Body {
  const contacts = cards.map((card) => {
    const parsed = parseVcard(card.vcard ?? '');
    return { name: parsed.name ?? asString(card.displayName) ?? '', phones: parsed.phones };
  });
  if (contacts.length === 0) return unsupported('contacts message without cards');
  return { kind: 'contacts', contacts };
}

export interface ParsedVcard {
  name?: string;
  phones: Array<{ phone: string; waId?: string }>;
}

/**
 * Reads the two things a contact card is for: a name (FN, else N) and phone numbers. WhatsApp marks
 * numbers that have an account with a `waid=<digits>` TEL parameter (`item1.TEL;waid=55…:+55 …`);
 * `phone` is the TEL value reduced to digits, so both are directly usable to start a chat.
 * vCard 3.0 (RFC 2426): long lines fold onto lines starting with a space or tab; `\,` `\;` escape.
 */
export function parseVcard(vcard: string): ParsedVcard {
  const lines = vcard.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  let fn: string | undefined;
  let n: string | undefined;
  const phones: ParsedVcard['phones'] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const [head = '', ...params] = line.slice(0, colon).split(';');
    // Apple-style group prefixes (`item1.TEL`) tie a TEL to its X-ABLabel; the group itself is noise.
    const property = head.replace(/^[^.]*\./, '').toUpperCase();
    const value = line.slice(colon + 1);
    if (property === 'FN') fn = asString(unescapeVcard(value).trim());
    else if (property === 'N') n = nameFromN(value);
    else if (property === 'TEL') {
      const waId = params.map((p) => /^waid=(\d+)$/i.exec(p.trim())?.[1]).find((id) => id !== undefined);
      const phone = asString(value.replace(/\D/g, '')) ?? waId;
      if (phone) phones.push(compact({ phone, waId }));
    }
  }
  return compact({ name: fn ?? n, phones });
}

/** N is `Family;Given;Middle;Prefix;Suffix`; shown as "Prefix Given Middle Family Suffix". */
function nameFromN(value: string): string | undefined {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = value.split(';').map((p) => unescapeVcard(p).trim());
  return asString([prefix, given, middle, family, suffix].filter(Boolean).join(' '));
}

function unescapeVcard(value: string): string {
  return value.replace(/\\([\\,;nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function readReaction(reaction: Content['reactionMessage']): Body {
  const targetExternalId = asString(reaction?.key?.id);
  if (!targetExternalId) return unsupported('reaction without target key');
  // WhatsApp removes a reaction by sending the same reaction with an empty text.
  return { kind: 'reaction', reaction: { targetExternalId, emoji: asString(reaction?.text) ?? null } };
}

function readChoice(
  id: string | null | undefined,
  title: string | null | undefined,
  source: 'button' | 'list' | 'template',
  type: ContentType,
): Body {
  // Either half is enough to route the choice; Cloud's template buttons also fall back to the text.
  const choiceId = asString(id) ?? asString(title);
  const choiceTitle = asString(title) ?? asString(id);
  if (!choiceId || !choiceTitle) return unsupported(`${type} without id or title`);
  return { kind: 'interactive', text: choiceTitle, choice: { id: choiceId, title: choiceTitle, source } };
}

/**
 * Replies to "native flow" buttons carry the chosen id inside `paramsJson` (e.g. `{"id":"agent"}`)
 * and the label in `body.text`. A `single_select` flow is WhatsApp's list; anything else a button.
 */
function readNativeFlowReply(reply: Content['interactiveResponseMessage']): Body {
  const flow = reply?.nativeFlowResponseMessage;
  const source = flow?.name === 'single_select' ? 'list' : 'button';
  return readChoice(readParamsId(flow?.paramsJson), reply?.body?.text, source, 'interactiveResponseMessage');
}

function readParamsId(paramsJson: string | null | undefined): string | undefined {
  if (!paramsJson) return undefined;
  try {
    const id = asObject(JSON.parse(paramsJson))?.['id'];
    return typeof id === 'number' ? String(id) : asString(id);
  } catch {
    return undefined;
  }
}

/** `contextInfo.stanzaId` is the key id of the quoted message, on whichever content type quotes. */
function readReplyTo(content: Content, type: ContentType): string | undefined {
  const inner: unknown = content[type];
  return asString(asObject(asObject(inner)?.['contextInfo'])?.['stanzaId']);
}

function unsupported(title: string): Body {
  return { kind: 'unsupported', error: { code: 'UNMAPPED_TYPE', title } };
}

/**
 * messageTimestamp is Unix seconds as a number (live upserts) or a protobuf Long (decoded or
 * fromObject-built messages; Long.toNumber is exact below 2^53). 0 is the unset default.
 */
export function secondsToDate(value: unknown): Date | undefined {
  let seconds: number | undefined;
  if (typeof value === 'number') seconds = value;
  else if (typeof value === 'string' && value.trim() !== '') seconds = Number(value);
  else if (typeof value === 'object' && value !== null && 'toNumber' in value && typeof value.toNumber === 'function') {
    const converted: unknown = value.toNumber();
    if (typeof converted === 'number') seconds = converted;
  }
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  return new Date(seconds * 1000);
}
