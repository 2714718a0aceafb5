import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '@jimmy/contracts';
import { loadConfig } from '../src/infra/config.js';
import { startTestApp, type TestApp, type TestCompany } from './harness.js';
import { startAsaasFake, type AsaasFake } from './fakes/asaas-fake.js';

const WEBHOOK_TOKEN = 'whsec-asaas-test-token-0123456789';
const DAY = 86_400_000;

let app: TestApp;
let fake: AsaasFake;
let mailLog: string;
let start: Plan;
let equipe: Plan;
let superToken: string;

const mails = (to: string) =>
  existsSync(mailLog)
    ? readFileSync(mailLog, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { to: string; subject: string; text: string })
        .filter((mail) => mail.to === to)
    : [];

const checkout = (company: TestCompany, planId: number, method: 'pix' | 'card' | 'undefined') =>
  app.inject({ method: 'POST', url: '/api/billing/checkout', token: company.adminToken, payload: { planId, method } });

const asaasEvent = (id: string, event: string, payment: { id: string; externalReference: string }) =>
  JSON.stringify({
    id,
    event,
    dateCreated: '2026-12-04 10:00:00',
    payment: { object: 'payment', customer: 'cus_x', value: 149, status: 'RECEIVED', ...payment },
  });

const postHook = (body: string, token: string | null = WEBHOOK_TOKEN) =>
  app.inject({
    method: 'POST',
    url: '/hooks/billing/asaas',
    headers: { 'content-type': 'application/json', ...(token !== null && { 'asaas-access-token': token }) },
    payload: body,
  });

const companyRow = async (id: number) =>
  (
    await app.server.database.pool.query<{ status: string; paid_until: Date | null; plan_id: number | null; status_reason: string | null }>(
      'select status, paid_until, plan_id, status_reason from companies where id = $1',
      [id],
    )
  ).rows[0]!;

const eventCount = async () =>
  Number((await app.server.database.pool.query<{ n: string }>('select count(*) as n from billing_events')).rows[0]!.n);

beforeAll(async () => {
  fake = await startAsaasFake();
  mailLog = path.join(mkdtempSync(path.join(os.tmpdir(), 'jimmy-billing-')), 'mail.jsonl');
  app = await startTestApp({
    SAAS: 'on',
    BILLING_GATEWAY: 'asaas',
    ASAAS_URL: fake.url,
    ASAAS_API_KEY: fake.apiKey,
    ASAAS_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
    MAIL_LOG_FILE: mailLog,
    PUBLIC_URL: 'https://app.jimmy.test',
  });
  await app.server.services.plans.seedDefaults();
  const plans = await app.server.services.plans.listPublic();
  start = plans.find((p) => p.name === 'Start')!;
  equipe = plans.find((p) => p.name === 'Equipe')!;
  const operator = await app.createUser(app.companyA, 'admin', 'Operadora da plataforma');
  await app.server.database.pool.query(`update users set role = 'super_admin' where id = $1`, [operator.id]);
  superToken = await app.login(operator.email, operator.password);
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

describe('billing checkout and the Asaas webhook', () => {
  let invoiceId: number;
  let chargeId: string;

  it('checkout creates a customer and a Pix charge on Asaas and returns the Pix code', async () => {
    const response = await checkout(app.companyA, start.id, 'pix');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    invoiceId = body.invoice.id;
    expect(body.invoice).toMatchObject({ status: 'open', amountCents: start.priceCents, plan: { id: start.id } });
    const payments = fake.calls.filter((c) => c.path === '/payments');
    expect(payments).toHaveLength(1);
    expect(fake.calls.every((c) => c.accessToken === fake.apiKey)).toBe(true);
    expect(payments[0]!.body).toMatchObject({ billingType: 'PIX', value: start.priceCents / 100, externalReference: String(invoiceId) });
    expect(payments[0]!.body!.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    chargeId = [...fake.payments.keys()][0]!;
    expect(body.pixCode).toContain(chargeId);
    expect(body.paymentUrl).toBe(`https://sandbox.asaas.com/i/${chargeId.slice(4)}`);
    expect(fake.calls.filter((c) => c.path === '/customers')).toHaveLength(1);

    // Asked again: the same invoice and the same charge, nothing new at the gateway.
    const again = await checkout(app.companyA, start.id, 'pix');
    expect(again.json()).toMatchObject({ invoice: { id: invoiceId }, pixCode: body.pixCode });
    expect(fake.calls.filter((c) => c.path === '/payments')).toHaveLength(1);

    const summary = await app.inject({ method: 'GET', url: '/api/billing', token: app.companyA.adminToken });
    expect(summary.statusCode).toBe(200);
    expect(summary.json()).toMatchObject({ gateway: 'asaas', invoices: [{ id: invoiceId, status: 'open' }] });
    expect(summary.json().plans.map((p: Plan) => p.name)).toEqual(['Start', 'Equipe', 'Empresa']);
  });

  it('a webhook replayed three times pays the invoice once and extends paid_until once', async () => {
    const before = await eventCount();
    const body = asaasEvent('evt_paid_a_1', 'PAYMENT_RECEIVED', { id: chargeId, externalReference: String(invoiceId) });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await postHook(body));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.json().duplicate)).toEqual([false, true, true]);
    expect(await eventCount()).toBe(before + 1);
    const invoice = await app.inject({ method: 'GET', url: `/api/billing/invoices/${invoiceId}`, token: app.companyA.adminToken });
    expect(invoice.json()).toMatchObject({ status: 'paid', paidVia: 'gateway' });
    const company = await companyRow(app.companyA.id);
    expect(company.paid_until?.toISOString()).toBe(`${invoice.json().periodEnd}T00:00:00.000Z`);
    expect(company).toMatchObject({ status: 'active', plan_id: start.id });
    const { rows } = await app.server.database.pool.query('select company_id, invoice_id from billing_events where event_id = $1', [
      'evt_paid_a_1',
    ]);
    expect(rows).toEqual([{ company_id: app.companyA.id, invoice_id: invoiceId }]);
    // A different event for the same, already paid invoice changes nothing either.
    const confirmed = await postHook(
      asaasEvent('evt_paid_a_2', 'PAYMENT_CONFIRMED', { id: chargeId, externalReference: String(invoiceId) }),
    );
    expect(confirmed.statusCode).toBe(200);
    expect((await companyRow(app.companyA.id)).paid_until?.getTime()).toBe(company.paid_until?.getTime());
  });

  it('refuses a bad or missing token with 401 and stores nothing', async () => {
    const response = await checkout(app.companyB, start.id, 'pix');
    const invoice = response.json().invoice;
    const before = await eventCount();
    const body = asaasEvent('evt_forged', 'PAYMENT_RECEIVED', { id: 'pay_forged', externalReference: String(invoice.id) });
    for (const token of ['not-the-token', WEBHOOK_TOKEN.slice(0, -1), null]) {
      const forged = await postHook(body, token);
      expect(forged.statusCode).toBe(401);
      expect(forged.json().error.code).toBe('BILLING_WEBHOOK_REJECTED');
    }
    expect(await eventCount()).toBe(before);
    const after = await app.inject({ method: 'GET', url: `/api/billing/invoices/${invoice.id}`, token: app.companyB.adminToken });
    expect(after.json().status).toBe('open');
    expect((await companyRow(app.companyB.id)).paid_until).toBeNull();
  });

  it('a read-only company can still check out, and paying makes it active again', async () => {
    await app.server.database.pool.query(`update companies set status = 'read_only', status_reason = 'trial_expired' where id = $1`, [
      app.companyB.id,
    ]);
    // An ordinary write is refused while read-only…
    const write = await app.inject({ method: 'POST', url: '/api/queues', token: app.companyB.adminToken, payload: { name: 'X' } });
    expect(write.statusCode).toBe(402);
    // …paying is not. Choosing another plan reprices the open invoice and charges again.
    const response = await checkout(app.companyB, equipe.id, 'pix');
    expect(response.statusCode, response.body).toBe(200);
    const { invoice } = response.json();
    expect(invoice).toMatchObject({ amountCents: equipe.priceCents, plan: { id: equipe.id } });
    const charge = [...fake.payments.values()].find(
      (p) => p.externalReference === String(invoice.id) && p.value === equipe.priceCents / 100,
    );
    expect(charge).toBeDefined();
    const changes: unknown[] = [];
    const off = app.server.events.subscribe('company.status.changed', (event) => {
      changes.push(event);
    });
    const paid = await postHook(
      asaasEvent('evt_paid_b', 'PAYMENT_CONFIRMED', { id: charge!.id as string, externalReference: String(invoice.id) }),
    );
    off();
    expect(paid.statusCode).toBe(200);
    expect(await companyRow(app.companyB.id)).toMatchObject({ status: 'active', plan_id: equipe.id, status_reason: 'invoice_paid' });
    expect(changes).toEqual([{ companyId: app.companyB.id, status: 'active', previous: 'read_only', reason: 'invoice_paid' }]);
    const write2 = await app.inject({ method: 'POST', url: '/api/queues', token: app.companyB.adminToken, payload: { name: 'Vendas B' } });
    expect(write2.statusCode).toBe(201);
  });

  it('reports a refusal by Asaas as 502 and keeps the invoice without a charge', async () => {
    const company = await app.createCompany('Empresa Recusada');
    fake.failNext(400, 'O CPF/CNPJ informado é inválido');
    const refused = await checkout(company, start.id, 'pix');
    expect(refused.statusCode).toBe(502);
    expect(refused.json().error).toMatchObject({ code: 'BILLING_GATEWAY_FAILED', message: expect.stringContaining('CPF/CNPJ') });
    const summary = await app.inject({ method: 'GET', url: '/api/billing', token: company.adminToken });
    expect(summary.json().invoices).toEqual([expect.objectContaining({ status: 'open', paymentUrl: null, pixCode: null })]);
    // Trying again works and reuses the same invoice.
    const retried = await checkout(company, start.id, 'pix');
    expect(retried.statusCode).toBe(200);
    expect(retried.json().invoice.id).toBe(summary.json().invoices[0].id);
    expect(retried.json().pixCode).toEqual(expect.any(String));
  });

  it('voids an unpaid invoice whose period is over and bills from today instead', async () => {
    const company = await app.createCompany('Empresa Atrasada');
    const old = await app.server.database.pool.query<{ id: number }>(
      `insert into invoices (company_id, plan_id, period_start, period_end, amount_cents, due_at)
       values ($1, $2, current_date - 40, current_date - 10, $3, now() - interval '40 days') returning id`,
      [company.id, start.id, start.priceCents],
    );
    await app.server.database.pool.query(`update companies set status = 'read_only' where id = $1`, [company.id]);
    const response = await checkout(company, start.id, 'pix');
    expect(response.statusCode, response.body).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(response.json().invoice).toMatchObject({ periodStart: today, status: 'open' });
    expect(response.json().invoice.id).not.toBe(old.rows[0]!.id);
    const summary = await app.inject({ method: 'GET', url: '/api/billing', token: company.adminToken });
    expect(
      summary
        .json()
        .invoices.map((i: { status: string }) => i.status)
        .sort(),
    ).toEqual(['open', 'void']);
  });

  it("answers 404 for another company's invoice", async () => {
    const mine = await app.inject({ method: 'GET', url: '/api/billing', token: app.companyA.adminToken });
    const invoiceOfA = mine.json().invoices[0].id;
    const response = await app.inject({ method: 'GET', url: `/api/billing/invoices/${invoiceOfA}`, token: app.companyB.adminToken });
    expect(response.statusCode).toBe(404);
  });

  it('lets only company admins see billing', async () => {
    const agent = await app.createUser(app.companyA, 'agent');
    expect((await app.inject({ method: 'GET', url: '/api/billing', token: agent.token })).statusCode).toBe(403);
    expect((await checkout({ ...app.companyA, adminToken: agent.token }, start.id, 'pix')).statusCode).toBe(403);
  });
});

describe('mark as paid (platform)', () => {
  it('records a manual payment once, by a super admin only', async () => {
    const company = await app.createCompany('Empresa C');
    const response = await checkout(company, start.id, 'card');
    expect(response.statusCode, response.body).toBe(200);
    const { invoice, pixCode } = response.json();
    expect(pixCode).toBeNull();
    expect(fake.payments.get([...fake.payments.keys()].at(-1)!)).toMatchObject({ billingType: 'CREDIT_CARD' });

    const url = `/api/platform/invoices/${invoice.id}/mark-paid`;
    expect((await app.inject({ method: 'POST', url, token: company.adminToken })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/platform/invoices', token: company.adminToken })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/billing/invoices/${invoice.id}`, token: company.adminToken })).json().status).toBe(
      'open',
    );

    const first = await app.inject({ method: 'POST', url, token: superToken });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      status: 'paid',
      paidVia: 'manual',
      paidBy: { name: 'Operadora da plataforma' },
      company: { id: company.id },
    });
    const paidUntil = (await companyRow(company.id)).paid_until;
    expect(paidUntil?.toISOString()).toBe(`${invoice.periodEnd}T00:00:00.000Z`);
    const second = await app.inject({ method: 'POST', url, token: superToken });
    expect(second.statusCode).toBe(200);
    expect(second.json().paidAt).toBe(first.json().paidAt);
    expect((await companyRow(company.id)).paid_until?.getTime()).toBe(paidUntil?.getTime());

    const list = await app.inject({ method: 'GET', url: '/api/platform/invoices?status=paid', token: superToken });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: number }) => i.id)).toContain(invoice.id);
    expect(list.json().items.every((i: { status: string }) => i.status === 'paid')).toBe(true);
    expect((await app.inject({ method: 'POST', url: '/api/platform/invoices/999999/mark-paid', token: superToken })).statusCode).toBe(404);
  });
});

describe('dunning', () => {
  it('opens the next invoice, reminds once before and once on the due date, then turns the company read-only', async () => {
    const company = await app.createCompany('Empresa D');
    const now = new Date();
    const paidUntil = new Date(now.getTime() + 2 * DAY);
    await app.server.database.pool.query(`update companies set status = 'active', plan_id = $2, paid_until = $3 where id = $1`, [
      company.id,
      start.id,
      paidUntil,
    ]);
    const billing = app.server.services.billing!;

    await billing.dunning(now);
    const invoices = await app.inject({ method: 'GET', url: '/api/billing', token: company.adminToken });
    expect(invoices.json().invoices).toEqual([
      expect.objectContaining({ status: 'open', periodStart: paidUntil.toISOString().slice(0, 10), amountCents: start.priceCents }),
    ]);
    expect(mails(company.adminEmail)).toHaveLength(1);
    expect(mails(company.adminEmail)[0]!.subject).toContain('vence em');
    // The next pass the same day: nothing new, no second mail.
    await billing.dunning(new Date(now.getTime() + 60_000));
    expect(mails(company.adminEmail)).toHaveLength(1);
    expect((await app.inject({ method: 'GET', url: '/api/billing', token: company.adminToken })).json().invoices).toHaveLength(1);

    // On the due date: one more reminder, once.
    await billing.dunning(new Date(paidUntil.getTime() + 3_600_000));
    await billing.dunning(new Date(paidUntil.getTime() + 7_200_000));
    expect(mails(company.adminEmail)).toHaveLength(2);
    expect(mails(company.adminEmail)[1]!.subject).toContain('venceu');
    expect((await companyRow(company.id)).status).toBe('active');

    // Within the grace period it keeps working; past it, read-only.
    await billing.dunning(new Date(paidUntil.getTime() + 4 * DAY));
    expect((await companyRow(company.id)).status).toBe('active');
    await billing.dunning(new Date(paidUntil.getTime() + 6 * DAY));
    expect(await companyRow(company.id)).toMatchObject({ status: 'read_only', status_reason: 'invoice_overdue' });
    expect(mails(company.adminEmail)).toHaveLength(2);
  });
});

describe('billing settings and documentation', () => {
  it('requires the Asaas key and webhook token when the gateway is asaas', () => {
    const base = { APP_SECRET: 'x'.repeat(40), DATA_DIR: os.tmpdir(), SAAS: 'on', BILLING_GATEWAY: 'asaas' };
    expect(() => loadConfig(base)).toThrow(/ASAAS_API_KEY: required[\s\S]*ASAAS_WEBHOOK_TOKEN: required/);
    expect(() => loadConfig({ ...base, ASAAS_API_KEY: 'aact_0123456789', ASAAS_WEBHOOK_TOKEN: 'short' })).toThrow(/ASAAS_WEBHOOK_TOKEN/);
    const config = loadConfig({ ...base, ASAAS_API_KEY: 'aact_0123456789', ASAAS_WEBHOOK_TOKEN: WEBHOOK_TOKEN });
    expect(config).toMatchObject({ ASAAS_URL: 'https://api.asaas.com/v3', BILLING_REMINDER_DAYS: 3, BILLING_GRACE_DAYS: 5 });
    expect(loadConfig({ APP_SECRET: 'x'.repeat(40), DATA_DIR: os.tmpdir() }).BILLING_GATEWAY).toBe('manual');
  });

  it('documents the billing routes in the OpenAPI document', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/billing',
        '/api/billing/checkout',
        '/api/platform/invoices/{id}/mark-paid',
        '/hooks/billing/{gateway}',
      ]),
    );
  });

  it('rejects a malformed CPF/CNPJ at checkout, naming the field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/billing/checkout',
      token: app.companyA.adminToken,
      payload: { planId: start.id, method: 'pix', cpfCnpj: '123' },
    });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields)).toContain('cpfCnpj');
  });
});

describe('billing with SAAS=off', () => {
  let selfHosted: TestApp;
  beforeAll(async () => {
    selfHosted = await startTestApp({ SAAS: 'off' });
  });
  afterAll(async () => selfHosted?.close());

  it('registers no billing route', async () => {
    const token = selfHosted.companyA.adminToken;
    expect((await selfHosted.inject({ method: 'GET', url: '/api/billing', token })).statusCode).toBe(404);
    expect((await selfHosted.inject({ method: 'POST', url: '/api/billing/checkout', token, payload: { planId: 1 } })).statusCode).toBe(404);
    expect((await selfHosted.inject({ method: 'GET', url: '/api/platform/invoices', token })).statusCode).toBe(404);
    expect((await selfHosted.inject({ method: 'POST', url: '/hooks/billing/asaas', payload: {} })).statusCode).toBe(404);
    expect(selfHosted.server.services.billing).toBeUndefined();
  });
});
