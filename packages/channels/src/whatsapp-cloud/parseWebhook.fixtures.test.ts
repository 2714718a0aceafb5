import { describe, expect, it } from 'vitest';
import type { InboundMessage, StatusUpdate } from '../types.js';
import { listCloudFixtures, readCloudFixture } from './cloudFixtures.js';
import { parseCloudWebhook } from './parseWebhook.js';

type Expected = { message: Omit<InboundMessage, 'raw'> } | { status: StatusUpdate };

const maria = { waId: '5511988887777', bsuid: 'BR.1000001', name: 'Maria Souza' };
const inbound = (n: number, rest: Omit<InboundMessage, 'raw' | 'externalId' | 'sender' | 'at'>): Expected => ({
  message: { externalId: `wamid.FIXTURE_IN_${n}`, sender: maria, at: new Date((1763900000 + n) * 1000), ...rest },
});
const status = (rest: Omit<StatusUpdate, 'externalId' | 'recipient'>): Expected => ({
  status: { externalId: 'wamid.FIXTURE_OUT_1', recipient: '5511988887777', ...rest },
});

/** Every fixture file must have an entry here, so a new fixture cannot go untested. */
const expected: Record<string, Expected> = {
  'inbound-text.json': inbound(1, { kind: 'text', text: 'Olá, gostaria de saber o preço do plano' }),
  'inbound-image.json': inbound(2, {
    kind: 'image',
    text: 'Foto do produto',
    media: { providerId: 'MEDIA_IMG_1', mimeType: 'image/jpeg', sha256: 'c2hhMjU2LWltYWdl', caption: 'Foto do produto' },
  }),
  'inbound-audio-voice.json': inbound(3, {
    kind: 'audio',
    media: { providerId: 'MEDIA_AUD_1', mimeType: 'audio/ogg; codecs=opus', voice: true },
  }),
  'inbound-video.json': inbound(4, {
    kind: 'video',
    media: { providerId: 'MEDIA_VID_1', mimeType: 'video/mp4', sha256: 'c2hhMjU2LXZpZGVv' },
  }),
  'inbound-document.json': inbound(5, {
    kind: 'document',
    media: { providerId: 'MEDIA_DOC_1', mimeType: 'application/pdf', fileName: 'boleto.pdf', sha256: 'c2hhMjU2LWRvYw==' },
  }),
  'inbound-sticker.json': inbound(6, {
    kind: 'sticker',
    media: { providerId: 'MEDIA_STK_1', mimeType: 'image/webp', animated: false },
  }),
  'inbound-location.json': inbound(7, {
    kind: 'location',
    location: { latitude: -23.5505, longitude: -46.6333, name: 'Loja Centro', address: 'Praça da Sé, São Paulo' },
  }),
  'inbound-contacts.json': inbound(8, {
    kind: 'contacts',
    contacts: [{ name: 'João Lima', phones: [{ phone: '+55 11 97777-6666', waId: '5511977776666' }] }],
  }),
  'inbound-button-reply.json': inbound(9, {
    kind: 'interactive',
    text: 'Vendas',
    choice: { id: 'opt_sales', title: 'Vendas', source: 'button' },
    replyToExternalId: 'wamid.FIXTURE_OUT_1',
  }),
  'inbound-list-reply.json': inbound(10, {
    kind: 'interactive',
    text: 'Suporte',
    choice: { id: 'queue_support', title: 'Suporte', source: 'list' },
  }),
  'inbound-template-button.json': inbound(11, {
    kind: 'interactive',
    text: 'Parar',
    choice: { id: 'STOP', title: 'Parar', source: 'template' },
  }),
  'inbound-reaction.json': inbound(12, {
    kind: 'reaction',
    reaction: { targetExternalId: 'wamid.FIXTURE_OUT_1', emoji: '👍' },
  }),
  'inbound-reply-quoted.json': inbound(13, {
    kind: 'text',
    text: 'Sim, esse mesmo',
    replyToExternalId: 'wamid.FIXTURE_OUT_1',
  }),
  'inbound-unsupported.json': inbound(14, {
    kind: 'unsupported',
    error: { code: 131051, title: 'Message type unknown' },
  }),
  'status-sent.json': status({ status: 'sent', at: new Date(1763900101_000) }),
  'status-delivered.json': status({ status: 'delivered', at: new Date(1763900102_000) }),
  'status-read.json': status({ status: 'read', at: new Date(1763900103_000) }),
  'status-failed.json': status({
    status: 'failed',
    at: new Date(1763900104_000),
    error: {
      code: 131047,
      title: 'Re-engagement message',
      details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
    },
  }),
};

const files = listCloudFixtures();

describe('parseCloudWebhook over the shared fixtures', () => {
  it('finds the fixture folder and knows every file in it', () => {
    expect(files.length).toBeGreaterThanOrEqual(18);
    expect(files.filter((f) => !(f in expected))).toEqual([]);
  });

  it.each(files)('%s', (file) => {
    const bytes = readCloudFixture(file);
    const { changes, problems } = parseCloudWebhook(JSON.parse(bytes.toString('utf8')));
    const want = expected[file];
    if (!want) throw new Error(`no expectation for ${file}`);

    expect(problems).toEqual([]);
    expect(changes).toHaveLength(1);
    const [change] = changes;
    expect(change).toMatchObject({ phoneNumberId: 'PNID_100', wabaId: 'WABA_100', displayPhoneNumber: '5511900000000' });

    if ('message' in want) {
      expect(change?.contacts).toEqual([maria]);
      expect(change?.statuses).toEqual([]);
      expect(change?.messages).toHaveLength(1);
      const { raw, ...normalized } = change?.messages[0] ?? { raw: undefined };
      expect(normalized).toEqual(want.message);
      expect(raw).toMatchObject({ id: want.message.externalId });
    } else {
      expect(change?.messages).toEqual([]);
      expect(change?.statuses).toEqual([want.status]);
    }
  });

  it('parses the raw bytes the same as the parsed JSON', () => {
    const bytes = readCloudFixture('inbound-text.json');
    expect(parseCloudWebhook(bytes)).toEqual(parseCloudWebhook(JSON.parse(bytes.toString('utf8'))));
  });
});
