import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, createTestDatabase, startTestApp, testEnv, type TestApp } from './harness.js';
import { mailsIn, tokenMailedTo } from './signup.mail.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'jimmy-signup-'));
const mailLog = path.join(dir, 'mail.jsonl');
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ MAIL_LOG_FILE: mailLog, PUBLIC_URL: 'https://app.example.com', SIGNUP_RATE_LIMIT: '50' });
  await app.server.services.plans.seedDefaults();
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const form = (email: string, extra: Record<string, unknown> = {}) => ({
  companyName: 'Padaria Pão Quente',
  name: 'Ana Souza',
  email,
  whatsapp: '(11) 98765-4321',
  password: 'correct horse battery',
  acceptTerms: true,
  ...extra,
});

const cookieOf = (setCookie: string | string[] | undefined, name: string) =>
  ([] as string[])
    .concat(setCookie ?? [])
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith(`${name}=`));

describe('self-service sign-up', () => {
  it('creates a trial company whose admin signs in only after opening the mailed link', async () => {
    const signup = await app.inject({ method: 'POST', url: '/api/signup', payload: form('Ana@Padaria.example') });
    expect(signup.statusCode).toBe(201);
    expect(signup.json()).toEqual({ status: 'verification_sent', email: 'ana@padaria.example' });

    const mail = mailsIn(mailLog).find((m) => m.to === 'ana@padaria.example');
    expect(mail?.text).toContain('https://app.example.com/verify-email?token=');
    expect(mail?.text).toContain('Confirme seu e-mail');
    const token = await tokenMailedTo(mailLog, 'ana@padaria.example', '/verify-email');

    const early = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ana@padaria.example', password: 'correct horse battery' },
    });
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe('EMAIL_NOT_VERIFIED');

    const verified = await app.inject({ method: 'POST', url: '/api/signup/verify', payload: { token } });
    expect(verified.statusCode).toBe(200);
    const cookie = cookieOf(verified.headers['set-cookie'], 'jc_at');
    expect(cookie).toBeDefined();

    // The cookie alone opens the console, as after a login.
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookie! } });
    expect(me.statusCode).toBe(200);
    const company = me.json().company;
    expect(me.json()).toMatchObject({ email: 'ana@padaria.example', role: 'admin', companyName: 'Padaria Pão Quente' });
    expect(company).toMatchObject({ status: 'trial', plan: { name: 'Start' } });
    const trialEnds = new Date(company.trialEndsAt).getTime();
    expect(Math.abs(trialEnds - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);

    const { rows } = await app.server.database.pool.query('select whatsapp, plan_id from signups where company_id = $1', [company.id]);
    expect(rows.map((r) => ({ whatsapp: r.whatsapp, planId: Number(r.plan_id) }))).toEqual([
      { whatsapp: '+5511987654321', planId: company.plan.id },
    ]);

    // The link works once.
    const reused = await app.inject({ method: 'POST', url: '/api/signup/verify', payload: { token } });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.code).toBe('TOKEN_INVALID');

    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ana@padaria.example', password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('puts the company on the plan the visitor chose', async () => {
    const plans = (await app.inject({ method: 'GET', url: '/api/signup/plans' })).json().items as { id: number; name: string }[];
    expect(plans.map((p) => p.name)).toEqual(['Start', 'Equipe', 'Empresa']);
    const equipe = plans[1]!;
    expect(
      (await app.inject({ method: 'POST', url: '/api/signup', payload: form('bia@equipe.example', { planId: equipe.id }) })).statusCode,
    ).toBe(201);
    const token = await tokenMailedTo(mailLog, 'bia@equipe.example', '/verify-email');
    const verified = await app.inject({ method: 'POST', url: '/api/signup/verify', payload: { token } });
    expect(verified.json().user.company.plan).toEqual({ id: equipe.id, name: 'Equipe' });

    // The public site's pricing cards open the sign-up with their plan preselected.
    const home = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(home.body).toMatch(new RegExp(`href="/signup\\?plan=${equipe.id}"\\s+data-testid="site-plan-plan-${equipe.id}"`));
    expect(home.body).toMatch(/href="\/signup" data-testid="site-trial"/);

    const unknown = await app.inject({ method: 'POST', url: '/api/signup', payload: form('caio@x.example', { planId: 99_999 }) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toHaveProperty('planId');
  });

  it('refuses an address any company already uses with 409 naming the field', async () => {
    const taken = await app.inject({ method: 'POST', url: '/api/signup', payload: form(app.companyB.adminEmail.toUpperCase()) });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'EMAIL_TAKEN', fields: { email: expect.any(String) } });
  });

  it('names the field of a weak password, unaccepted terms and a bad WhatsApp number', async () => {
    const weak = await app.inject({ method: 'POST', url: '/api/signup', payload: form('weak@x.example', { password: 'abcdefgh' }) });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { password: 'too weak' } });

    const terms = await app.inject({ method: 'POST', url: '/api/signup', payload: form('terms@x.example', { acceptTerms: false }) });
    expect(terms.statusCode).toBe(400);
    expect(terms.json().error.fields).toHaveProperty('acceptTerms');

    const phone = await app.inject({ method: 'POST', url: '/api/signup', payload: form('phone@x.example', { whatsapp: '12' }) });
    expect(phone.statusCode).toBe(400);
    expect(phone.json().error.fields).toHaveProperty('whatsapp');

    const { rows } = await app.server.database.pool.query(`select count(*)::int as n from users where email like '%@x.example'`);
    expect(rows[0].n).toBe(0);
  });

  it('resends the link without revealing whether the address exists; the older link stops working', async () => {
    await app.inject({ method: 'POST', url: '/api/signup', payload: form('duda@resend.example') });
    const first = await tokenMailedTo(mailLog, 'duda@resend.example', '/verify-email');
    const before = mailsIn(mailLog).length;

    const resend = await app.inject({ method: 'POST', url: '/api/signup/resend', payload: { email: 'duda@resend.example' } });
    expect(resend.statusCode).toBe(202);
    const second = await tokenMailedTo(mailLog, 'duda@resend.example', '/verify-email', before);
    expect(second).not.toBe(first);

    const nobody = await app.inject({ method: 'POST', url: '/api/signup/resend', payload: { email: 'nobody@resend.example' } });
    expect(nobody.statusCode).toBe(202);
    expect(nobody.json()).toEqual(resend.json());

    expect((await app.inject({ method: 'POST', url: '/api/signup/verify', payload: { token: first } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/signup/verify', payload: { token: second } })).statusCode).toBe(200);
  });

  it('refuses an expired link', async () => {
    await app.inject({ method: 'POST', url: '/api/signup', payload: form('edu@expired.example') });
    const token = await tokenMailedTo(mailLog, 'edu@expired.example', '/verify-email');
    await app.server.database.pool.query(
      `update account_tokens set expires_at = now() - interval '1 minute'
        where user_id = (select id from users where email = 'edu@expired.example')`,
    );
    const expired = await app.inject({ method: 'POST', url: '/api/signup/verify', payload: { token } });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.code).toBe('TOKEN_INVALID');
  });
});

describe('sign-up on a self-hosted install', () => {
  // A second server boots here, which takes a while on a busy machine.
  it('does not exist with SAAS=off', { timeout: 120_000 }, async () => {
    const database = await createTestDatabase();
    const server = await bootServer(testEnv(database, { SAAS: 'off' }));
    try {
      const signup = await server.http.inject({ method: 'POST', url: '/api/signup', payload: form('off@x.example') });
      expect(signup.statusCode).toBe(404);
      expect((await server.http.inject({ method: 'GET', url: '/api/signup/plans' })).statusCode).toBe(404);
      // Password reset stays: a self-hosted team forgets passwords too.
      const forgot = await server.http.inject({ method: 'POST', url: '/api/auth/forgot-password', payload: { email: 'x@x.example' } });
      expect(forgot.statusCode).toBe(202);
    } finally {
      await server.close();
      await database.drop();
    }
  });
});
