import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../types.js';
import { BufferJSON, proto } from './baileys.js';
import type { WAMessage } from './baileys.js';
import { parseBaileysMessage, parseVcard, secondsToDate } from './parseBaileysMessage.js';
import { listWebFixtures, readWebFixture } from './webFixtures.js';

type Expected = Omit<InboundMessage, 'raw'>;

const ana = { jid: '5511987654321@s.whatsapp.net', waId: '5511987654321', name: 'Ana Souza' };
/** Fixture n (in generation order) is stamped 2026-01-01T12:00:00Z + n minutes. */
const minute = (n: number): Date => new Date(Date.UTC(2026, 0, 1, 12, n));
const fromAna = (id: string, n: number, rest: Omit<Expected, 'externalId' | 'sender' | 'at' | 'fromMe'>): Expected => ({
  externalId: id,
  sender: ana,
  at: minute(n),
  fromMe: false,
  ...rest,
});

/** Every fixture file needs an entry here (null: must be dropped), so a new one cannot go untested. */
const expected: Record<string, Expected | null> = {
  'text.json': fromAna('FIXTURE_WEB_TEXT', 0, { kind: 'text', text: 'Olá! Preciso de ajuda com meu pedido' }),
  'extended-text-reply.json': fromAna('FIXTURE_WEB_REPLY', 1, {
    kind: 'text',
    text: 'Yes, the blue one please',
    replyToExternalId: 'FIXTURE_WEB_OUT_1',
  }),
  'image-caption.json': fromAna('FIXTURE_WEB_IMAGE', 2, {
    kind: 'image',
    text: 'The box arrived like this',
    media: {
      providerId: 'FIXTURE_WEB_IMAGE',
      mimeType: 'image/jpeg',
      sha256: 'e302fda7dbe3c9c28f1d57e6e2a1d853787d4179b9e46db097a4de58bc942b89',
      caption: 'The box arrived like this',
    },
  }),
  'video-reply.json': fromAna('FIXTURE_WEB_VIDEO', 3, {
    kind: 'video',
    media: {
      providerId: 'FIXTURE_WEB_VIDEO',
      mimeType: 'video/mp4',
      sha256: '054e6f7ad711b4bb3b75d2ec94e094b5d92c45390ced3e478e1fb2500ec63eb0',
    },
    replyToExternalId: 'FIXTURE_WEB_OUT_2',
  }),
  'audio.json': fromAna('FIXTURE_WEB_AUDIO', 4, {
    kind: 'audio',
    media: {
      providerId: 'FIXTURE_WEB_AUDIO',
      mimeType: 'audio/mpeg',
      sha256: 'bed2af4118516e54e6fc7a00d4bf8d5075d091ddc29328e9aabb73b28b71604f',
      voice: false,
    },
  }),
  'voice-note.json': fromAna('FIXTURE_WEB_VOICE', 5, {
    kind: 'audio',
    media: {
      providerId: 'FIXTURE_WEB_VOICE',
      mimeType: 'audio/ogg; codecs=opus',
      sha256: 'eac1ce673beddb682adfdc341bbf658b82d0da6c5ba8bbf58af6c075916f0127',
      voice: true,
    },
  }),
  'document.json': fromAna('FIXTURE_WEB_DOCUMENT', 6, {
    kind: 'document',
    media: {
      providerId: 'FIXTURE_WEB_DOCUMENT',
      mimeType: 'application/pdf',
      sha256: 'd0a73ece60b6847ac2b585417d4fc77402177d8694f415cd71e4fcdb8a79a278',
      fileName: 'invoice-2026-01.pdf',
    },
  }),
  'document-with-caption.json': fromAna('FIXTURE_WEB_DOC_CAPTION', 7, {
    kind: 'document',
    text: 'Signed contract attached',
    media: {
      providerId: 'FIXTURE_WEB_DOC_CAPTION',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      sha256: '241d59f301198915e504f507a1d3ec3bc2a9235fc15a7335de689a2ca1ede758',
      fileName: 'contract.docx',
      caption: 'Signed contract attached',
    },
  }),
  'sticker.json': fromAna('FIXTURE_WEB_STICKER', 8, {
    kind: 'sticker',
    media: {
      providerId: 'FIXTURE_WEB_STICKER',
      mimeType: 'image/webp',
      sha256: '96d499fb46e50847ba0b5a428e4d3f3581a96297a4f8995bcb5120c6b96e741a',
      animated: true,
    },
  }),
  'video-note.json': fromAna('FIXTURE_WEB_PTV', 9, {
    kind: 'video',
    media: {
      providerId: 'FIXTURE_WEB_PTV',
      mimeType: 'video/mp4',
      sha256: '353c3e04f5e19e01b0956880e9fd34af46fcd6682609bbe79c5087791a242f22',
    },
  }),
  'location.json': fromAna('FIXTURE_WEB_LOCATION', 10, {
    kind: 'location',
    location: {
      latitude: -23.5503898,
      longitude: -46.6330809,
      name: 'Praça da Sé',
      address: 'Praça da Sé - Sé, São Paulo - SP, 01001-000',
    },
  }),
  'live-location.json': fromAna('FIXTURE_WEB_LIVE_LOCATION', 11, {
    kind: 'location',
    text: 'On my way to the store',
    location: { latitude: -23.561414, longitude: -46.655881 },
  }),
  'contact.json': fromAna('FIXTURE_WEB_CONTACT', 12, {
    kind: 'contacts',
    contacts: [{ name: 'João Lima', phones: [{ phone: '5511977776666', waId: '5511977776666' }] }],
  }),
  'contacts-array.json': fromAna('FIXTURE_WEB_CONTACTS', 13, {
    kind: 'contacts',
    contacts: [
      {
        name: 'Maria Souza',
        phones: [{ phone: '5511966665555', waId: '5511966665555' }, { phone: '551133334444' }],
      },
      { name: 'Loja Centro', phones: [{ phone: '551132221111' }] },
    ],
  }),
  'reaction.json': fromAna('FIXTURE_WEB_REACTION', 14, {
    kind: 'reaction',
    reaction: { targetExternalId: 'FIXTURE_WEB_OUT_1', emoji: '👍' },
  }),
  'reaction-removed.json': fromAna('FIXTURE_WEB_REACTION_REMOVED', 15, {
    kind: 'reaction',
    reaction: { targetExternalId: 'FIXTURE_WEB_OUT_1', emoji: null },
  }),
  'button-reply.json': fromAna('FIXTURE_WEB_BUTTON', 16, {
    kind: 'interactive',
    text: 'Yes',
    choice: { id: 'confirm_yes', title: 'Yes', source: 'button' },
    replyToExternalId: 'FIXTURE_WEB_OUT_3',
  }),
  'list-reply.json': fromAna('FIXTURE_WEB_LIST', 17, {
    kind: 'interactive',
    text: 'Billing',
    choice: { id: 'dept_billing', title: 'Billing', source: 'list' },
    replyToExternalId: 'FIXTURE_WEB_OUT_4',
  }),
  'template-button-reply.json': fromAna('FIXTURE_WEB_TEMPLATE_BUTTON', 18, {
    kind: 'interactive',
    text: 'Track my order',
    choice: { id: 'track_order', title: 'Track my order', source: 'template' },
    replyToExternalId: 'FIXTURE_WEB_OUT_5',
  }),
  'interactive-response.json': fromAna('FIXTURE_WEB_NATIVE_FLOW', 19, {
    kind: 'interactive',
    text: 'Talk to an agent',
    choice: { id: 'agent', title: 'Talk to an agent', source: 'button' },
    replyToExternalId: 'FIXTURE_WEB_OUT_6',
  }),
  'poll.json': fromAna('FIXTURE_WEB_POLL', 20, {
    kind: 'unsupported',
    error: { code: 'UNMAPPED_TYPE', title: 'message type pollCreationMessageV3' },
  }),
  'ephemeral-text.json': fromAna('FIXTURE_WEB_EPHEMERAL', 21, {
    kind: 'text',
    text: 'This chat has disappearing messages on',
  }),
  'view-once-image.json': fromAna('FIXTURE_WEB_VIEW_ONCE', 22, {
    kind: 'image',
    text: 'Only once',
    media: {
      providerId: 'FIXTURE_WEB_VIEW_ONCE',
      mimeType: 'image/jpeg',
      sha256: '894cfdcfa298ce6f0cf5a9a994d417d195961e29ae68880e522b544b20c48519',
      caption: 'Only once',
    },
  }),
  // A privacy id instead of a phone number: a jid to answer to, but no waId.
  'lid-text.json': {
    externalId: 'FIXTURE_WEB_LID',
    sender: { jid: '204807358120031@lid', bsuid: '204807358120031@lid', name: 'Bruno' },
    at: minute(23),
    kind: 'text',
    text: 'Oi, vim pelo anúncio',
    fromMe: false,
  },
  // Typed on the business phone: outbound, the sender is the chat, pushName is ours and dropped.
  'from-me-text.json': {
    externalId: 'FIXTURE_WEB_FROM_ME',
    sender: { jid: ana.jid, waId: ana.waId },
    at: minute(24),
    kind: 'text',
    text: 'Sent from the phone: your order shipped today',
    fromMe: true,
  },
  'ignored-protocol-revoke.json': null,
  'ignored-protocol-edit.json': null,
  'ignored-stub-ciphertext.json': null,
  'ignored-sender-key-only.json': null,
  'ignored-status-broadcast.json': null,
  'ignored-broadcast-list.json': null,
  'ignored-newsletter.json': null,
  'group-text.json': null,
};

const groupMessage: Expected = {
  externalId: 'FIXTURE_WEB_GROUP',
  sender: { jid: '5511976543210@s.whatsapp.net', waId: '5511976543210', name: 'Carlos' },
  at: minute(32),
  kind: 'text',
  text: 'Bom dia, pessoal',
  fromMe: false,
};

describe('parseBaileysMessage: fixtures', () => {
  it('has an expectation for every fixture', () => {
    expect(listWebFixtures()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s', (name, want) => {
    const msg = readWebFixture(name);
    const parsed = parseBaileysMessage(msg);
    if (want === null) {
      expect(parsed).toBeNull();
      return;
    }
    expect(parsed).toEqual({ ...want, raw: msg });
    // The very object, not a copy: the server stores it for media download and audit.
    expect(parsed?.raw).toBe(msg);
  });

  it('drops groups unless includeGroups, then the participant is the sender', () => {
    const msg = readWebFixture('group-text.json');
    expect(parseBaileysMessage(msg)).toBeNull();
    expect(parseBaileysMessage(msg, { includeGroups: true })).toEqual({ ...groupMessage, raw: msg });
  });

  it.each(listWebFixtures().filter((name) => name.startsWith('ignored-')))('%s stays dropped with includeGroups', (name) => {
    expect(parseBaileysMessage(readWebFixture(name), { includeGroups: true })).toBeNull();
  });

  /** The server stores raw as JSON (BufferJSON) and rebuilds it with fromObject to quote, react or download. */
  it.each(listWebFixtures())('%s parses the same after a BufferJSON round trip', (name) => {
    const msg = readWebFixture(name);
    const json = JSON.stringify(msg, BufferJSON.replacer);
    const restored = proto.WebMessageInfo.fromObject(JSON.parse(json, BufferJSON.reviver) as Record<string, unknown>);
    const strip = (m: InboundMessage | null) => (m === null ? null : { ...m, raw: undefined });
    expect(strip(parseBaileysMessage(restored, { includeGroups: true }))).toEqual(strip(parseBaileysMessage(msg, { includeGroups: true })));
  });
});

describe('parseBaileysMessage: live shapes', () => {
  /** decodeMessageNode builds a plain object around a decoded proto.Message, with a number timestamp. */
  const live = (over: Partial<WAMessage> & Pick<WAMessage, 'key'>): WAMessage => ({
    messageTimestamp: 1767268800,
    pushName: 'Ana Souza',
    message: proto.Message.fromObject({ conversation: 'oi' }),
    ...over,
  });

  it('reads a plain upsert object with a number timestamp', () => {
    const msg = live({ key: { remoteJid: ana.jid, fromMe: false, id: 'LIVE_1' } });
    expect(parseBaileysMessage(msg)).toEqual({
      externalId: 'LIVE_1',
      sender: ana,
      at: new Date('2026-01-01T12:00:00Z'),
      kind: 'text',
      text: 'oi',
      fromMe: false,
      raw: msg,
    });
  });

  it('normalises c.us and device-suffixed participant jids', () => {
    const msg = live({
      key: { remoteJid: '120363025551234567@g.us', fromMe: false, id: 'LIVE_2', participant: '5511976543210:7@c.us' },
    });
    expect(parseBaileysMessage(msg, { includeGroups: true })?.sender).toEqual({
      jid: '5511976543210@s.whatsapp.net',
      waId: '5511976543210',
      name: 'Ana Souza',
    });
  });

  it('drops a group message without a participant', () => {
    expect(parseBaileysMessage(live({ key: { remoteJid: '120363025551234567@g.us', id: 'LIVE_3' } }), { includeGroups: true })).toBeNull();
  });

  it('drops any stub, even one that carries content', () => {
    const stub = readWebFixture('ignored-stub-ciphertext.json');
    stub.message = proto.Message.fromObject({ conversation: 'ghost' });
    expect(parseBaileysMessage(stub)).toBeNull();
  });

  it('drops messages without key id, remoteJid or content', () => {
    expect(parseBaileysMessage(live({ key: { remoteJid: ana.jid } }))).toBeNull();
    expect(parseBaileysMessage(live({ key: { id: 'LIVE_4' } }))).toBeNull();
    expect(parseBaileysMessage(live({ key: { remoteJid: ana.jid, id: 'LIVE_5' }, message: null }))).toBeNull();
    expect(parseBaileysMessage(live({ key: { remoteJid: ana.jid, id: 'LIVE_6' }, message: {} }))).toBeNull();
  });

  it('uses the injected clock when the timestamp is missing', () => {
    const now = new Date('2026-02-02T10:00:00Z');
    const msg = live({ key: { remoteJid: ana.jid, id: 'LIVE_7' }, messageTimestamp: null });
    expect(parseBaileysMessage(msg, { now: () => now })?.at).toEqual(now);
  });

  it('reads a native-flow list reply and falls back to the label when paramsJson is unreadable', () => {
    const reply = (name: string, paramsJson: string) =>
      live({
        key: { remoteJid: ana.jid, id: `LIVE_${name}` },
        message: proto.Message.fromObject({
          interactiveResponseMessage: { body: { text: 'Sales' }, nativeFlowResponseMessage: { name, paramsJson, version: 3 } },
        }),
      });
    expect(parseBaileysMessage(reply('single_select', '{"id":"queue_sales"}'))?.choice).toEqual({
      id: 'queue_sales',
      title: 'Sales',
      source: 'list',
    });
    expect(parseBaileysMessage(reply('quick_reply', 'not json'))?.choice).toEqual({ id: 'Sales', title: 'Sales', source: 'button' });
  });

  it('keeps a reaction without a target key as unsupported', () => {
    const msg = live({ key: { remoteJid: ana.jid, id: 'LIVE_8' }, message: proto.Message.fromObject({ reactionMessage: { text: '❤️' } }) });
    expect(parseBaileysMessage(msg)).toMatchObject({ kind: 'unsupported', error: { code: 'UNMAPPED_TYPE' } });
  });
});

describe('parseVcard', () => {
  it.each<[string, string, ReturnType<typeof parseVcard>]>([
    [
      'FN and a waid TEL',
      'BEGIN:VCARD\nVERSION:3.0\nFN:João Lima\nitem1.TEL;waid=5511977776666:+55 11 97777-6666\nEND:VCARD',
      { name: 'João Lima', phones: [{ phone: '5511977776666', waId: '5511977776666' }] },
    ],
    [
      'N when FN is missing, escapes undone',
      'BEGIN:VCARD\r\nN:Souza\\, Jr.;Maria;;Dr.;\r\nTEL;TYPE=CELL:+1 (555) 010-0000\r\nEND:VCARD',
      { name: 'Dr. Maria Souza, Jr.', phones: [{ phone: '15550100000' }] },
    ],
    [
      'folded lines and a vCard 4 tel: URI',
      'BEGIN:VCARD\nVERSION:4.0\nFN:Very Long\n  Name\nTEL;VALUE=uri;TYPE=cell:tel:+44-20-7946-0958\nEND:VCARD',
      { name: 'Very Long Name', phones: [{ phone: '442079460958' }] },
    ],
    [
      'waid without a printed number',
      'BEGIN:VCARD\nFN:Só WhatsApp\nTEL;WAID=5511955554444:\nEND:VCARD',
      { name: 'Só WhatsApp', phones: [{ phone: '5511955554444', waId: '5511955554444' }] },
    ],
    ['garbage', 'not a vcard', { phones: [] }],
  ])('%s', (_, vcard, want) => {
    expect(parseVcard(vcard)).toEqual(want);
  });
});

describe('secondsToDate', () => {
  it.each<[string, unknown, Date | undefined]>([
    ['number', 1767268800, new Date('2026-01-01T12:00:00Z')],
    ['numeric string (Long as JSON)', '1767268800', new Date('2026-01-01T12:00:00Z')],
    ['Long', proto.WebMessageInfo.fromObject({ key: {}, messageTimestamp: 1767268800 }).messageTimestamp, new Date('2026-01-01T12:00:00Z')],
    ['unset default 0', 0, undefined],
    ['null', null, undefined],
    ['junk', 'soon', undefined],
  ])('%s', (_, value, want) => {
    expect(secondsToDate(value)).toEqual(want);
  });
});
