import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';
import { contactByPhone, createLeadHook, logOf, postLead } from './lead-hooks.harness.js';

/** The hooks' settings, secrets and the public endpoint's guards: key, header secret, switch, rate limit. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

describe('lead hooks: settings and guards', () => {
  it('answers 404 for an unknown key, and 403 (logged) while switched off', async () => {
    const unknown = await postLead(app, '/hooks/leads/no-such-key', { phone: '11977770000' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('LEAD_HOOK_NOT_FOUND');
    const hook = await createLeadHook(app, app.companyA, { name: 'Off', active: false, mapping: { phone: 'phone' } });
    const off = await postLead(app, hook.path, { phone: '11977770000' });
    expect(off.statusCode).toBe(403);
    expect(off.json().error.code).toBe('LEAD_HOOK_INACTIVE');
    expect(await contactByPhone(app, app.companyA.id, '+5511977770000')).toBeUndefined();
    expect((await logOf(app, app.companyA, hook.id))[0]).toMatchObject({ status: 'rejected', httpStatus: 403 });
  });

  it('asks for X-Jimmy-Secret when the hook was made with one; rotating kills the old URL', async () => {
    const hook = await createLeadHook(app, app.companyA, { name: 'n8n', requireSecret: true, mapping: { phone: 'phone' } });
    expect(hook.secret).toMatch(/^lhs_/);
    const listed = await app.inject({ method: 'GET', url: '/api/lead-hooks', token: app.companyA.adminToken });
    expect(JSON.stringify(listed.json())).not.toContain(hook.secret);
    expect((await postLead(app, hook.path, { phone: '11977773030' })).statusCode).toBe(401);
    expect((await postLead(app, hook.path, { phone: '11977773030' }, { 'x-jimmy-secret': 'wrong' })).statusCode).toBe(401);
    expect(await contactByPhone(app, app.companyA.id, '+5511977773030')).toBeUndefined();
    const ok = await postLead(app, hook.path, { phone: '11977773030' }, { 'x-jimmy-secret': hook.secret! });
    expect(ok.statusCode, ok.body).toBe(202);
    expect(ok.json()).toEqual({ contactId: expect.any(Number) });
    const logged = await logOf(app, app.companyA, hook.id);
    expect(JSON.stringify(logged)).not.toContain(hook.secret);
    const rotated = await app.inject({
      method: 'POST',
      url: `/api/lead-hooks/${hook.id}/rotate`,
      token: app.companyA.adminToken,
      payload: { requireSecret: false },
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(rotated.json()).toMatchObject({ secret: null, secretRequired: false });
    expect(rotated.json().path).not.toBe(hook.path);
    expect((await postLead(app, hook.path, { phone: '11977773031' })).statusCode).toBe(404);
    expect((await postLead(app, rotated.json().path, { phone: '11977773031' })).statusCode).toBe(202);
  });

  it('refuses actions that do not name the company’s own rows, and agents', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/lead-hooks',
      token: app.companyA.adminToken,
      payload: { name: 'x', actions: { route: 'queue', connectionId: 999999, queueId: null, firstMessage: 'oi' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['actions.connectionId', 'actions.queueId']));
    const noName = await app.inject({ method: 'POST', url: '/api/lead-hooks', token: app.companyA.adminToken, payload: {} });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.fields).toHaveProperty('name');
    const agent = await app.createUser(app.companyA, 'agent');
    expect((await app.inject({ method: 'GET', url: '/api/lead-hooks', token: agent.token })).statusCode).toBe(403);
  });

  it('deletes a hook with its log; its URL then answers 404', async () => {
    const hook = await createLeadHook(app, app.companyA, { name: 'Temp', mapping: { phone: 'phone' } });
    expect((await postLead(app, hook.path, { phone: '11977774040' })).statusCode).toBe(202);
    const removed = await app.inject({ method: 'DELETE', url: `/api/lead-hooks/${hook.id}`, token: app.companyA.adminToken });
    expect(removed.statusCode).toBe(204);
    expect((await postLead(app, hook.path, { phone: '11977774040' })).statusCode).toBe(404);
    const { rows } = await app.server.database.pool.query('select count(*)::int as n from lead_hook_requests where hook_id = $1', [
      hook.id,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('documents the admin routes and the public endpoint in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    expect(Object.keys(doc.paths['/api/lead-hooks']!)).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/api/lead-hooks/{id}']!)).toEqual(expect.arrayContaining(['get', 'put', 'delete']));
    expect(doc.paths['/api/lead-hooks/{id}/rotate']).toHaveProperty('post');
    expect(doc.paths['/api/lead-hooks/{id}/requests']).toHaveProperty('get');
    expect(doc.paths['/api/lead-hooks/{id}/requests/{requestId}/replay']).toHaveProperty('post');
    expect(doc.paths['/hooks/leads/{key}']).toHaveProperty('post');
  });

  it('rate-limits the public endpoint per key and address (429)', async () => {
    let last = 0;
    for (let i = 0; i < 125 && last !== 429; i++) last = (await postLead(app, '/hooks/leads/flood-key', {})).statusCode;
    expect(last).toBe(429);
  });
});
