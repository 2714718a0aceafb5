import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../types.js';
import { buildMessageBody } from './buildMessageBody.js';

const head = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550000001' };
const to = '15550000001';

/** Expected bodies are the ones in CHANNELS-WHATSAPP.md §1.4. */
const cases: Array<[string, OutboundMessage, Record<string, unknown>]> = [
  ['text', { kind: 'text', to, body: 'Hello' }, { ...head, type: 'text', text: { body: 'Hello', preview_url: false } }],
  [
    'text quoting a message with preview',
    { kind: 'text', to, body: 'https://x.y', previewUrl: true, replyToExternalId: 'wamid.IN_1' },
    { ...head, context: { message_id: 'wamid.IN_1' }, type: 'text', text: { body: 'https://x.y', preview_url: true } },
  ],
  [
    'image by id with caption',
    { kind: 'media', to, mediaKind: 'image', providerMediaId: 'MEDIA_9', caption: 'look' },
    { ...head, type: 'image', image: { id: 'MEDIA_9', caption: 'look' } },
  ],
  [
    'document by link with filename',
    { kind: 'media', to, mediaKind: 'document', link: 'https://x/a.pdf', fileName: 'a.pdf', caption: 'bill' },
    { ...head, type: 'document', document: { link: 'https://x/a.pdf', caption: 'bill', filename: 'a.pdf' } },
  ],
  [
    'audio drops caption and filename',
    { kind: 'media', to, mediaKind: 'audio', providerMediaId: 'M', caption: 'no', fileName: 'a.ogg', voice: true },
    { ...head, type: 'audio', audio: { id: 'M' } },
  ],
  [
    'sticker drops caption',
    { kind: 'media', to, mediaKind: 'sticker', providerMediaId: 'S', caption: 'no' },
    { ...head, type: 'sticker', sticker: { id: 'S' } },
  ],
  [
    'reaction',
    { kind: 'reaction', to, targetExternalId: 'wamid.IN_1', emoji: '👍' },
    { ...head, type: 'reaction', reaction: { message_id: 'wamid.IN_1', emoji: '👍' } },
  ],
  [
    'reaction removal',
    { kind: 'reaction', to, targetExternalId: 'wamid.IN_1', emoji: '' },
    { ...head, type: 'reaction', reaction: { message_id: 'wamid.IN_1', emoji: '' } },
  ],
  [
    'template',
    {
      kind: 'template',
      to,
      name: 'order_update',
      language: 'en_US',
      components: [{ type: 'body', parameters: [{ type: 'text', text: '#123' }] }],
    },
    {
      ...head,
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'en_US' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: '#123' }] }],
      },
    },
  ],
  [
    'buttons',
    { kind: 'buttons', to, body: 'Pick', buttons: [{ id: 'yes', title: 'Yes' }] },
    {
      ...head,
      type: 'interactive',
      interactive: { type: 'button', body: { text: 'Pick' }, action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }] } },
    },
  ],
  [
    'list',
    { kind: 'list', to, body: 'Menu', button: 'Options', sections: [{ title: 'Support', rows: [{ id: 'billing', title: 'Billing' }] }] },
    {
      ...head,
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Menu' },
        action: { button: 'Options', sections: [{ title: 'Support', rows: [{ id: 'billing', title: 'Billing' }] }] },
      },
    },
  ],
];

describe('buildMessageBody', () => {
  it.each(cases)('%s', (_name, message, expected) => {
    expect(buildMessageBody(message)).toStrictEqual(expected);
  });

  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${i}`, title: `Row ${i}` }));
  it.each<[string, OutboundMessage]>([
    ['4 buttons', { kind: 'buttons', to, body: 'b', buttons: rows(4) }],
    ['no buttons', { kind: 'buttons', to, body: 'b', buttons: [] }],
    ['11 list rows', { kind: 'list', to, body: 'b', button: 'o', sections: [{ rows: rows(6) }, { rows: rows(5) }] }],
    ['media with id and link', { kind: 'media', to, mediaKind: 'image', providerMediaId: 'x', link: 'https://x' }],
    ['media with neither', { kind: 'media', to, mediaKind: 'image' }],
    ['empty text', { kind: 'text', to, body: '' }],
    ['"to" with a plus and spaces', { kind: 'text', to: '+55 11 9', body: 'x' }],
  ])('rejects %s as a non-retryable INVALID_MESSAGE', (_name, message) => {
    expect(() => buildMessageBody(message)).toThrow(expect.objectContaining({ code: 'INVALID_MESSAGE', retryable: false }));
  });
});
