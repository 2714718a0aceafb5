import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { InboundMessage, StatusUpdate } from '../types.js';
import { makeEventBuffer, proto } from './baileys.js';
import type { BaileysEventMap } from './baileys.js';
import { parseBaileysMessage } from './parseBaileysMessage.js';
import { parseBaileysReceipts } from './parseBaileysReceipts.js';
import { listWebFixtures, readWebFixture, readWebReceipts, webFixturesDir } from './webFixtures.js';

const silent = () => pino({ level: 'silent' });
const now = new Date('2026-01-01T13:00:00Z');

describe('web fixtures', () => {
  it('lists message fixtures only, sorted, from the folder next to the module', () => {
    const names = listWebFixtures();
    expect(webFixturesDir).toMatch(/whatsapp-web[/\\]fixtures[/\\]$/);
    expect(names).not.toContain('receipts.json');
    expect(names).toEqual([...names].sort());
    expect(names.length).toBeGreaterThanOrEqual(30);
  });

  it.each(listWebFixtures())('%s decodes to a WebMessageInfo that survives a protobuf round trip', (name) => {
    const msg = readWebFixture(name);
    expect(msg.key.id).toBeTruthy();
    // Catches a fixture field that fromObject accepted but the wire format cannot carry.
    const decoded = proto.WebMessageInfo.decode(proto.WebMessageInfo.encode(msg).finish());
    expect(JSON.parse(JSON.stringify(decoded))).toEqual(JSON.parse(JSON.stringify(msg)));
  });

  it('reads the name with or without .json', () => {
    expect(readWebFixture('text').key.id).toBe(readWebFixture('text.json').key.id);
  });
});

/** The fixtures through Baileys' own event emitter, as the socket delivers them (§4). */
describe('fixtures through makeEventBuffer', () => {
  it('delivers messages.upsert to ev.on and ev.process; the parser keeps the customer messages', () => {
    const ev = makeEventBuffer(silent());
    const viaOn: InboundMessage[] = [];
    const viaProcess: InboundMessage[] = [];
    const parseAll = (upsert: BaileysEventMap['messages.upsert'], into: InboundMessage[]) => {
      if (upsert.type !== 'notify') return;
      for (const m of upsert.messages) {
        const parsed = parseBaileysMessage(m);
        if (parsed) into.push(parsed);
      }
    };
    ev.on('messages.upsert', (upsert) => parseAll(upsert, viaOn));
    const stop = ev.process((events) => {
      const upsert = events['messages.upsert'];
      if (upsert) parseAll(upsert, viaProcess);
    });

    const names = listWebFixtures();
    ev.emit('messages.upsert', { messages: names.map((name) => readWebFixture(name)), type: 'notify' });
    stop();

    const kept = names.filter((name) => !name.startsWith('ignored-') && name !== 'group-text.json');
    expect(viaOn.map((m) => m.externalId)).toEqual(kept.map((name) => readWebFixture(name).key.id));
    expect(viaProcess).toEqual(viaOn);
    expect(viaOn.find((m) => m.externalId === 'FIXTURE_WEB_VOICE')?.media?.voice).toBe(true);
  });

  it('ignores history (append) when the handler only takes notify', () => {
    const ev = makeEventBuffer(silent());
    let count = 0;
    ev.on('messages.upsert', ({ type }) => {
      if (type === 'notify') count += 1;
    });
    ev.emit('messages.upsert', { messages: [readWebFixture('text.json')], type: 'append' });
    expect(count).toBe(0);
  });

  /**
   * Also for the server: Baileys upserts messages that arrived while we were offline as 'append',
   * and a flushed buffer labels the whole batch with the type of its first message. So filtering on
   * 'notify' alone can drop real customer messages; dedupe on key.id makes taking both safe.
   */
  it('labels a buffered batch by its first message: an offline append hides a live notify', () => {
    const ev = makeEventBuffer(silent());
    const batches: Array<BaileysEventMap['messages.upsert']> = [];
    ev.on('messages.upsert', (upsert) => batches.push(upsert));
    ev.buffer();
    ev.emit('messages.upsert', { messages: [readWebFixture('text.json')], type: 'append' });
    ev.emit('messages.upsert', { messages: [readWebFixture('image-caption.json')], type: 'notify' });
    ev.flush();
    expect(batches.map((b) => [b.type, b.messages.map((m) => m.key.id)])).toEqual([['append', ['FIXTURE_WEB_TEXT', 'FIXTURE_WEB_IMAGE']]]);
  });

  it('delivers messages.update to the receipt parser', () => {
    const ev = makeEventBuffer(silent());
    const statuses: StatusUpdate[] = [];
    ev.on('messages.update', (updates) => statuses.push(...parseBaileysReceipts(updates, now)));
    ev.emit('messages.update', readWebReceipts());
    expect(statuses.map((s) => `${s.externalId}:${s.status}`)).toEqual([
      'FIXTURE_WEB_OUT_1:sent',
      'FIXTURE_WEB_OUT_1:delivered',
      'FIXTURE_WEB_OUT_1:read',
      'FIXTURE_WEB_OUT_VOICE:played',
      'FIXTURE_WEB_OUT_BAD:failed',
    ]);
  });

  /**
   * Worth knowing on the server side: while Baileys buffers (it does around every upsert), a status
   * for a message upserted in the same buffer is merged into that message's `status` field and no
   * messages.update is emitted for it. Several updates to one key collapse into the last.
   */
  it('while buffering, folds a status into the buffered upsert and collapses updates per key', () => {
    const ev = makeEventBuffer(silent());
    const batches: Array<Partial<BaileysEventMap>> = [];
    ev.process((events) => {
      batches.push(events);
    });
    const own = readWebFixture('from-me-text.json');
    const other = { remoteJid: '5511987654321@s.whatsapp.net', fromMe: true, id: 'FIXTURE_WEB_OUT_1' };

    ev.buffer();
    ev.emit('messages.upsert', { messages: [own], type: 'notify' });
    ev.emit('messages.update', [{ key: own.key, update: { status: proto.WebMessageInfo.Status.READ } }]);
    ev.emit('messages.update', [{ key: other, update: { status: proto.WebMessageInfo.Status.DELIVERY_ACK } }]);
    ev.emit('messages.update', [{ key: other, update: { status: proto.WebMessageInfo.Status.READ } }]);
    expect(batches).toHaveLength(0);
    ev.flush();

    expect(batches).toHaveLength(1);
    const [batch] = batches;
    expect(batch?.['messages.upsert']?.messages[0]?.status).toBe(proto.WebMessageInfo.Status.READ);
    expect(parseBaileysReceipts(batch?.['messages.update'] ?? [], now)).toEqual([
      { externalId: 'FIXTURE_WEB_OUT_1', status: 'read', at: now, recipient: '5511987654321' },
    ]);
  });
});
