import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signWebhook, startFakeGraphServer, type FakeGraphServer } from '@jimmy/channels/testing';
import { baseUrl, demoAdmin, launchBrowser, login, screenshot, callApi } from './browser.js';

const CLOUD = {
  phoneNumberId: 'PNID_100',
  wabaId: 'WABA_100',
  accessToken: 'EAAG-e2e-token',
  appSecret: 'e2e-app-secret',
  verifyToken: 'e2e-verify-token',
};
const CUSTOMER = '5511988887777';

let browser: Browser;
let graph: FakeGraphServer;
let adminToken: string;

const api = <T>(method: string, path: string, body?: unknown, token = adminToken): Promise<T> => callApi<T>(token, method, path, body);

let sequence = 0;
async function customerWrites(text: string): Promise<string> {
  const id = `wamid.E2E_${Date.now()}_${sequence++}`;
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
              metadata: { display_phone_number: '5511900000000', phone_number_id: CLOUD.phoneNumberId },
              contacts: [{ wa_id: CUSTOMER, profile: { name: 'Maria Souza' } }],
              messages: [{ id, from: CUSTOMER, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
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
  return id;
}

async function receipt(externalId: string, status: string) {
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
              metadata: { display_phone_number: '5511900000000', phone_number_id: CLOUD.phoneNumberId },
              statuses: [{ id: externalId, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: CUSTOMER }],
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
  graph = await startFakeGraphServer({ accessToken: CLOUD.accessToken, port: Number(process.env.FAKE_GRAPH_PORT ?? 0) });
  const loginResponse = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  adminToken = ((await loginResponse.json()) as { accessToken: string }).accessToken;
  await api('POST', '/api/connections', { type: 'whatsapp_cloud', name: 'WhatsApp Oficial', ...CLOUD });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await graph?.close();
});

async function openTab(page: Page, tab: 'open' | 'pending' | 'closed') {
  await page.getByTestId(`tickets-tab-${tab}`).click();
}

describe('serving a customer end to end', () => {
  it('web-chat and WhatsApp customers reach the console live; the agent answers with text and an image; ticks turn read; history and safe rendering', async () => {
    // An earlier, closed conversation of the WhatsApp customer, for the service history.
    await customerWrites('Conversa antiga: quero saber do meu pedido');
    const [old] = (await api<{ items: { id: number }[] }>('GET', '/api/tickets?status=pending')).items;
    await api('POST', `/api/tickets/${old!.id}/close`);

    const consoleContext = await browser.newContext({ locale: 'pt-BR', viewport: { width: 1440, height: 900 } });
    const agent = await consoleContext.newPage();
    let alerted = false;
    agent.on('dialog', async (dialog) => {
      alerted = true;
      await dialog.dismiss();
    });
    await login(agent, demoAdmin.email, demoAdmin.password);
    await agent.goto(`${baseUrl}/tickets`);
    await agent.getByTestId('realtime-status').and(agent.locator('[data-state="connected"]')).waitFor({ timeout: 15_000 });
    await openTab(agent, 'pending');

    // 1. The web-chat visitor, on the demo site in another browser.
    const visitorContext = await browser.newContext({ locale: 'pt-BR' });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${baseUrl}/widget-demo`);
    await visitor.getByTestId('widget-bubble').click();
    await visitor.getByTestId('widget-name').fill('Visitante do Site');
    await visitor.getByTestId('widget-start-submit').click();
    await visitor.getByTestId('widget-input').fill('Olá, vocês entregam no sábado?');
    await visitor.getByTestId('widget-send').click();
    await agent.getByText('Visitante do Site').first().waitFor({ timeout: 10_000 });

    // 2. The WhatsApp customer, through a signed Cloud webhook, with hostile markup.
    const hostile = '<img src=x onerror=alert(1)> quero comprar';
    await customerWrites(hostile);
    const [live] = (await api<{ items: { id: number }[] }>('GET', '/api/tickets?status=pending&q=comprar')).items;
    const row = agent.getByTestId(`ticket-row-${live!.id}`);
    await row.waitFor({ timeout: 10_000 });
    await screenshot(agent, '10-console-pending-live');

    await row.click();
    await agent.getByTestId('ticket-accept').click();
    await agent.locator(`[data-testid="ticket-accept"]`).waitFor({ state: 'detached', timeout: 10_000 });
    const hostileText = agent.getByTestId('conversation').getByText(hostile, { exact: false }).first();
    await hostileText.waitFor();
    expect(await hostileText.textContent()).toContain('<img src=x onerror=alert(1)>');
    expect(await agent.locator('[data-testid="conversation"] img[src="x"]').count()).toBe(0);

    // 3. Reply with text, then an image.
    await agent.getByTestId('composer-input').fill('Olá Maria! Temos sim 😊');
    await agent.getByTestId('composer-send').click();
    await expect.poll(() => graph.sentMessages().filter((m) => m.to === CUSTOMER && m.type === 'text').length, { timeout: 15_000 }).toBe(1);
    await agent.getByTestId('composer-file').setInputFiles({
      name: 'catalogo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
    });
    await agent.getByTestId('attachment-caption').fill('Nosso catálogo');
    await agent.getByTestId('attachment-send').click();
    await expect
      .poll(() => graph.sentMessages().filter((m) => m.to === CUSTOMER && m.type === 'image').length, { timeout: 15_000 })
      .toBe(1);

    // 4. Meta reports the text as read: the ticks turn blue without a reload.
    const text = graph.sentMessages().find((m) => m.to === CUSTOMER && m.type === 'text')!;
    await receipt(text.id, 'read');
    const textBubble = agent.locator('[data-direction="out"][data-status="read"]');
    await textBubble.first().waitFor({ timeout: 10_000 });
    await screenshot(agent, '11-conversation-read-ticks');

    // 5. Service history: the closed conversation, read in place.
    await agent.getByTestId(`history-item-${old!.id}`).click();
    await agent.getByTestId(`history-messages-${old!.id}`).getByText('Conversa antiga').first().waitFor({ timeout: 10_000 });
    await screenshot(agent, '12-service-history');

    // 6. Answer the web-chat visitor and see it arrive in the bubble.
    await openTab(agent, 'pending');
    await agent.getByText('Visitante do Site').first().click();
    await agent.getByTestId('ticket-accept').click();
    await agent.getByTestId('composer-input').fill('Entregamos sim, de 8h às 12h.');
    await agent.getByTestId('composer-send').click();
    await visitor.getByTestId('widget-lines').getByText('Entregamos sim, de 8h às 12h.').waitFor({ timeout: 10_000 });
    // A picture reaches the visitor too, opened through its signed link.
    await agent.getByTestId('composer-file').setInputFiles({
      name: 'entrega.png',
      mimeType: 'image/png',
      buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
    });
    await agent.getByTestId('attachment-send').click();
    const picture = visitor.getByTestId('widget-lines').locator('a.media img');
    await picture.waitFor({ timeout: 10_000 });
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(1);
    // The visitor sees who answers, and the bubble's icon is drawn (no emoji font needed).
    const me = await api<{ name: string }>('GET', '/api/me');
    expect(await visitor.getByTestId('widget-author').last().textContent()).toBe(me.name);
    expect(await visitor.getByTestId('widget-served-by').textContent()).toContain(me.name);
    expect(await visitor.locator('[data-testid="widget-bubble"] svg').count()).toBe(1);
    await screenshot(visitor, '13-widget-visitor');

    // 7. Closing the conversation tells the visitor, live.
    const [webchatTicket] = (await api<{ items: { id: number }[] }>('GET', '/api/tickets?q=Visitante%20do%20Site')).items;
    await api('POST', `/api/tickets/${webchatTicket!.id}/close`, {});
    await visitor.getByTestId('widget-closed').waitFor({ timeout: 10_000 });
    await screenshot(visitor, '14-widget-closed');

    expect(alerted).toBe(false);
    await visitorContext.close();
    await consoleContext.close();
  });
});
