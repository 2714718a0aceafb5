import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';
import { mailsIn, tokenMailedTo } from './signup.mail.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'jimmy-accounts-'));
const mailLog = path.join(dir, 'mail.jsonl');
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ MAIL_LOG_FILE: mailLog });
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('password reset by e-mail', () => {
  it('mails a link that sets a new password, ends the other sessions and signs this browser in', async () => {
    const agent = await app.createUser(app.companyA, 'agent');
    const forgot = await app.inject({ method: 'POST', url: '/api/auth/forgot-password', payload: { email: agent.email.toUpperCase() } });
    expect(forgot.statusCode).toBe(202);
    const token = await tokenMailedTo(mailLog, agent.email, '/reset-password');

    const weak = await app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { token, password: 'abcdefgh' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields).toHaveProperty('password');

    const reset = await app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token, password: 'a brand new secret 42' },
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().user).toMatchObject({ id: agent.id, email: agent.email });
    const fresh = reset.json().accessToken as string;

    // The session opened before the reset is over; the new one works.
    expect((await app.inject({ method: 'GET', url: '/api/me', token: agent.token })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/me', token: fresh })).statusCode).toBe(200);
    await expect(app.login(agent.email, agent.password)).rejects.toThrow();
    await app.login(agent.email, 'a brand new secret 42');

    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token, password: 'another new secret 43' },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('TOKEN_INVALID');
  });

  it('answers the same for an unknown address and mails nothing', async () => {
    const before = mailsIn(mailLog).length;
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/forgot-password', payload: { email: 'nobody@nowhere.example' } });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual({ status: 'accepted' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      mailsIn(mailLog)
        .slice(before)
        .filter((m) => m.to === 'nobody@nowhere.example'),
    ).toEqual([]);
  });
});

describe('invitations by e-mail', () => {
  it('creates a pending agent who chooses a password from the link and signs in', async () => {
    const queue = await app.inject({
      method: 'POST',
      url: '/api/queues',
      token: app.companyA.adminToken,
      payload: { name: 'Vendas', color: '#22aa55' },
    });
    expect(queue.statusCode).toBe(201);
    const queueId = queue.json().id as number;

    const invited = await app.inject({
      method: 'POST',
      url: '/api/users/invitations',
      token: app.companyA.adminToken,
      payload: { name: 'Carla Convidada', email: 'Carla@Invite.example', role: 'agent', queueIds: [queueId] },
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({ email: 'carla@invite.example', role: 'agent', invitationPending: true });
    const userId = invited.json().id as number;

    const list = await app.inject({ method: 'GET', url: '/api/users', token: app.companyA.adminToken });
    expect(list.json().items.find((u: { id: number }) => u.id === userId)).toMatchObject({ invitationPending: true });

    // No password works before the invitation is accepted.
    const guess = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'carla@invite.example', password: '!invited' },
    });
    expect(guess.statusCode).toBe(401);

    const mail = mailsIn(mailLog).find((m) => m.to === 'carla@invite.example');
    expect(mail?.text).toContain('Company A');
    const first = await tokenMailedTo(mailLog, 'carla@invite.example', '/accept-invitation');

    // Resending gives a new link and retires the first.
    const before = mailsIn(mailLog).length;
    const resend = await app.inject({ method: 'POST', url: `/api/users/${userId}/invitation`, token: app.companyA.adminToken });
    expect(resend.statusCode).toBe(202);
    const token = await tokenMailedTo(mailLog, 'carla@invite.example', '/accept-invitation', before);
    expect(token).not.toBe(first);
    const stale = await app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token: first, password: 'carla secret pass 1' },
    });
    expect(stale.json().error.code).toBe('TOKEN_INVALID');

    const accepted = await app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: 'carla secret pass 1' },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user).toMatchObject({ id: userId, role: 'agent', companyId: app.companyA.id });
    expect(String(accepted.headers['set-cookie'])).toContain('jc_at=');

    const agentToken = await app.login('carla@invite.example', 'carla secret pass 1');
    const me = await app.inject({ method: 'GET', url: '/api/me', token: agentToken });
    expect(me.json()).toMatchObject({ name: 'Carla Convidada', role: 'agent' });
    const { rows } = await app.server.database.pool.query('select queue_id from user_queues where user_id = $1', [userId]);
    expect(rows.map((r) => Number(r.queue_id))).toEqual([queueId]);

    const after = await app.inject({ method: 'GET', url: `/api/users/${userId}`, token: app.companyA.adminToken });
    expect(after.json().invitationPending).toBe(false);
    const resendLate = await app.inject({ method: 'POST', url: `/api/users/${userId}/invitation`, token: app.companyA.adminToken });
    expect(resendLate.statusCode).toBe(409);
  });

  it('is for admins only, refuses a taken address and keeps invitations inside the company', async () => {
    const agent = await app.createUser(app.companyA, 'agent');
    const byAgent = await app.inject({
      method: 'POST',
      url: '/api/users/invitations',
      token: agent.token,
      payload: { name: 'X', email: 'x@invite.example', role: 'agent' },
    });
    expect(byAgent.statusCode).toBe(403);

    const taken = await app.inject({
      method: 'POST',
      url: '/api/users/invitations',
      token: app.companyA.adminToken,
      payload: { name: 'B admin', email: app.companyB.adminEmail, role: 'agent' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'EMAIL_TAKEN', fields: { email: expect.any(String) } });

    const foreignQueue = await app.inject({
      method: 'POST',
      url: '/api/queues',
      token: app.companyB.adminToken,
      payload: { name: 'Fila B', color: '#2255aa' },
    });
    const withForeignQueue = await app.inject({
      method: 'POST',
      url: '/api/users/invitations',
      token: app.companyA.adminToken,
      payload: { name: 'Y', email: 'y@invite.example', role: 'agent', queueIds: [foreignQueue.json().id] },
    });
    expect(withForeignQueue.statusCode).toBe(400);
    expect(withForeignQueue.json().error.fields).toHaveProperty('queueIds');

    const invitedByB = await app.inject({
      method: 'POST',
      url: '/api/users/invitations',
      token: app.companyB.adminToken,
      payload: { name: 'Z', email: 'z@invite.example', role: 'agent' },
    });
    const resendFromA = await app.inject({
      method: 'POST',
      url: `/api/users/${invitedByB.json().id}/invitation`,
      token: app.companyA.adminToken,
    });
    expect(resendFromA.statusCode).toBe(404);
  });
});
