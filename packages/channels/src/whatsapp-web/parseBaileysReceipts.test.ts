import { describe, expect, it } from 'vitest';
import type { DeliveryStatus } from '../types.js';
import { proto } from './baileys.js';
import { mapBaileysStatus, parseBaileysReceipts } from './parseBaileysReceipts.js';
import { readWebReceipts } from './webFixtures.js';

const now = new Date('2026-01-01T13:00:00Z');
const recipient = '5511987654321';

describe('parseBaileysReceipts', () => {
  it('maps the fixture sequence: ours only, PENDING and status-less updates skipped', () => {
    expect(parseBaileysReceipts(readWebReceipts(), now)).toEqual([
      { externalId: 'FIXTURE_WEB_OUT_1', status: 'sent', at: now, recipient },
      { externalId: 'FIXTURE_WEB_OUT_1', status: 'delivered', at: now, recipient },
      { externalId: 'FIXTURE_WEB_OUT_1', status: 'read', at: now, recipient },
      { externalId: 'FIXTURE_WEB_OUT_VOICE', status: 'played', at: now, recipient },
      {
        externalId: 'FIXTURE_WEB_OUT_BAD',
        status: 'failed',
        at: now,
        recipient,
        error: { code: '479', title: 'WhatsApp did not accept the message' },
      },
    ]);
  });

  it('stamps receipts with the current time by default', () => {
    const before = Date.now();
    const [first] = parseBaileysReceipts([
      { key: { remoteJid: `${recipient}@s.whatsapp.net`, fromMe: true, id: 'X' }, update: { status: 2 } },
    ]);
    expect(first?.at.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('leaves out the recipient for groups and @lid chats, and the error code when Baileys gives none', () => {
    expect(
      parseBaileysReceipts(
        [
          {
            key: { remoteJid: '120363025551234567@g.us', fromMe: true, id: 'G', participant: `${recipient}@s.whatsapp.net` },
            update: { status: 3 },
          },
          { key: { remoteJid: '204807358120031@lid', fromMe: true, id: 'L' }, update: { status: 0 } },
          { key: { remoteJid: `${recipient}@s.whatsapp.net`, fromMe: true }, update: { status: 3 } },
        ],
        now,
      ),
    ).toEqual([
      { externalId: 'G', status: 'delivered', at: now },
      { externalId: 'L', status: 'failed', at: now, error: { code: 'ERROR', title: 'WhatsApp did not accept the message' } },
    ]);
  });
});

describe('mapBaileysStatus', () => {
  const S = proto.WebMessageInfo.Status;
  it.each<[string, number | null | undefined, DeliveryStatus | undefined]>([
    ['ERROR', S.ERROR, 'failed'],
    ['PENDING', S.PENDING, undefined],
    ['SERVER_ACK', S.SERVER_ACK, 'sent'],
    ['DELIVERY_ACK', S.DELIVERY_ACK, 'delivered'],
    ['READ', S.READ, 'read'],
    ['PLAYED', S.PLAYED, 'played'],
    ['unknown 9', 9, undefined],
    ['null', null, undefined],
  ])('%s', (_, status, want) => {
    expect(mapBaileysStatus(status)).toBe(want);
  });
});
