import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

describe('company users', () => {
  it('lets an admin create an agent who can then sign in', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      token: app.companyA.adminToken,
      payload: { name: '  Bruno Agente ', email: 'Bruno@Example.com', password: 'bruno password 1', role: 'agent' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Bruno Agente',
      email: 'bruno@example.com',
      role: 'agent',
      active: true,
      lastLoginAt: null,
    });
    expect(created.json()).not.toHaveProperty('passwordHash');
    const token = await app.login('bruno@example.com', 'bruno password 1');
    const me = await app.inject({ method: 'GET', url: '/api/me', token });
    expect(me.json()).toMatchObject({ role: 'agent', companyId: app.companyA.id, companyName: 'Company A' });

    const list = await app.inject({ method: 'GET', url: '/api/users', token: app.companyA.adminToken });
    expect(list.json().items.map((u: { email: string }) => u.email)).toContain('bruno@example.com');
  });

  it('refuses a taken email with 409 naming the field, whatever its case', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/users',
      token: app.companyB.adminToken,
      payload: { name: 'Dup', email: app.companyA.adminEmail.toUpperCase(), password: 'some password', role: 'agent' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'EMAIL_TAKEN', fields: { email: expect.any(String) } });
  });

  it('validates every field of a new user', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/users',
      token: app.companyA.adminToken,
      payload: { name: '', email: 'x', password: 'short', role: 'owner' },
    });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields).sort()).toEqual(['email', 'name', 'password', 'role']);
  });

  it('keeps agents and supervisors out of admin routes with 403', async () => {
    const agent = await app.createUser(app.companyA, 'agent');
    const supervisor = await app.createUser(app.companyA, 'supervisor');
    expect((await app.inject({ method: 'GET', url: '/api/users', token: agent.token })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/users', token: supervisor.token })).statusCode).toBe(200);
    const create = await app.inject({
      method: 'POST',
      url: '/api/users',
      token: supervisor.token,
      payload: { name: 'X', email: 'x@example.com', password: 'password123', role: 'admin' },
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('FORBIDDEN');
    const promote = await app.inject({ method: 'PATCH', url: `/api/users/${agent.id}`, token: agent.token, payload: { role: 'admin' } });
    expect(promote.statusCode).toBe(403);
  });

  it('edits a user, and deactivation signs them out at once', async () => {
    const agent = await app.createUser(app.companyA, 'agent');
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/users/${agent.id}`,
      token: app.companyA.adminToken,
      payload: { name: 'Carla', role: 'supervisor' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Carla', role: 'supervisor' });
    // a role change revokes sessions so the new permissions apply everywhere
    expect((await app.inject({ method: 'GET', url: '/api/me', token: agent.token })).statusCode).toBe(401);

    const token = await app.login(agent.email, agent.password);
    const deactivated = await app.inject({
      method: 'PATCH',
      url: `/api/users/${agent.id}`,
      token: app.companyA.adminToken,
      payload: { active: false },
    });
    expect(deactivated.json().active).toBe(false);
    expect((await app.inject({ method: 'GET', url: '/api/me', token })).statusCode).toBe(401);
    await expect(app.login(agent.email, agent.password)).rejects.toThrow(/401/);
  });

  it('resets a password: old sessions end, the new password works', async () => {
    const agent = await app.createUser(app.companyA, 'agent');
    const reset = await app.inject({
      method: 'POST',
      url: `/api/users/${agent.id}/password`,
      token: app.companyA.adminToken,
      payload: { password: 'reset by admin 1' },
    });
    expect(reset.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/me', token: agent.token })).statusCode).toBe(401);
    await expect(app.login(agent.email, 'reset by admin 1')).resolves.toEqual(expect.any(String));
  });

  it('never lets an admin lock themselves out or remove the last admin', async () => {
    const self = await app.inject({
      method: 'PATCH',
      url: `/api/users/${app.companyB.adminId}`,
      token: app.companyB.adminToken,
      payload: { active: false },
    });
    expect(self.statusCode).toBe(400);
    expect(self.json().error).toMatchObject({ code: 'CANNOT_CHANGE_SELF', fields: { active: expect.any(String) } });
    const demoteSelf = await app.inject({
      method: 'PATCH',
      url: `/api/users/${app.companyB.adminId}`,
      token: app.companyB.adminToken,
      payload: { role: 'agent' },
    });
    expect(demoteSelf.json().error.fields).toHaveProperty('role');

    const other = await app.createUser(app.companyB, 'admin');
    const demoteFirst = await app.inject({
      method: 'PATCH',
      url: `/api/users/${app.companyB.adminId}`,
      token: other.token,
      payload: { role: 'agent' },
    });
    expect(demoteFirst.statusCode).toBe(200);
    // the demoted admin's session ended with the role change
    expect((await app.inject({ method: 'GET', url: '/api/users', token: app.companyB.adminToken })).statusCode).toBe(401);
    const demotedToken = await app.login(app.companyB.adminEmail, app.companyB.adminPassword);
    expect((await app.inject({ method: 'GET', url: '/api/users', token: demotedToken })).statusCode).toBe(403);
  });

  it('answers 404 for an id that does not exist and 400 for one that is not a number', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/users/999999', token: app.companyA.adminToken })).statusCode).toBe(404);
    const bad = await app.inject({ method: 'GET', url: '/api/users/abc', token: app.companyA.adminToken });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('id');
  });
});
