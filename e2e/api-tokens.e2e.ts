import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { signWebhook, startFakeGraphServer, type FakeGraphServer } from '@jimmy/channels/testing';
import { baseUrl, callApi, demoAdmin, launchBrowser, login, screenshot } from './browser.js';

/**
 * An admin creates an API token on Integrações → API, copies the getting-started curl as shown
 * (this server's address, the token, the chosen connection and number filled in), runs it in a
 * shell, and the message reaches WhatsApp.
 */
const run = promisify(execFile);
const stamp = Date.now().toString(36);
const CLOUD = {
  phoneNumberId: `PNID_API_${stamp}`,
  wabaId: 'WABA_API',
  accessToken: 'EAAG-e2e-api',
  appSecret: 'e2e-api-secret',
  verifyToken: `e2e-api-verify-${stamp}`,
};
const CUSTOMER = `55119${String(Date.now() % 100_000_000).padStart(8, '0')}`;

let browser: Browser;
let graph: FakeGraphServer;
let adminToken: string;
let connectionId: number;

/** The customer writes first: on a Cloud number free text needs the 24-hour window open. */
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
              metadata: { display_phone_number: '5511900000002', phone_number_id: CLOUD.phoneNumberId },
              contacts: [{ wa_id: CUSTOMER, profile: { name: 'Cliente da Loja' } }],
              messages: [
                {
                  id: `wamid.API_${stamp}`,
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
  const response = await fetch(`${baseUrl}/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhook(body, CLOUD.appSecret) },
    body,
  });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  graph = await startFakeGraphServer({
    accessToken: CLOUD.accessToken,
    port: Number(process.env.FAKE_GRAPH_PORT ?? 0),
    phoneNumbers: { [CLOUD.phoneNumberId]: { displayPhoneNumber: '+55 11 90000-0002', verifiedName: 'Jimmy API' } },
  });
  const loginResponse = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  adminToken = ((await loginResponse.json()) as { accessToken: string }).accessToken;
  const connection = await callApi<{ id: number }>(adminToken, 'POST', '/api/connections', {
    type: 'whatsapp_cloud',
    name: `Loja API ${stamp}`,
    ...CLOUD,
  });
  connectionId = connection.id;
  await customerWrites('Oi, meu pedido já saiu?');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await graph?.close();
});

describe('API tokens in the browser', () => {
  it('creates a token and sends a message with the getting-started curl as shown', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await login(page, demoAdmin.email, demoAdmin.password);
    await page.goto(`${baseUrl}/integrations?tab=api`);
    await page.getByTestId('api-getting-started').waitFor();

    await page.getByTestId('api-token-create').click();
    await page.getByTestId('api-token-name').fill(`Loja virtual ${stamp}`);
    // messages:send and messages:read come checked; add tickets:read.
    await page.getByTestId('api-token-scope-tickets:read').check();
    await page.getByTestId('api-token-submit').click();
    const token = (await page.getByTestId('api-token-value').textContent())!.trim();
    expect(token).toMatch(/^jc_live_/);
    await screenshot(page, 'api-token-created');
    await page.getByTestId('api-token-done').click();
    await expect.poll(() => page.getByTestId('api-getting-started-uses-token').isVisible()).toBe(true);

    await page.getByTestId('api-getting-started-connection').click();
    await page.getByRole('option', { name: `Loja API ${stamp} (#${connectionId})` }).click();
    await page.getByTestId('api-getting-started-phone').fill(`+${CUSTOMER}`);
    await page.getByTestId('api-getting-started-text').fill('Seu pedido saiu para entrega 🚚');
    const curl = (await page.getByTestId('api-example-curl').textContent())!;
    expect(curl).toContain(`${baseUrl}/api/v1/messages`);
    expect(curl).toContain(token);
    await screenshot(page, 'api-getting-started');

    const { stdout } = await run('sh', ['-c', `${curl} -sS -w '\\n%{http_code}'`], { timeout: 20_000 });
    const [json, status] = stdout.trim().split('\n');
    expect(status, stdout).toBe('201');
    const sent = JSON.parse(json!) as { id: number; status: string };
    expect(sent.status).toBe('pending');
    await expect
      .poll(
        () =>
          graph
            .sentMessages()
            .filter((m) => m.to === CUSTOMER)
            .map((m) => (m.body as { text?: { body: string } }).text?.body),
        {
          timeout: 15_000,
        },
      )
      .toEqual(['Seu pedido saiu para entrega 🚚']);

    // The token's last use shows once the list is read again.
    await page.reload();
    const row = page
      .getByTestId('api-tokens-list')
      .locator('[data-testid^="api-token-"]', { hasText: `Loja virtual ${stamp}` })
      .first();
    await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 10_000 }).not.toContain('Nunca usado');
    await page.close();
  });

  it('revokes a token with confirmation and fits a phone screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await login(page, demoAdmin.email, demoAdmin.password);
    const created = await callApi<{ id: number; token: string }>(adminToken, 'POST', '/api/api-tokens', {
      name: `Descartável ${stamp}`,
      scopes: ['tickets:read'],
    });
    await page.goto(`${baseUrl}/integrations?tab=api`);
    await page.getByTestId(`api-token-${created.id}-revoke`).click();
    await page.getByTestId('api-token-revoke-confirm').click();
    await expect.poll(() => page.getByTestId(`api-token-${created.id}-revoke`).count()).toBe(0);
    const refused = await fetch(`${baseUrl}/api/v1/tickets`, { headers: { authorization: `Bearer ${created.token}` } });
    expect(refused.status).toBe(401);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'api-tokens-phone');
    await page.close();
  });
});
