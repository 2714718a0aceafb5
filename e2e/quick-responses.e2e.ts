import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { signWebhook, startFakeGraphServer, type FakeGraphServer } from '@jimmy/channels/testing';
import { baseUrl, callApi, demoAdmin, launchBrowser, login, screenshot } from './browser.js';

/**
 * An agent answers with a quick response: "/" in the composer, the one with a picture chosen with
 * the keyboard, its variables filled for this customer, the text and then the picture go out.
 */
const stamp = Date.now().toString(36);
const CLOUD = {
  phoneNumberId: `PNID_QR_${stamp}`,
  wabaId: 'WABA_QR',
  accessToken: 'EAAG-e2e-quick',
  appSecret: 'e2e-quick-secret',
  verifyToken: `e2e-quick-verify-${stamp}`,
};
const CUSTOMER = '5511977776666';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let browser: Browser;
let graph: FakeGraphServer;
let adminToken: string;
const api = <T>(method: string, path: string, body?: unknown): Promise<T> => callApi<T>(adminToken, method, path, body);

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
              metadata: { display_phone_number: '5511900000001', phone_number_id: CLOUD.phoneNumberId },
              contacts: [{ wa_id: CUSTOMER, profile: { name: 'Joana Prado' } }],
              messages: [
                {
                  id: `wamid.QR_${stamp}`,
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
    phoneNumbers: { [CLOUD.phoneNumberId]: { displayPhoneNumber: '+55 11 90000-0001', verifiedName: 'Jimmy Rápidas' } },
  });
  const loginResponse = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  adminToken = ((await loginResponse.json()) as { accessToken: string }).accessToken;
  await api('POST', '/api/connections', { type: 'whatsapp_cloud', name: 'WhatsApp Respostas', ...CLOUD });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await graph?.close();
});

describe('quick responses in the composer', () => {
  it('"/" opens the palette; the response with a picture is chosen with the keyboard and goes out as text then image', async () => {
    await api('POST', '/api/quick-responses', { shortcut: `${stamp}aviso`, body: 'Estamos verificando, {{nome}}.', scope: 'company' });
    const withImage = await api<{ id: number }>('POST', '/api/quick-responses', {
      shortcut: `${stamp}foto`,
      body: '{{saudacao}}, {{nome}}! Segue a foto do produto.',
      scope: 'company',
    });
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'produto.png');
    const uploaded = await fetch(`${baseUrl}/api/quick-responses/${withImage.id}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    await customerWrites('Vocês têm foto do produto?');
    const [ticket] = (await api<{ items: { id: number }[] }>('GET', '/api/tickets?status=pending&q=Joana')).items;

    const context = await browser.newContext({ locale: 'pt-BR', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const crashes: string[] = [];
    page.on('pageerror', (e) => crashes.push(e.message));
    await login(page, demoAdmin.email, demoAdmin.password);

    // The management page lists both, with the picture's icon.
    await page.getByTestId('nav-quick-responses').first().click();
    await page.getByTestId('qr-search').fill(stamp);
    await expect.poll(() => page.getByTestId('qr-item').count(), { timeout: 10_000 }).toBe(2);
    await screenshot(page, '60-quick-responses-page');

    await page.goto(`${baseUrl}/tickets/${ticket!.id}`);
    const input = page.getByTestId('composer-input');
    await input.click();
    await input.pressSequentially(`/${stamp}`);
    const palette = page.getByTestId('qr-palette');
    await palette.waitFor();
    await expect.poll(() => palette.getByTestId('qr-option').count()).toBe(2);
    await page.keyboard.press('ArrowDown');
    expect(await palette.locator('[aria-selected="true"]').textContent()).toContain(`/${stamp}foto`);
    await screenshot(page, '61-quick-response-palette');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => input.inputValue(), { timeout: 10_000 })
      .toMatch(/^(Bom dia|Boa tarde|Boa noite), Joana! Segue a foto do produto\.$/);
    await screenshot(page, '61b-quick-response-chosen');
    await page.getByTestId('qr-staged-attachment').getByText('produto.png').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');

    await expect
      .poll(
        () =>
          graph
            .sentMessages()
            .filter((m) => m.to === CUSTOMER)
            .map((m) => m.type),
        { timeout: 15_000 },
      )
      .toEqual(['text', 'image']);
    const conversation = page.getByTestId('conversation');
    await conversation.getByText('Joana! Segue a foto do produto.', { exact: false }).first().waitFor({ timeout: 10_000 });
    await conversation.locator('img[src*="/api/messages/"]').first().waitFor({ timeout: 10_000 });
    await expect.poll(() => input.inputValue()).toBe('');
    await screenshot(page, '62-quick-response-sent');
    expect(crashes).toEqual([]);
    await context.close();

    // On a phone: the page, the editor with its attachment, and the palette fit 390 px.
    const phone = await browser.newContext({ locale: 'pt-BR', viewport: { width: 390, height: 844 } });
    const small = await phone.newPage();
    small.on('pageerror', (e) => crashes.push(e.message));
    await login(small, demoAdmin.email, demoAdmin.password);
    await small.goto(`${baseUrl}/quick-responses`);
    await small.getByTestId('qr-search').fill(`${stamp}foto`);
    await expect.poll(() => small.getByTestId('qr-item').count(), { timeout: 10_000 }).toBe(1);
    await small.getByTestId('qr-edit').click();
    await small.getByTestId('qr-attachment').first().waitFor();
    await screenshot(small, '63-quick-response-editor-phone');
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await small.keyboard.press('Escape');
    await small.goto(`${baseUrl}/tickets/${ticket!.id}`);
    await small.getByTestId('composer-input').pressSequentially(`/${stamp}`);
    await small.getByTestId('qr-palette').getByTestId('qr-option').first().waitFor();
    await screenshot(small, '64-quick-response-palette-phone');
    expect(crashes).toEqual([]);
    await phone.close();
  });
});
