import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { menuAsText, type MenuMessage } from '@jimmy/routing';
import { openSocket } from './harness.js';
import { messagesOf, startConversationApp, textWebhook, ticketsOf, type ConversationApp } from './conversations.harness.js';
import { choiceWebhook } from './pipeline.harness.js';

let app: ConversationApp;
let baseUrl: string;
let agent: Awaited<ReturnType<ConversationApp['createUser']>>;
let supervisor: Awaited<ReturnType<ConversationApp['createUser']>>;
let otherSupervisor: Awaited<ReturnType<ConversationApp['createUser']>>;
let supportQueue: number;
const sockets: Socket[] = [];
let phoneCounter = 0;

beforeAll(async () => {
  app = await startConversationApp();
  baseUrl = await app.server.listen();
  agent = await app.createUser(app.companyA, 'agent', 'Ana');
  supervisor = await app.createUser(app.companyA, 'supervisor', 'Sofia');
  otherSupervisor = await app.createUser(app.companyA, 'supervisor', 'Otávio');
  const support = await app.inject({
    method: 'POST',
    url: '/api/queues',
    token: app.companyA.adminToken,
    payload: { name: 'Suporte', userIds: [agent.id, supervisor.id] },
  });
  supportQueue = support.json().id;
  await app.inject({
    method: 'POST',
    url: '/api/queues',
    token: app.companyA.adminToken,
    payload: { name: 'Vendas', userIds: [otherSupervisor.id] },
  });
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app?.close();
});

const query = <T extends object>(text: string, values: unknown[] = []) =>
  app.server.database.pool.query<T>(text, values).then((result) => result.rows);

/** No settings page in this branch's tests: the survey section is written as the settings page would. */
async function setSurvey(survey: Record<string, unknown>) {
  await query(`update companies set settings = jsonb_set(settings, '{survey}', $2::jsonb) where id = $1`, [
    app.companyA.id,
    JSON.stringify(survey),
  ]);
}

/** A customer writes in; the admin hands the ticket to Ana in Suporte. */
async function conversation() {
  const phone = `55119700${String(phoneCounter++).padStart(5, '0')}`;
  expect((await app.postWebhook(textWebhook(phone, 'olá, preciso de ajuda').body)).statusCode).toBe(200);
  const ticket = (await ticketsOf(app, app.companyA)).find((t) => t.contact.phone === `+${phone}`)!;
  const moved = await app.inject({
    method: 'POST',
    url: `/api/tickets/${ticket.id}/transfer`,
    token: app.companyA.adminToken,
    payload: { queueId: supportQueue, userId: agent.id },
  });
  expect(moved.statusCode).toBe(200);
  return { phone, ticketId: ticket.id, contactId: ticket.contact.id };
}

const close = (ticketId: number, body?: object) =>
  app.inject({ method: 'POST', url: `/api/tickets/${ticketId}/close`, token: agent.token, ...(body && { payload: body }) });

const surveyOf = async (ticketId: number) =>
  (
    await query<{ id: number; status: string; score: number | null; comment: string | null; user_id: number; queue_id: number }>(
      'select id, status, score, comment, user_id, queue_id from surveys where ticket_id = $1',
      [ticketId],
    )
  )[0];

const eventsOf = (ticketId: number) =>
  query<{ kind: string; data: Record<string, unknown> }>('select kind, data from ticket_events where ticket_id = $1 order by id', [
    ticketId,
  ]);

const botLines = async (ticketId: number) =>
  (await messagesOf(app, app.companyA.adminToken, ticketId)).filter((m) => (m as { author?: string }).author === 'bot').reverse();

/**
 * The customer answers on WhatsApp (typed text, or a tap on the list when `choiceId` is given),
 * and the test waits until the inbound runner has handled that message.
 */
async function reply(c: { phone: string }, text: string, choiceId?: string) {
  const hook = choiceId ? choiceWebhook(c.phone, { type: 'list_reply', id: choiceId, title: text }) : textWebhook(c.phone, text);
  expect((await app.postWebhook(hook.body)).statusCode).toBe(200);
  const [message] = await query<{ id: number; ticket_id: number }>('select id, ticket_id from messages where external_id = $1', [hook.id]);
  await expect
    .poll(
      async () => {
        const [row] = await query<{ id: number }>('select last_handled_message_id as id from ticket_routing where ticket_id = $1', [
          message!.ticket_id,
        ]);
        return Number(row?.id ?? 0);
      },
      { timeout: 15_000, interval: 100 },
    )
    .toBeGreaterThanOrEqual(Number(message!.id));
  return { ticketId: Number(message!.ticket_id) };
}

const ticketSurvey = async (ticketId: number) =>
  (await app.inject({ method: 'GET', url: `/api/tickets/${ticketId}`, token: app.companyA.adminToken })).json().survey;

describe('sending on close', () => {
  it('follows the agent when the company lets them decide (the default): true sends; false and absent do not', async () => {
    await setSurvey({ mode: 'agent', agentDefault: true });
    const settings = await app.inject({ method: 'GET', url: '/api/settings', token: agent.token });
    expect(settings.statusCode).toBe(200);
    expect(settings.json().survey).toMatchObject({ mode: 'agent', agentDefault: true, expiryHours: 24 });

    const chosen = await conversation();
    const closed = await close(chosen.ticketId, { sendSurvey: true });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', lastMessage: { type: 'interactive' } });
    expect(await surveyOf(chosen.ticketId)).toMatchObject({ status: 'awaiting_score', user_id: agent.id, queue_id: supportQueue });

    const declined = await conversation();
    expect((await close(declined.ticketId, { sendSurvey: false })).statusCode).toBe(200);
    expect(await surveyOf(declined.ticketId)).toBeUndefined();
    expect(await botLines(declined.ticketId)).toEqual([]);

    // agentDefault only ticks the console's checkbox; a close without `sendSurvey: true` sends nothing.
    const absent = await conversation();
    expect((await close(absent.ticketId)).statusCode).toBe(200);
    expect(await surveyOf(absent.ticketId)).toBeUndefined();

    await setSurvey({ mode: 'agent', agentDefault: false });
    const absentOff = await conversation();
    expect((await close(absentOff.ticketId)).statusCode).toBe(200);
    expect(await surveyOf(absentOff.ticketId)).toBeUndefined();
  });

  it('always sends when automatic, never when off', async () => {
    await setSurvey({ mode: 'always' });
    const automatic = await conversation();
    await close(automatic.ticketId, { sendSurvey: false });
    expect(await surveyOf(automatic.ticketId)).toMatchObject({ status: 'awaiting_score' });

    await setSurvey({ mode: 'off' });
    const off = await conversation();
    await close(off.ticketId, { sendSurvey: true });
    expect(await surveyOf(off.ticketId)).toBeUndefined();
    expect((await eventsOf(off.ticketId)).map((e) => e.kind)).not.toContain('survey-sent');
  });

  it('is not sent on a ticket the customer never wrote on', async () => {
    await setSurvey({ mode: 'always' });
    const started = await app.inject({
      method: 'POST',
      url: '/api/tickets',
      token: agent.token,
      payload: { connectionId: app.cloudConnectionId, phone: '+55 11 96666-0001' },
    });
    expect(started.statusCode).toBe(201);
    expect((await close(started.json().id, { sendSurvey: true })).statusCode).toBe(200);
    expect(await surveyOf(started.json().id)).toBeUndefined();
  });

  it('writes the question as an interactive bot message with the 1–5 options, and records survey-sent', async () => {
    await setSurvey({ mode: 'agent', question: 'De 1 a 5, como foi?' });
    const c = await conversation();
    await close(c.ticketId, { sendSurvey: true });
    const [question] = await botLines(c.ticketId);
    const menu = question!.payload!.menu as MenuMessage;
    expect(question).toMatchObject({ type: 'interactive', direction: 'out', body: menuAsText(menu) });
    // The Cloud API shows 5 options as a list (more than its 3 buttons).
    expect(menu).toMatchObject({ kind: 'list', body: 'De 1 a 5, como foi?' });
    expect(menu.kind === 'list' && menu.rows.map((row) => [row.id, row.title])).toEqual([
      ['survey:1', '1 ⭐ Péssimo'],
      ['survey:2', '2 ⭐ Ruim'],
      ['survey:3', '3 ⭐ Regular'],
      ['survey:4', '4 ⭐ Bom'],
      ['survey:5', '5 ⭐ Ótimo'],
    ]);
    const sent = (await eventsOf(c.ticketId)).find((e) => e.kind === 'survey-sent');
    expect(sent?.data).toMatchObject({ messageId: question!.id });
    // …and WhatsApp gets it as a native list.
    await expect
      .poll(() => app.graph.sentMessages().find((m) => m.to === c.phone && m.type === 'interactive'), { timeout: 15_000 })
      .toBeDefined();
    const listed = app.graph.sentMessages().find((m) => m.to === c.phone && m.type === 'interactive')!.body.interactive as {
      type: string;
      action: { sections: { rows: { id: string }[] }[] };
    };
    expect(listed.type).toBe('list');
    expect(listed.action.sections[0]!.rows.map((row) => row.id)).toEqual(['survey:1', 'survey:2', 'survey:3', 'survey:4', 'survey:5']);
  });

  it('a message that is not an answer opens a normal ticket and ends the survey', async () => {
    await setSurvey({ mode: 'always' });
    const c = await conversation();
    await close(c.ticketId);
    const { ticketId } = await reply(c, 'oi, preciso de outra coisa');
    expect(ticketId).not.toBe(c.ticketId);
    expect((await surveyOf(c.ticketId))!.status).toBe('expired');
    expect(await app.server.services.surveys.awaitingFor(app.server.database.pool, app.cloudConnectionId, c.contactId)).toBeNull();
  });
});

describe('answers', () => {
  it.each([
    ['5', undefined],
    ['⭐5', undefined],
    ['cinco', undefined],
    ['Ótimo', 'survey:5'],
  ])('%j (button id %s) scores 5, then the comment question follows', async (text, choiceId) => {
    await setSurvey({ mode: 'always' });
    const c = await conversation();
    await close(c.ticketId);
    expect((await reply(c, text, choiceId)).ticketId).toBe(c.ticketId);
    expect(await surveyOf(c.ticketId)).toMatchObject({ status: 'awaiting_comment', score: 5 });
    expect(await ticketSurvey(c.ticketId)).toEqual({ score: 5, comment: null });
    const lines = await botLines(c.ticketId);
    expect(lines.map((m) => m.type)).toEqual(['interactive', 'text']);
    expect(lines[1]!.body).toContain('comentário');
  });

  it('stores the comment, thanks the customer and records survey-answered', async () => {
    await setSurvey({ mode: 'always', thanks: 'Valeu!' });
    const c = await conversation();
    await close(c.ticketId);
    await reply(c, '4');
    await reply(c, 'A Ana foi muito atenciosa');
    expect(await surveyOf(c.ticketId)).toMatchObject({ status: 'answered', score: 4, comment: 'A Ana foi muito atenciosa' });
    expect(await ticketSurvey(c.ticketId)).toEqual({ score: 4, comment: 'A Ana foi muito atenciosa' });
    expect((await botLines(c.ticketId)).map((m) => m.body).at(-1)).toBe('Valeu!');
    const answered = (await eventsOf(c.ticketId)).filter((e) => e.kind === 'survey-answered');
    expect(answered.map((e) => e.data)).toEqual([expect.objectContaining({ score: 4, comment: 'A Ana foi muito atenciosa' })]);
    // Answered: the next message is a normal conversation again.
    expect(await app.server.services.surveys.awaitingFor(app.server.database.pool, app.cloudConnectionId, c.contactId)).toBeNull();
  });

  it('a refusal ends the survey without a comment', async () => {
    await setSurvey({ mode: 'always', thanks: 'Obrigado!' });
    const c = await conversation();
    await close(c.ticketId);
    await reply(c, '3');
    await reply(c, 'não');
    expect(await surveyOf(c.ticketId)).toMatchObject({ status: 'answered', score: 3, comment: null });
    expect((await botLines(c.ticketId)).map((m) => m.body).at(-1)).toBe('Obrigado!');
  });

  it('without a comment question the score alone answers it', async () => {
    await setSurvey({ mode: 'always', commentQuestion: null, thanks: 'Obrigado!' });
    const c = await conversation();
    await close(c.ticketId);
    await reply(c, '⭐⭐⭐⭐⭐');
    expect(await surveyOf(c.ticketId)).toMatchObject({ status: 'answered', score: 5 });
    expect((await botLines(c.ticketId)).map((m) => m.body)).toHaveLength(2);
  });

  it('expires through its job; after that a reply is not an answer', async () => {
    await setSurvey({ mode: 'always', expiryHours: 2 });
    const c = await conversation();
    await close(c.ticketId);
    const survey = (await surveyOf(c.ticketId))!;
    const [job] = await query<{ start_after: Date; singleton_key: string }>(
      `select start_after, singleton_key from pgboss.job where name = 'surveys.expire' and (data->>'surveyId')::bigint = $1`,
      [survey.id],
    );
    expect(job!.singleton_key).toBe(`survey-expire:${survey.id}`);
    expect(new Date(job!.start_after).getTime()).toBeGreaterThan(Date.now() + 2 * 3600_000 - 60_000);

    // Two hours later, as the job would run then.
    await query(`update surveys set expires_at = now() - interval '1 second' where id = $1`, [survey.id]);
    expect(await app.server.services.surveys.awaitingFor(app.server.database.pool, app.cloudConnectionId, c.contactId)).toBeNull();
    await app.server.services.surveys.expire(survey.id);
    expect((await surveyOf(c.ticketId))!.status).toBe('expired');
    expect((await eventsOf(c.ticketId)).map((e) => e.kind)).toContain('survey-expired');
    await reply(c, '5');
    expect(await surveyOf(c.ticketId)).toMatchObject({ status: 'expired', score: null });
  });

  it('a low score reaches the supervisors of the queue and the admins, not the agent', async () => {
    await setSurvey({ mode: 'always' });
    const [agentSocket, supervisorSocket, otherSupervisorSocket, adminSocket] = await Promise.all(
      [agent.token, supervisor.token, otherSupervisor.token, app.companyA.adminToken].map((token) => openSocket(baseUrl, token, sockets)),
    );
    const heard = new Map<Socket, unknown[]>();
    for (const socket of [agentSocket!, supervisorSocket!, otherSupervisorSocket!, adminSocket!]) {
      heard.set(socket, []);
      socket.on('survey.low-score', (payload: unknown) => heard.get(socket)!.push(payload));
    }
    const c = await conversation();
    await close(c.ticketId);
    const supervisorHeard = new Promise((resolve) => supervisorSocket!.once('survey.low-score', resolve));
    await reply(c, '1');
    expect(await supervisorHeard).toMatchObject({
      ticketId: c.ticketId,
      queueId: supportQueue,
      userId: agent.id,
      score: 1,
      contactName: expect.stringContaining('Cliente'),
    });
    // The admin's and the others' events were emitted together with the supervisor's: a ping round trip later they are in.
    await Promise.all([agentSocket, otherSupervisorSocket, adminSocket].map((s) => s!.timeout(2000).emitWithAck('ping')));
    expect(heard.get(adminSocket!)).toHaveLength(1);
    expect(heard.get(agentSocket!)).toEqual([]);
    expect(heard.get(otherSupervisorSocket!)).toEqual([]);

    // A good score notifies nobody.
    const happy = await conversation();
    await close(happy.ticketId);
    await reply(happy, '5');
    await Promise.all([supervisorSocket, adminSocket].map((s) => s!.timeout(2000).emitWithAck('ping')));
    expect(heard.get(supervisorSocket!)).toHaveLength(1);
  });
});
