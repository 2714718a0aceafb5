import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPlatformOperator } from '../src/modules/platform/index.js';
import { startTestApp, type TestApp, type TestCompany } from './harness.js';

const OPERATOR = { email: 'platform@demo.jimmy.chat', password: 'jimmy-platform-2026' };
const limits = { users: 5, connections: 2, queues: null, flows: null, messagesPerMonth: 1000, apiAccess: false, internalChat: true };

let app: TestApp;
let operatorToken: string;
let planId: number;

beforeAll(async () => {
  app = await startTestApp({ SAAS: 'on' });
  const seeded = await seedPlatformOperator(app.server.database.pool, app.server.services.companies, OPERATOR);
  expect(seeded.created).toBe(true);
  // A second start leaves the operator as it is.
  expect((await seedPlatformOperator(app.server.database.pool, app.server.services.companies, OPERATOR)).created).toBe(false);
  operatorToken = await app.login(OPERATOR.email, OPERATOR.password);
  const plan = await app.inject({
    method: 'POST',
    url: '/api/platform/plans',
    token: operatorToken,
    payload: { name: 'Equipe', priceCents: 29_900, trialDays: 7, limits, public: true },
  });
  expect(plan.statusCode, plan.body).toBe(201);
  planId = plan.json().id;
});
afterAll(async () => app?.close());

const post = (url: string, payload?: object, token = operatorToken) => app.inject({ method: 'POST', url, token, payload });

describe('platform admin', () => {
  it('is reached only by the platform operator', async () => {
    const me = await app.inject({ method: 'GET', url: '/api/me', token: operatorToken });
    expect(me.json()).toMatchObject({ role: 'super_admin', companyName: 'Plataforma', impersonator: null });
    const agent = await app.createUser(app.companyA, 'agent');
    for (const url of ['/api/platform/figures', '/api/platform/companies', '/api/platform/plans', '/api/platform/audit']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
      expect((await app.inject({ method: 'GET', url, token: app.companyA.adminToken })).statusCode, url).toBe(403);
      expect((await app.inject({ method: 'GET', url, token: agent.token })).statusCode, url).toBe(403);
      expect((await app.inject({ method: 'GET', url, token: operatorToken })).statusCode, url).toBe(200);
    }
    expect((await post(`/api/platform/companies/${app.companyB.id}/suspend`, { reason: 'x' }, app.companyA.adminToken)).statusCode).toBe(
      403,
    );
    expect((await post(`/api/platform/companies/${app.companyA.id}/impersonate`, undefined, app.companyA.adminToken)).statusCode).toBe(403);
  });

  it("shows the platform's public plans on the site's pricing", async () => {
    const home = () => app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    const created = await post('/api/platform/plans', { name: 'Plano do Site', priceCents: 12_345, trialDays: 7, limits, public: true });
    expect(created.statusCode).toBe(201);
    const page = await home();
    expect(page.body).toContain('Plano do Site');
    expect(page.body).toMatch(/R\$\s123,45/);
    await app.inject({ method: 'DELETE', url: `/api/platform/plans/${created.json().id}`, token: operatorToken });
    expect((await home()).body).not.toContain('Plano do Site');
  });

  it('lists companies with usage and shows the figures', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/platform/companies?q=company%20a', token: operatorToken });
    expect(list.json().items).toEqual([
      expect.objectContaining({
        id: app.companyA.id,
        name: 'Company A',
        status: 'active',
        isPlatform: false,
        usage: expect.objectContaining({ users: expect.any(Number) }),
      }),
    ]);
    const figures = await app.inject({ method: 'GET', url: '/api/platform/figures', token: operatorToken });
    expect(figures.json().companiesByStatus.active).toBeGreaterThanOrEqual(3);
    const bad = await app.inject({ method: 'GET', url: '/api/platform/companies?status=nope', token: operatorToken });
    expect(bad.statusCode).toBe(400);
  });

  it('suspends (no sign-in: COMPANY_SUSPENDED) and reactivates', async () => {
    const c = await app.createCompany('Suspensa');
    const suspended = await post(`/api/platform/companies/${c.id}/suspend`, { reason: 'fraude' });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toMatchObject({ status: 'suspended', statusReason: 'fraude' });
    // The open session ends at the next request; a new sign-in is refused with the reason.
    expect((await app.inject({ method: 'GET', url: '/api/me', token: c.adminToken })).statusCode).toBe(401);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: c.adminEmail, password: c.adminPassword } });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('COMPANY_SUSPENDED');
    const back = await post(`/api/platform/companies/${c.id}/reactivate`);
    expect(back.json()).toMatchObject({ status: 'active' });
    expect((await app.login(c.adminEmail, c.adminPassword)).length).toBeGreaterThan(10);
    const own = (await app.inject({ method: 'GET', url: '/api/me', token: operatorToken })).json().companyId;
    expect((await post(`/api/platform/companies/${own}/suspend`, { reason: 'x' })).statusCode).toBe(409);
  });

  it('changes the plan and extends the trial, back to trial after it ran out', async () => {
    const c = await app.createCompany('Teste');
    const changed = await post(`/api/platform/companies/${c.id}/plan`, { planId });
    expect(changed.json().plan).toEqual({ id: planId, name: 'Equipe' });
    expect((await app.inject({ method: 'GET', url: '/api/me', token: c.adminToken })).json().company.plan).toEqual({
      id: planId,
      name: 'Equipe',
    });
    const missing = await post(`/api/platform/companies/${c.id}/plan`, { planId: 999_999 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toHaveProperty('planId');
    await app.server.services.companyStatus.set(c.id, 'read_only', 'trial expired', { trialEndsAt: new Date(Date.now() - 86_400_000) });
    const tooMany = await post(`/api/platform/companies/${c.id}/extend-trial`, { days: 91 });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.fields).toHaveProperty('days');
    const extended = await post(`/api/platform/companies/${c.id}/extend-trial`, { days: 10 });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json().status).toBe('trial');
    const days = (Date.parse(extended.json().trialEndsAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(9.9);
    expect(days).toBeLessThan(10.1);
    const again = await post(`/api/platform/companies/${c.id}/extend-trial`, { days: 5 });
    expect((Date.parse(again.json().trialEndsAt) - Date.now()) / 86_400_000).toBeGreaterThan(14.9);
    const audit = await app.inject({ method: 'GET', url: `/api/platform/audit?companyId=${c.id}`, token: operatorToken });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual([
      'company.extend-trial',
      'company.extend-trial',
      'company.plan',
    ]);
  });

  it('validates plans, archives a plan in use and deletes an unused one', async () => {
    const bad = await post('/api/platform/plans', { name: '', priceCents: -1, trialDays: 7, limits, public: true });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['name', 'priceCents']));
    const badLimits = await post('/api/platform/plans', {
      name: 'X',
      priceCents: 1,
      trialDays: 7,
      limits: { ...limits, users: -2 },
      public: true,
    });
    expect(badLimits.json().error.fields).toHaveProperty(['limits.users']);
    const spare = await post('/api/platform/plans', { name: 'Avulso', priceCents: 100, trialDays: 0, limits, public: false });
    const edited = await app.inject({
      method: 'PUT',
      url: `/api/platform/plans/${spare.json().id}`,
      token: operatorToken,
      payload: { name: 'Avulso 2', priceCents: 200, trialDays: 3, limits, public: true },
    });
    expect(edited.json()).toMatchObject({ name: 'Avulso 2', priceCents: 200, public: true });
    const removed = await app.inject({ method: 'DELETE', url: `/api/platform/plans/${spare.json().id}`, token: operatorToken });
    expect(removed.json()).toEqual({ outcome: 'deleted' });
    const archived = await app.inject({ method: 'DELETE', url: `/api/platform/plans/${planId}`, token: operatorToken });
    expect(archived.json()).toEqual({ outcome: 'archived' });
    const plans = await app.inject({ method: 'GET', url: '/api/platform/plans', token: operatorToken });
    expect(plans.json().items).toEqual([expect.objectContaining({ id: planId, archived: true, public: false })]);
    expect(await app.server.services.plans.listPublic()).toEqual([]);
  });

  it("exports only the company's rows and deletes only after an export", async () => {
    const doomed = await app.createCompany('Encerrada');
    const keeper: TestCompany = app.companyB;
    for (const [company, name] of [
      [doomed, 'Tag da Encerrada'],
      [keeper, 'Tag da B'],
    ] as const) {
      const tag = await app.inject({ method: 'POST', url: '/api/tags', token: company.adminToken, payload: { name, color: '#112233' } });
      expect(tag.statusCode, tag.body).toBe(201);
    }
    const refused = await app.inject({
      method: 'DELETE',
      url: `/api/platform/companies/${doomed.id}`,
      token: operatorToken,
      payload: { confirmName: 'Encerrada' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('EXPORT_REQUIRED');
    const exported = await app.inject({ method: 'GET', url: `/api/platform/companies/${doomed.id}/export`, token: operatorToken });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('attachment');
    const data = JSON.parse(exported.body) as {
      company: { name: string };
      tables: Record<string, { company_id: string | number; name?: string; email?: string }[]>;
    };
    expect(data.company.name).toBe('Encerrada');
    expect(data.tables.tags?.map((t) => t.name)).toEqual(['Tag da Encerrada']);
    expect(data.tables.users?.map((u) => u.email)).toEqual([doomed.adminEmail]);
    expect(exported.body).not.toContain('password_hash');
    expect(exported.body).not.toContain('Tag da B');
    expect(exported.body).not.toContain(keeper.adminEmail);
    for (const rows of Object.values(data.tables)) {
      for (const row of rows) expect(Number(row.company_id)).toBe(doomed.id);
    }
    const wrongName = await app.inject({
      method: 'DELETE',
      url: `/api/platform/companies/${doomed.id}`,
      token: operatorToken,
      payload: { confirmName: 'Outra' },
    });
    expect(wrongName.statusCode).toBe(400);
    expect(wrongName.json().error.fields).toHaveProperty('confirmName');
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/platform/companies/${doomed.id}`,
      token: operatorToken,
      payload: { confirmName: 'Encerrada' },
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/api/platform/companies/${doomed.id}`, token: operatorToken })).statusCode).toBe(404);
    const { rows } = await app.server.database.pool.query('select count(*)::int as n from tags where company_id = $1', [doomed.id]);
    expect(rows[0].n).toBe(0);
    const tagsOfB = await app.inject({ method: 'GET', url: '/api/tags', token: keeper.adminToken });
    expect(tagsOfB.json().items.map((t: { name: string }) => t.name)).toContain('Tag da B');
    const own = (await app.inject({ method: 'GET', url: '/api/me', token: operatorToken })).json();
    const self = await app.inject({
      method: 'DELETE',
      url: `/api/platform/companies/${own.companyId}`,
      token: operatorToken,
      payload: { confirmName: own.companyName },
    });
    expect(self.statusCode).toBe(409);
  });

  it('signs in as the company admin for support, visibly, and back', async () => {
    const started = await post(`/api/platform/companies/${app.companyA.id}/impersonate`);
    expect(started.statusCode, started.body).toBe(200);
    expect(started.headers['set-cookie']).toBeDefined();
    const support = started.json().accessToken as string;
    expect(started.json().user).toMatchObject({ id: app.companyA.adminId, companyId: app.companyA.id, role: 'admin' });
    const me = await app.inject({ method: 'GET', url: '/api/me', token: support });
    expect(me.json()).toMatchObject({
      id: app.companyA.adminId,
      impersonator: { name: 'Operador da plataforma', email: OPERATOR.email },
    });
    // Acts as the company's admin: sees company A's users, not the platform's.
    const users = await app.inject({ method: 'GET', url: '/api/users', token: support });
    expect(users.json().items.map((u: { id: number }) => u.id)).toContain(app.companyA.adminId);
    expect((await app.inject({ method: 'GET', url: '/api/platform/figures', token: support })).statusCode).toBe(403);
    // The company's own admin sees the support sign-in.
    const access = await app.inject({ method: 'GET', url: '/api/platform-access', token: app.companyA.adminToken });
    expect(access.statusCode).toBe(200);
    expect(access.json().items[0]).toMatchObject({ action: 'impersonation.start', actor: { email: OPERATOR.email } });
    const otherAccess = await app.inject({ method: 'GET', url: '/api/platform-access', token: app.companyB.adminToken });
    expect(otherAccess.json().items.map((e: { action: string }) => e.action)).not.toContain('impersonation.start');
    const agent = await app.createUser(app.companyA, 'agent');
    expect((await app.inject({ method: 'GET', url: '/api/platform-access', token: agent.token })).statusCode).toBe(403);
    // The admin's own session is not a support one.
    expect((await post('/api/platform/impersonation/end', undefined, app.companyA.adminToken)).statusCode).toBe(409);
    const ended = await post('/api/platform/impersonation/end', undefined, support);
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().user).toMatchObject({ email: OPERATOR.email, role: 'super_admin', impersonator: null });
    expect((await app.inject({ method: 'GET', url: '/api/me', token: support })).statusCode).toBe(401);
    const back = ended.json().accessToken as string;
    expect((await app.inject({ method: 'GET', url: '/api/platform/figures', token: back })).statusCode).toBe(200);
    const audit = await app.inject({ method: 'GET', url: `/api/platform/audit?companyId=${app.companyA.id}`, token: back });
    expect(
      audit
        .json()
        .items.map((e: { action: string }) => e.action)
        .slice(0, 2),
    ).toEqual(['impersonation.end', 'impersonation.start']);
  });
});

describe('platform admin with SAAS=off', () => {
  it('is not there', async () => {
    const off = await startTestApp({ SAAS: 'off' });
    try {
      const response = await off.inject({ method: 'GET', url: '/api/platform/figures', token: off.companyA.adminToken });
      expect(response.statusCode).toBe(404);
      expect((await off.inject({ method: 'GET', url: '/api/platform-access', token: off.companyA.adminToken })).statusCode).toBe(404);
    } finally {
      await off.close();
    }
    // A second server boots here, slow on a busy machine.
  }, 120_000);
});
