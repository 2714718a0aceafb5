import { describe, expect, it } from 'vitest';
import { ChannelError } from '../ChannelError.js';
import type { OutboundButtons, OutboundList, OutboundMessage } from '../types.js';
import type { WAMessageKey } from './baileys.js';
import { buildBaileysContent, numberedChoices } from './buildBaileysContent.js';
import type { BaileysSend } from './buildBaileysContent.js';
import { readWebFixture } from './webFixtures.js';

const to = '5511987654321';
const bytes = Buffer.from('fake media bytes');
const link = 'https://cdn.example.com/a.jpg';

const buttons: OutboundButtons = {
  kind: 'buttons',
  to,
  body: 'Confirm your order?',
  buttons: [
    { id: 'yes', title: 'Yes' },
    { id: 'no', title: 'No' },
  ],
};

const list: OutboundList = {
  kind: 'list',
  to,
  body: 'How can we help?',
  button: 'Choose',
  sections: [
    {
      title: 'Orders',
      rows: [
        { id: 'track', title: 'Track an order' },
        { id: 'return', title: 'Return', description: 'Within 30 days' },
      ],
    },
    { rows: [{ id: 'agent', title: 'Talk to an agent' }] },
  ],
};

/** Plain text never asks Baileys for a link preview unless previewUrl is set. */
const noQuote = {};
const cases: Array<[string, OutboundMessage, BaileysSend]> = [
  ['text', { kind: 'text', to, body: 'Hello' }, { content: { text: 'Hello', linkPreview: null }, options: noQuote }],
  [
    'text with preview',
    { kind: 'text', to, body: 'https://x.y', previewUrl: true },
    { content: { text: 'https://x.y' }, options: noQuote },
  ],
  [
    'image bytes with caption',
    { kind: 'media', to, mediaKind: 'image', bytes, mimeType: 'image/png', caption: 'look' },
    { content: { image: bytes, caption: 'look', mimetype: 'image/png' }, options: noQuote },
  ],
  ['image by link', { kind: 'media', to, mediaKind: 'image', link }, { content: { image: { url: link } }, options: noQuote }],
  [
    'video bytes',
    { kind: 'media', to, mediaKind: 'video', bytes, mimeType: 'video/mp4', caption: 'clip' },
    { content: { video: bytes, caption: 'clip', mimetype: 'video/mp4' }, options: noQuote },
  ],
  [
    'audio file drops caption',
    { kind: 'media', to, mediaKind: 'audio', bytes, mimeType: 'audio/mpeg', caption: 'no' },
    { content: { audio: bytes, mimetype: 'audio/mpeg', ptt: false }, options: noQuote },
  ],
  [
    'voice note',
    { kind: 'media', to, mediaKind: 'audio', bytes, mimeType: 'audio/ogg; codecs=opus', voice: true },
    { content: { audio: bytes, mimetype: 'audio/ogg; codecs=opus', ptt: true }, options: noQuote },
  ],
  [
    'document with file name and caption',
    { kind: 'media', to, mediaKind: 'document', bytes, mimeType: 'application/pdf', fileName: 'a.pdf', caption: 'bill' },
    { content: { document: bytes, mimetype: 'application/pdf', fileName: 'a.pdf', caption: 'bill' }, options: noQuote },
  ],
  [
    'document without a type is octet-stream, not Baileys’ pdf default',
    { kind: 'media', to, mediaKind: 'document', link: 'https://x/notes.txt', fileName: 'notes.txt' },
    {
      content: { document: { url: 'https://x/notes.txt' }, mimetype: 'application/octet-stream', fileName: 'notes.txt' },
      options: noQuote,
    },
  ],
  [
    'sticker drops caption',
    { kind: 'media', to, mediaKind: 'sticker', bytes, mimeType: 'image/webp', caption: 'no' },
    { content: { sticker: bytes }, options: noQuote },
  ],
  [
    'buttons degrade to numbered text',
    buttons,
    { content: { text: 'Confirm your order?\n\n1. Yes\n2. No', linkPreview: null }, options: noQuote },
  ],
  [
    'list degrades to numbered text, numbering across sections',
    list,
    {
      content: {
        text: 'How can we help?\n\nOrders\n1. Track an order\n2. Return — Within 30 days\n\n3. Talk to an agent',
        linkPreview: null,
      },
      options: noQuote,
    },
  ],
];

describe('buildBaileysContent', () => {
  it.each(cases)('%s', (_, message, want) => {
    expect(buildBaileysContent(message, {})).toStrictEqual(want);
  });

  it('quotes when the stored message is given, for text, media and degraded buttons', () => {
    const quoted = readWebFixture('text.json');
    for (const message of [
      { kind: 'text', to, body: 'Sure', replyToExternalId: 'FIXTURE_WEB_TEXT' },
      { kind: 'media', to, mediaKind: 'image', bytes, replyToExternalId: 'FIXTURE_WEB_TEXT' },
      { ...buttons, replyToExternalId: 'FIXTURE_WEB_TEXT' },
    ] satisfies OutboundMessage[]) {
      expect(buildBaileysContent(message, { quoted }).options).toStrictEqual({ quoted });
    }
  });

  it('sends a reply unquoted when the quoted message is not at hand', () => {
    expect(buildBaileysContent({ kind: 'text', to, body: 'Sure', replyToExternalId: 'GONE' }, {}).options).toStrictEqual({});
  });

  it('reacts by full key, and removes with an empty emoji', () => {
    const key: WAMessageKey = { remoteJid: `${to}@s.whatsapp.net`, fromMe: false, id: 'FIXTURE_WEB_TEXT' };
    expect(
      buildBaileysContent({ kind: 'reaction', to, targetExternalId: 'FIXTURE_WEB_TEXT', emoji: '👍' }, { reactionTargetKey: key }),
    ).toStrictEqual({
      content: { react: { text: '👍', key } },
      options: {},
    });
    expect(
      buildBaileysContent({ kind: 'reaction', to, targetExternalId: 'FIXTURE_WEB_TEXT', emoji: '' }, { reactionTargetKey: key }).content,
    ).toStrictEqual({
      react: { text: '', key },
    });
  });

  it.each<[string, OutboundMessage, Parameters<typeof buildBaileysContent>[1], string]>([
    ['reaction without a stored key', { kind: 'reaction', to, targetExternalId: 'X', emoji: '👍' }, {}, 'REACTION_TARGET_UNKNOWN'],
    [
      'reaction key for another message',
      { kind: 'reaction', to, targetExternalId: 'X', emoji: '👍' },
      { reactionTargetKey: { remoteJid: `${to}@s.whatsapp.net`, id: 'Y' } },
      'INVALID_MESSAGE',
    ],
    ['template', { kind: 'template', to, name: 'order_update', language: 'pt_BR' }, {}, 'NOT_SUPPORTED_ON_WHATSAPP_WEB'],
    ['media by Cloud id only', { kind: 'media', to, mediaKind: 'image', providerMediaId: 'MEDIA_9' }, {}, 'MEDIA_SOURCE_MISSING'],
    ['empty text', { kind: 'text', to, body: '' }, {}, 'INVALID_MESSAGE'],
    ['buttons without options', { ...buttons, buttons: [] }, {}, 'INVALID_MESSAGE'],
    ['list without rows', { ...list, sections: [{ title: 'Empty', rows: [] }] }, {}, 'INVALID_MESSAGE'],
  ])('refuses %s', (_, message, ctx, code) => {
    let thrown: unknown;
    try {
      buildBaileysContent(message, ctx);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ChannelError);
    expect(thrown).toMatchObject({ code, retryable: false });
  });
});

describe('numberedChoices', () => {
  it('lists ids in the order of the numbers in the degraded text', () => {
    expect(numberedChoices(buttons)).toEqual([
      { id: 'yes', title: 'Yes' },
      { id: 'no', title: 'No' },
    ]);
    expect(numberedChoices(list).map((c) => c.id)).toEqual(['track', 'return', 'agent']);
  });
});
