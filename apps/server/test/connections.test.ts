import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOUD, startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';

let app: ConversationApp;
beforeAll(async () => {
  app = await startConversationApp();
});
afterAll(async () => app?.close());

const get = (id: number) => app.inject({ method: 'GET', url: `/api/connections/${id}`, token: app.companyA.adminToken });

describe('connections', () => {
  it('never returns secrets, and gives the webhook URL', async () => {
    const response = await get(app.cloudConnectionId);
    expect(response.json()).toMatchObject({
      type: 'whatsapp_cloud',
      phoneNumberId: CLOUD.phoneNumberId,
      hasVerifyToken: true,
      webhookUrl: expect.stringMatching(/\/webhooks\/whatsapp$/),
    });
    for (const secret of [CLOUD.accessToken, CLOUD.appSecret, CLOUD.verifyToken]) expect(response.body).not.toContain(secret);
    const { rows } = await app.server.database.pool.query('select access_token_sealed, app_secret_sealed from connections where id = $1', [
      app.cloudConnectionId,
    ]);
    expect(JSON.stringify(rows[0])).not.toContain(CLOUD.accessToken);
  });

  it('is "connecting" until proven: a credentials test or a signed webhook opens it, a failed test closes it', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/connections',
      token: app.companyA.adminToken,
      payload: {
        type: 'whatsapp_cloud',
        name: 'Outro número',
        phoneNumberId: 'PNID_200',
        wabaId: 'WABA_200',
        accessToken: 'wrong-token',
        appSecret: 'secret-200',
        verifyToken: 'verify-200-token',
      },
    });
    expect(created.json().status).toBe('connecting');
    const failed = await app.inject({ method: 'POST', url: `/api/connections/${created.json().id}/test`, token: app.companyA.adminToken });
    expect(failed.json()).toMatchObject({ status: 'closed', lastError: expect.stringContaining('190') });

    const ok = await app.inject({ method: 'POST', url: `/api/connections/${app.cloudConnectionId}/test`, token: app.companyA.adminToken });
    expect(ok.json()).toMatchObject({ status: 'open', lastError: null, displayPhoneNumber: expect.any(String) });

    await app.server.database.pool.query(`update connections set status = 'connecting' where id = $1`, [app.cloudConnectionId]);
    expect((await app.postWebhook(textWebhook('5511900009999', 'oi').body)).statusCode).toBe(200);
    expect((await get(app.cloudConnectionId)).json().status).toBe('open');
  });

  it('refuses a number already connected, and connection changes by agents', async () => {
    const taken = await app.inject({
      method: 'POST',
      url: '/api/connections',
      token: app.companyB.adminToken,
      payload: { type: 'whatsapp_cloud', name: 'x', ...CLOUD },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields).toHaveProperty('phoneNumberId');
    const agent = await app.createUser(app.companyA, 'agent');
    expect(
      (await app.inject({ method: 'POST', url: '/api/connections', token: agent.token, payload: { type: 'webchat', name: 'x' } }))
        .statusCode,
    ).toBe(403);
  });

  it('lists approved templates from the Graph API', async () => {
    app.graph.setTemplates(CLOUD.wabaId, [
      {
        name: 'boas_vindas',
        language: 'pt_BR',
        status: 'APPROVED',
        category: 'UTILITY',
        components: [{ type: 'BODY', text: 'Olá {{1}}' }],
      },
    ]);
    const response = await app.inject({
      method: 'GET',
      url: `/api/connections/${app.cloudConnectionId}/templates`,
      token: app.companyA.adminToken,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items).toEqual([expect.objectContaining({ name: 'boas_vindas', language: 'pt_BR', status: 'APPROVED' })]);
  });

  it('soft-deletes: conversations stay, the number can be connected again', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/connections',
      token: app.companyA.adminToken,
      payload: { type: 'webchat', name: 'Site antigo' },
    });
    const id = created.json().id;
    expect((await app.inject({ method: 'DELETE', url: `/api/connections/${id}`, token: app.companyA.adminToken })).statusCode).toBe(204);
    expect((await get(id)).statusCode).toBe(404);
  });
});
