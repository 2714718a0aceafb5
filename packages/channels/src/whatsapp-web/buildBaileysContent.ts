import { ChannelError } from '../ChannelError.js';
import { buildVCard } from '../buildVCard.js';
import { compact } from '../jsonReaders.js';
import type { OutboundButtons, OutboundList, OutboundMedia, OutboundMessage } from '../types.js';
import type { AnyMessageContent, MiscMessageGenerationOptions, WAMessage, WAMessageKey } from './baileys.js';

export interface BaileysSendContext {
  /** The stored message being replied to; Baileys copies it into contextInfo.quotedMessage. */
  quoted?: WAMessage;
  /** Full key (remoteJid, fromMe, id, participant) of the message reacted to. */
  reactionTargetKey?: WAMessageKey;
}

export interface BaileysSend {
  content: AnyMessageContent;
  options: MiscMessageGenerationOptions;
}

/**
 * OutboundMessage → the arguments of `sock.sendMessage(jid, content, options)` (CHANNELS-WHATSAPP.md
 * §2.3). The caller builds the jid and sets `options.messageId`. A reply without `ctx.quoted` goes
 * out unquoted: Baileys needs the whole quoted message, and a lost quote must not block the answer.
 */
export function buildBaileysContent(message: OutboundMessage, ctx: BaileysSendContext = {}): BaileysSend {
  const options: MiscMessageGenerationOptions = ctx.quoted ? { quoted: ctx.quoted } : {};
  switch (message.kind) {
    case 'text':
      if (message.body.length === 0) invalid('text body is empty');
      return { content: textContent(message.body, message.previewUrl === true), options };
    case 'media':
      return { content: mediaContent(message), options };
    case 'reaction': {
      const key = ctx.reactionTargetKey;
      if (!key) {
        throw new ChannelError({
          code: 'REACTION_TARGET_UNKNOWN',
          message: `No stored key for message ${message.targetExternalId}; WhatsApp Web reacts by full key`,
          retryable: false,
        });
      }
      if (key.id && key.id !== message.targetExternalId) invalid(`reaction key ${key.id} is not ${message.targetExternalId}`);
      // An empty text removes our earlier reaction, as on Cloud.
      return { content: { react: { text: message.emoji, key } }, options: {} };
    }
    case 'contacts': {
      if (message.contacts.length === 0) invalid('contacts: at least one contact');
      const displayName = message.contacts.length === 1 ? message.contacts[0]!.name : `${message.contacts.length} contatos`;
      return { content: { contacts: { displayName, contacts: message.contacts.map((c) => ({ vcard: buildVCard(c) })) } }, options };
    }
    case 'template':
      // Templates are Meta-approved Cloud API objects; a linked device has no way to send them.
      throw new ChannelError({
        code: 'NOT_SUPPORTED_ON_WHATSAPP_WEB',
        message: 'Message templates exist only on the WhatsApp Cloud API',
        retryable: false,
      });
    case 'buttons':
    case 'list':
      // Interactive buttons and lists sent from unofficial (linked-device) clients are no longer
      // rendered by WhatsApp, so they go out as text with numbered options. The
      // customer answers by typing; numberedChoices() gives the id behind each number.
      return { content: textContent(degradedText(message), false), options };
  }
}

/**
 * `linkPreview: null` tells Baileys not to build a preview itself, which would fetch the customer-
 * visible URL from our server (and, without the optional link-preview-js, only log a warning).
 */
function textContent(text: string, preview: boolean): AnyMessageContent {
  return preview ? { text } : { text, linkPreview: null };
}

function mediaContent(message: OutboundMedia): AnyMessageContent {
  // Baileys encrypts and uploads the file while sending: it needs the bytes, or a URL it downloads
  // from. A Cloud media id means nothing to WhatsApp Web.
  const source = message.bytes ?? (message.link ? { url: message.link } : undefined);
  if (!source) {
    throw new ChannelError({
      code: 'MEDIA_SOURCE_MISSING',
      message: 'WhatsApp Web sends media from bytes or a link, not from a Cloud media id',
      retryable: false,
    });
  }
  const { caption, mimeType: mimetype } = message;
  switch (message.mediaKind) {
    case 'image':
      return compact({ image: source, caption, mimetype });
    case 'video':
      return compact({ video: source, caption, mimetype });
    case 'audio':
      // Voice notes (ptt) only play as such when they are 'audio/ogg; codecs=opus'; converting is
      // the caller's job, the mime type goes through as given. Audio takes no caption (nor on Cloud).
      return compact({ audio: source, mimetype, ptt: message.voice === true });
    case 'document':
      // Baileys would label a document without a type as application/pdf.
      return compact({ document: source, mimetype: mimetype ?? 'application/octet-stream', fileName: message.fileName, caption });
    case 'sticker':
      // Stickers are WebP and take no caption; Baileys defaults the mime type to image/webp.
      return { sticker: source };
  }
}

/** The options of a buttons/list message in the order they are numbered in the degraded text. */
export function numberedChoices(message: OutboundButtons | OutboundList): Array<{ id: string; title: string }> {
  const items = message.kind === 'buttons' ? message.buttons : message.sections.flatMap((s) => s.rows);
  return items.map(({ id, title }) => ({ id, title }));
}

function degradedText(message: OutboundButtons | OutboundList): string {
  const count = message.kind === 'buttons' ? message.buttons.length : message.sections.reduce((n, s) => n + s.rows.length, 0);
  if (count === 0) invalid(`${message.kind} without options`);
  if (message.kind === 'buttons') {
    return [message.body, message.buttons.map((b, i) => `${i + 1}. ${b.title}`).join('\n')].join('\n\n');
  }
  let n = 0;
  const blocks = message.sections
    .filter((s) => s.rows.length > 0)
    .map((s) => {
      const rows = s.rows.map((r) => `${++n}. ${r.title}${r.description ? ` — ${r.description}` : ''}`);
      return (s.title ? [s.title, ...rows] : rows).join('\n');
    });
  return [message.body, ...blocks].join('\n\n');
}

function invalid(details: string): never {
  throw new ChannelError({ code: 'INVALID_MESSAGE', message: `Invalid outbound message: ${details}`, retryable: false, details });
}
