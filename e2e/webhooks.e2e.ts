import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { signWebhook } from '@jimmy/channels/testing';
import { baseUrl, callApi, demoAdmin, launchBrowser, login, screenshot } from './browser.js';

// Our own Cloud number and customer, so this file does not collide with the other scenarios.
const CLOUD = {
  phoneNumberId: 'PNID_700',
  wabaId: 'WABA_700',
  accessToken: 'EAAG-e2e-webhooks-token',
  appSecret: 'e2e-webhooks-secret',
  verifyToken: 'e2e-webhooks-verify',
};
const CUSTOMER = '5511950007001';

let browser: Browser;
const contexts: BrowserContext[] = [];
let adminToken: string;
let receiver: http.Server;
let receiverUrl: string;
const received: { event: string; delivery: string; body: string }[] = [];

beforeAll(async () => {
  const session = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  adminToken = ((await session.json()) as { accessToken: string }).accessToken;
  await callApi(adminToken, 'POST', '/api/connections', { type: 'whatsapp_cloud', name: 'Webhooks e2e', ...CLOUD });
  // The company's system: a local endpoint (the e2e server allows private addresses).
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        event: String(req.headers['x-jimmy-event']),
        delivery: String(req.headers['x-jimmy-delivery']),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crm/${Date.now()}`;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  receiver?.closeAllConnections();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
});

async function customerWrites(text: string) {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: CLOUD.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '5511950007000', phone_number_id: CLOUD.phoneNumberId },
              contacts: [{ wa_id: CUSTOMER, profile: { name: 'Cliente Webhook' } }],
              messages: [
                {
                  id: `wamid.WH_${Date.now()}`,
                  from: CUSTOMER,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const posted = await fetch(`${baseUrl}/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhook(body, CLOUD.appSecret) },
    body,
  });
  expect(posted.status).toBe(200);
}

describe('outbound webhooks in the browser', () => {
  it('creates a subscription, shows the secret once, and logs the delivery of a customer message', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pt-BR' });
    contexts.push(context);
    const page = await context.newPage();
    await login(page, demoAdmin.email, demoAdmin.password);
    await page.goto(`${baseUrl}/integrations?tab=webhooks`);
    await page.getByTestId('webhook-add').click();
    await page.getByTestId('webhook-url').fill(receiverUrl);
    // message.received is among the defaults; add contact.created too
    expect(await page.getByTestId('webhook-event-message.received').isChecked()).toBe(true);
    await page.getByTestId('webhook-event-contact.created').check();
    await page.getByTestId('webhook-save').click();
    const secret = (await page.getByTestId('webhook-secret-value').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await screenshot(page, 'webhooks-secret');
    await page.getByTestId('webhook-secret-done').click();

    const subscriptions = await callApi<{ items: { id: number; url: string }[] }>(adminToken, 'GET', '/api/webhook-subscriptions');
    const subscription = subscriptions.items.find((s) => s.url === receiverUrl)!;
    expect(subscription).toBeDefined();
    const card = page.getByTestId(`webhook-${subscription.id}`);
    await card.waitFor();
    expect(await card.textContent()).not.toContain(secret);
    await page.getByTestId(`webhook-log-toggle-${subscription.id}`).click();
    await card.getByTestId('webhook-log-empty').waitFor();

    await customerWrites('Olá, quero saber do meu pedido');
    // The log refreshes on its own: the delivery shows up delivered with its HTTP status.
    const delivered = card.locator('[data-event="message.received"][data-state="delivered"]');
    await delivered.waitFor({ timeout: 20_000 });
    expect(await delivered.textContent()).toContain('HTTP 200');
    expect(received.filter((r) => r.event === 'message.received')).toHaveLength(1);
    expect(received.find((r) => r.event === 'message.received')!.body).toContain('Olá, quero saber do meu pedido');
    await delivered.getByRole('button', { expanded: false }).click();
    await expect.poll(() => delivered.textContent()).toContain('Tentativa 1');
    await screenshot(page, 'webhooks-log');

    // "Reenviar" sends the same event again as a new delivery.
    await delivered.getByRole('button', { name: 'Reenviar' }).click();
    await expect.poll(() => received.filter((r) => r.event === 'message.received').length, { timeout: 20_000 }).toBe(2);
    const [first, second] = received.filter((r) => r.event === 'message.received');
    expect(second!.body).toBe(first!.body);
    expect(second!.delivery).not.toBe(first!.delivery);
    await expect.poll(() => card.locator('[data-event="message.received"][data-state="delivered"]').count(), { timeout: 10_000 }).toBe(2);
  }, 120_000);

  it('fits a phone screen', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'pt-BR' });
    contexts.push(context);
    const page = await context.newPage();
    await login(page, demoAdmin.email, demoAdmin.password);
    await page.goto(`${baseUrl}/integrations?tab=webhooks`);
    await page.getByTestId('webhook-add').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'webhooks-phone');
  }, 60_000);
});
