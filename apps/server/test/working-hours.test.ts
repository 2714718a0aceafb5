import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';
import { choiceWebhook, createQueue, eventKinds, eventually, patchSettings, setMenu, ticketOfPhone } from './pipeline.harness.js';

/** The routing clock (tests move it); real time still drives the job queue. */
let now = new Date();

const WEEK = {
  timeZone: 'America/Sao_Paulo',
  weekly: {
    mon: [
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ],
    tue: [{ start: '08:00', end: '18:00' }],
    wed: [{ start: '08:00', end: '18:00' }],
    thu: [{ start: '08:00', end: '18:00' }],
    fri: [{ start: '08:00', end: '18:00' }],
  },
};
const CLOSED = 'Estamos fechados agora.';
const BREAK = 'Voltamos às 13h.';

describe('working hours through the pipeline', () => {
  let app: ConversationApp;
  let phoneCounter = 0;
  const nextPhone = () => `55119${String(8000000 + phoneCounter++).padStart(8, '0')}`;
  const textsTo = (phone: string) =>
    app.graph
      .sentMessages()
      .filter((m) => m.to === phone)
      .map((m) => (m.type === 'text' ? (m.body.text as { body: string }).body : `[${m.type}]`));
  const say = async (phone: string, text: string) => expect((await app.postWebhook(textWebhook(phone, text).body)).statusCode).toBe(200);

  beforeAll(async () => {
    app = await startConversationApp({}, { now: () => now });
    const sales = await createQueue(app, app.companyA, 'Vendas');
    await setMenu(app, app.companyA.id, app.cloudConnectionId, [sales.id]);
    await patchSettings(app, app.companyA.id, {
      hours: { schedule: WEEK, closedMessage: CLOSED, breakMessage: BREAK, offerCallback: true },
    });
  }, 60_000);
  afterAll(() => app.close());

  it('closed: the closed message once per period, a callback offer, and the ticket waits in its queue', async () => {
    now = new Date('2026-11-29T22:00:00-03:00'); // Sunday night
    const phone = nextPhone();
    await say(phone, 'oi, estão abertos?');
    await eventually(async () => textsTo(phone).length >= 2 && textsTo(phone), 'the closed message and the offer');
    expect(textsTo(phone)).toEqual([CLOSED, '[interactive]']);
    await say(phone, 'alô?');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(textsTo(phone)).toEqual([CLOSED, '[interactive]']);
    expect(await ticketOfPhone(app, phone)).toMatchObject({ status: 'pending' });

    // The next closed period (Monday night) gets the message again.
    now = new Date('2026-11-30T19:00:00-03:00');
    await say(phone, 'e agora?');
    await eventually(async () => textsTo(phone).filter((t) => t === CLOSED).length === 2, 'the next period’s message');
  });

  it('break: the break message, not the closed one', async () => {
    now = new Date('2026-11-30T12:30:00-03:00'); // Monday lunch
    const phone = nextPhone();
    await say(phone, 'oi');
    await eventually(async () => textsTo(phone).includes(BREAK), 'the break message');
    expect(textsTo(phone)).not.toContain(CLOSED);
  });

  it('open: no hours message at all', async () => {
    now = new Date('2026-12-01T10:00:00-03:00'); // Tuesday morning
    const phone = nextPhone();
    await say(phone, 'oi');
    const ticket = await eventually(async () => {
      const found = await ticketOfPhone(app, phone);
      return found && (await eventKinds(app, found.id)).includes('queue-assigned') && found;
    }, 'routing');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(textsTo(phone)).toEqual([]);
    expect(await eventKinds(app, ticket.id)).toEqual(['created', 'queue-assigned']);
  });

  it('a yes to the callback offer creates a request that surfaces, flagged and on top, at the opening', async () => {
    now = new Date('2026-11-29T23:00:00-03:00');
    const phone = nextPhone();
    await say(phone, 'preciso de ajuda');
    await eventually(async () => textsTo(phone).includes('[interactive]'), 'the offer');
    expect((await app.postWebhook(choiceWebhook(phone, { type: 'button_reply', id: 'callback:yes', title: 'Sim' }).body)).statusCode).toBe(
      200,
    );
    const ticket = (await ticketOfPhone(app, phone))!;
    // The opening (Monday 08:00 in São Paulo) is already past in real time, so the job runs at once.
    const surfaced = await eventually(async () => {
      const read = await app.inject({ method: 'GET', url: `/api/tickets/${ticket.id}`, token: app.companyA.adminToken });
      return read.json<{ callback: string | null }>().callback === 'surfaced' && read.json();
    }, 'the callback to surface');
    expect(surfaced).toMatchObject({ status: 'pending', callback: 'surfaced' });
    const { rows } = await app.server.database.pool.query<{ start_after: Date }>(
      `select start_after from pgboss.job where name = 'callbacks.surface' and data->>'callbackId' = (select id::text from callback_requests where ticket_id = $1)`,
      [ticket.id],
    );
    expect(rows[0]!.start_after.toISOString()).toBe('2026-11-30T11:00:00.000Z');
    expect(await eventKinds(app, ticket.id)).toEqual(
      expect.arrayContaining(['out-of-hours-notified', 'callback-offered', 'callback-requested', 'callback-surfaced']),
    );
    const list = await app.inject({ method: 'GET', url: '/api/tickets?status=pending', token: app.companyA.adminToken });
    expect(list.json<{ items: { id: number }[] }>().items[0]!.id).toBe(ticket.id);
  });

  it('a no is recorded and nothing surfaces', async () => {
    now = new Date('2026-11-29T23:30:00-03:00');
    const phone = nextPhone();
    await say(phone, 'oi');
    await eventually(async () => textsTo(phone).includes('[interactive]'), 'the offer');
    await say(phone, 'não');
    const ticket = (await ticketOfPhone(app, phone))!;
    await eventually(async () => (await eventKinds(app, ticket.id)).includes('callback-declined'), 'the decline');
    const { rows } = await app.server.database.pool.query('select status from callback_requests where ticket_id = $1', [ticket.id]);
    expect(rows).toEqual([{ status: 'declined' }]);
  });
});
