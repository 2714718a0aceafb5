import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ LOGIN_RATE_LIMIT: '5' });
});
afterAll(async () => app?.close());

function cookiesOf(response: { headers: Record<string, unknown> }): Record<string, string> {
  const raw = response.headers['set-cookie'];
  const list = Array.isArray(raw) ? (raw as string[]) : raw ? [String(raw)] : [];
  return Object.fromEntries(list.map((c) => c.split(';')[0]!.split('=') as [string, string]));
}

describe('login', () => {
  it('signs in with the right password and sets httpOnly SameSite=Lax cookies', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: app.companyA.adminEmail.toUpperCase(), password: app.companyA.adminPassword },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.accessToken).toEqual(expect.any(String));
    expect(body.user).toMatchObject({
      id: app.companyA.adminId,
      email: app.companyA.adminEmail,
      role: 'admin',
      companyId: app.companyA.id,
    });
    const setCookie = ([] as string[]).concat(response.headers['set-cookie'] as string[]);
    expect(setCookie.find((c) => c.startsWith('jc_at='))).toMatch(/HttpOnly/i);
    expect(setCookie.find((c) => c.startsWith('jc_rt='))).toMatch(/SameSite=Lax/i);
    expect(setCookie.find((c) => c.startsWith('jc_rt='))).toMatch(/Path=\/api\/auth/);
  });

  it('refuses a wrong password and an unknown email alike with 401', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: app.companyB.adminEmail, password: 'nope nope nope' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ghost@example.com', password: 'nope nope nope' },
    });
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: expect.any(String) } });
    }
  });

  it('rate-limits repeated attempts with 429 and Retry-After', async () => {
    const attempt = () =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'target@example.com', password: 'guess guess' } });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await attempt()).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers malformed JSON and wrong types with 400 naming the field, never 500', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toMatchObject({ code: 'INVALID_JSON', fields: { body: expect.any(String) } });

    const wrongTypes = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 42, password: ['x'] } });
    expect(wrongTypes.statusCode).toBe(400);
    expect(wrongTypes.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { email: expect.any(String), password: expect.any(String) },
    });

    const notAnEmail = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'not-an-email', password: 'x' } });
    expect(notAnEmail.statusCode).toBe(400);
    expect(Object.keys(notAnEmail.json().error.fields)).toEqual(['email']);
  });
});

describe('sessions', () => {
  it('accepts the cookie or a Bearer token and refuses neither with 401', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: app.companyA.adminEmail, password: app.companyA.adminPassword },
    });
    const { jc_at } = cookiesOf(login);
    expect((await app.inject({ method: 'GET', url: '/api/me', cookies: { jc_at: jc_at! } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me', token: login.json().accessToken })).json().id).toBe(app.companyA.adminId);
    const anonymous = await app.inject({ method: 'GET', url: '/api/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHORIZED');
    expect((await app.inject({ method: 'GET', url: '/api/me', token: `${login.json().accessToken}x` })).statusCode).toBe(401);
  });

  it('rotates the refresh token and refuses the old one', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: app.companyA.adminEmail, password: app.companyA.adminPassword },
    });
    const first = cookiesOf(login).jc_rt!;
    const refreshed = await app.inject({ method: 'POST', url: '/api/auth/refresh', cookies: { jc_rt: first } });
    expect(refreshed.statusCode).toBe(200);
    const second = cookiesOf(refreshed).jc_rt!;
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    expect((await app.inject({ method: 'GET', url: '/api/me', token: refreshed.json().accessToken })).statusCode).toBe(200);

    const reused = await app.inject({ method: 'POST', url: '/api/auth/refresh', cookies: { jc_rt: first } });
    expect(reused.statusCode).toBe(401);
    expect(reused.json().error.code).toBe('REFRESH_TOKEN_REUSED');
    // the successor still works: a race inside the grace window is not treated as theft
    expect((await app.inject({ method: 'POST', url: '/api/auth/refresh', cookies: { jc_rt: second } })).statusCode).toBe(200);
  });

  it('logout invalidates the refresh token and the access token at once', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: app.companyB.adminEmail, password: app.companyB.adminPassword },
    });
    const { jc_rt } = cookiesOf(login);
    const token = login.json().accessToken;
    const logout = await app.inject({ method: 'POST', url: '/api/auth/logout', token, cookies: { jc_rt: jc_rt! } });
    expect(logout.statusCode).toBe(204);
    expect((await app.inject({ method: 'POST', url: '/api/auth/refresh', cookies: { jc_rt: jc_rt! } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/me', token })).statusCode).toBe(401);
  });

  it('refuses state-changing requests from another origin', async () => {
    const response = await app.inject({
      method: 'PATCH',
      url: '/api/me',
      token: app.companyA.adminToken,
      headers: { origin: 'https://evil.example' },
      payload: { name: 'Hacked' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('ORIGIN_NOT_ALLOWED');
  });
});

describe('profile and password', () => {
  it('updates name and preferences', async () => {
    const user = await app.createUser(app.companyA, 'agent', 'Ana Agent');
    const response = await app.inject({
      method: 'PATCH',
      url: '/api/me',
      token: user.token,
      payload: { name: 'Ana Paula', language: 'en', theme: 'dark' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: 'Ana Paula', language: 'en', theme: 'dark' });
    const invalid = await app.inject({ method: 'PATCH', url: '/api/me', token: user.token, payload: { language: 'fr' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.fields).toHaveProperty('language');
  });

  it('changes the password only with the current one, and signs out other sessions', async () => {
    const user = await app.createUser(app.companyA, 'agent');
    const otherDevice = await app.login(user.email, user.password);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/me/password',
      token: user.token,
      payload: { currentPassword: 'wrong wrong', newPassword: 'brand new password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toHaveProperty('currentPassword');
    const tooShort = await app.inject({
      method: 'POST',
      url: '/api/me/password',
      token: user.token,
      payload: { currentPassword: user.password, newPassword: 'short' },
    });
    expect(tooShort.json().error.fields).toHaveProperty('newPassword');

    const ok = await app.inject({
      method: 'POST',
      url: '/api/me/password',
      token: user.token,
      payload: { currentPassword: user.password, newPassword: 'brand new password' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/me', token: user.token })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me', token: otherDevice })).statusCode).toBe(401);
    await expect(app.login(user.email, user.password)).rejects.toThrow(/401/);
    await expect(app.login(user.email, 'brand new password')).resolves.toEqual(expect.any(String));
  });
});
