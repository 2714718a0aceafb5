import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';
import { eventually } from './pipeline.harness.js';
import { deliveriesOf, startReceiver, type Receiver } from './webhooks.harness.js';

/**
 * The operator did not allow private networks here (production's default): subscriptions to
 * private, loopback or link-local addresses are refused, and a delivery to one is refused on connect.
 * Continuous failures switch the subscription off after WEBHOOK_DISABLE_AFTER_MS, with a notice.
 */
let app: TestApp;
let receiver: Receiver;

beforeAll(async () => {
  app = await startTestApp({
    ALLOW_PRIVATE_NETWORK_CALLS: 'false',
    WEBHOOK_RETRY_BASE_MS: '50',
    WEBHOOK_RELAY_INTERVAL_MS: '100',
    WEBHOOK_DISABLE_AFTER_MS: '1500',
  });
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await app?.close();
});

describe('outbound webhooks without private network access', () => {
  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost:8080/hook',
    'http://10.1.2.3/hook',
    'http://192.168.0.10/hook',
    'http://172.16.5.4/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]:8080/hook',
    'http://[fe80::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://0.0.0.0/hook',
  ])('refuses %s with a 400 naming url', async (url) => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/webhook-subscriptions',
      token: app.companyA.adminToken,
      payload: { url, events: ['message.received'] },
    });
    expect(created.statusCode, created.body).toBe(400);
    expect(created.json().error).toMatchObject({ code: 'WEBHOOK_URL_NOT_ALLOWED', fields: { url: expect.any(String) } });
  });

  it('refuses a private address on update too', async () => {
    const { rows } = await app.server.database.pool.query<{ id: string }>(
      `insert into webhook_subscriptions (company_id, url, events, secret) values ($1, 'https://example.com/x', '{message.received}', 'v1.x.x.x') returning id`,
      [app.companyA.id],
    );
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/webhook-subscriptions/${rows[0]!.id}`,
      token: app.companyA.adminToken,
      payload: { url: 'http://127.0.0.1/x' },
    });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().error.fields).toHaveProperty('url');
    await app.server.database.pool.query('delete from webhook_subscriptions where id = $1', [rows[0]!.id]);
  });

  it('refuses the connection at delivery time, logs it, and switches a subscription off after continuous failures', async () => {
    // Stored as if the name had resolved to a public address when it was created (DNS rebinding).
    const created = await app.inject({
      method: 'POST',
      url: '/api/webhook-subscriptions',
      token: app.companyA.adminToken,
      payload: { url: 'https://93.184.215.14/hook', events: ['message.received'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    await app.server.database.pool.query('update webhook_subscriptions set url = $2 where id = $1', [id, receiver.url]);
    const sent = await app.inject({ method: 'POST', url: `/api/webhook-subscriptions/${id}/test`, token: app.companyA.adminToken });
    expect(sent.statusCode).toBe(202);
    const subscription = await eventually(
      async () => {
        const response = await app.inject({ method: 'GET', url: `/api/webhook-subscriptions/${id}`, token: app.companyA.adminToken });
        return response.json().active === false ? response.json() : undefined;
      },
      'the subscription switched off',
      30_000,
    );
    expect(subscription).toMatchObject({ active: false, disabledReason: 'failing' });
    expect(receiver.requests).toHaveLength(0);
    const [delivery] = await deliveriesOf(app, app.companyA, id);
    expect(delivery!.state).toBe('pending');
    expect(delivery!.attempts).toBeGreaterThanOrEqual(2);
    expect(delivery!.attemptLog.every((a) => a.responseStatus === null && /refused: 127\.0\.0\.1/.test(a.error ?? ''))).toBe(true);
    // the admin was told
    const notices = await app.inject({ method: 'GET', url: '/api/notifications', token: app.companyA.adminToken });
    expect(notices.json().items).toEqual([expect.objectContaining({ kind: 'webhook-disabled', excerpt: receiver.url, ticketId: null })]);
    // switched off, it sends nothing more
    const attempts = delivery!.attempts;
    const again = await app.inject({ method: 'POST', url: `/api/webhook-subscriptions/${id}/test`, token: app.companyA.adminToken });
    expect(again.statusCode).toBe(202);
    const log = await deliveriesOf(app, app.companyA, id);
    expect(log.find((d) => d.id === delivery!.id)!.attempts).toBe(attempts);
  });
});
