import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { signWebhook } from '@jimmy/channels/testing';
import { baseUrl, callApi, demoAdmin, launchBrowser, login, screenshot } from './browser.js';

// Our own Cloud number, so this file does not collide with the other scenarios on the same server.
const CLOUD = {
  phoneNumberId: 'PNID_600',
  wabaId: 'WABA_600',
  accessToken: 'EAAG-e2e-ai-token',
  appSecret: 'e2e-ai-secret',
  verifyToken: 'e2e-ai-verify',
};
const CUSTOMER = '5511960000001';
const SUGGESTION = 'Entregamos em até 3 dias úteis. <b>Obrigado!</b>';
const SUMMARY = 'Cliente pergunta o prazo de entrega.';

let browser: Browser;
const contexts: BrowserContext[] = [];
let adminToken: string;
let ticketId: number;
let provider: Server;
const seen: Array<{ system: string; data: string }> = [];

beforeAll(async () => {
  // A local OpenAI-compatible stand-in: the draft for "suggest", the summary otherwise.
  provider = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const { messages } = JSON.parse(body) as { messages: Array<{ content: string }> };
      const system = messages[0]?.content ?? '';
      seen.push({ system, data: messages[1]?.content ?? '' });
      const content = /draft the next reply/.test(system) ? SUGGESTION : SUMMARY;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));

  const session = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  adminToken = ((await session.json()) as { accessToken: string }).accessToken;
  await callApi(adminToken, 'POST', '/api/connections', { type: 'whatsapp_cloud', name: 'IA e2e', ...CLOUD });
  await callApi(adminToken, 'PUT', '/api/settings/ai', {
    baseUrl: `http://127.0.0.1:${(provider.address() as AddressInfo).port}/v1`,
    model: 'modelo-e2e',
    enabled: true,
    suggestReply: true,
    summarize: true,
  });
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
              metadata: { display_phone_number: '5511960000000', phone_number_id: CLOUD.phoneNumberId },
              contacts: [{ wa_id: CUSTOMER, profile: { name: 'Cliente IA' } }],
              messages: [
                {
                  id: `wamid.AI_${Date.now()}`,
                  from: CUSTOMER,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: 'Qual o prazo de entrega?' },
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
  const list = await callApi<{ items: { id: number; contact: { phone: string | null } }[] }>(
    adminToken,
    'GET',
    `/api/tickets?q=${CUSTOMER}&scope=all`,
  );
  ticketId = list.items.find((t) => t.contact.phone?.endsWith(CUSTOMER))?.id ?? 0;
  expect(ticketId).toBeGreaterThan(0);
  await callApi(adminToken, 'POST', `/api/tickets/${ticketId}/accept`);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await new Promise((resolve) => provider?.close(resolve));
});

describe('AI assist in the console', () => {
  it('Sugerir resposta puts an editable draft in the composer, sends nothing; Resumir conversa adds a private note', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pt-BR' });
    contexts.push(context);
    const page = await context.newPage();
    await login(page, demoAdmin.email, demoAdmin.password);
    await page.goto(`${baseUrl}/tickets/${ticketId}`);
    const input = page.getByTestId('composer-input');
    await input.waitFor();

    await page.getByTestId('composer-ai-suggest').click();
    // The model's text lands as plain text, markup and all, for the agent to edit.
    await expect.poll(() => input.inputValue(), { timeout: 10_000 }).toBe(SUGGESTION);
    expect(seen.at(-1)?.data).toContain('Qual o prazo de entrega?');
    await input.fill('Entregamos em até 3 dias úteis.');
    await screenshot(page, 'ai-assist-suggest-1366');
    const messages = await callApi<{ items: { type: string; direction: string; body: string }[] }>(
      adminToken,
      'GET',
      `/api/tickets/${ticketId}/messages`,
    );
    expect(messages.items.filter((m) => m.direction === 'out' && m.type !== 'note')).toEqual([]);

    await page.getByTestId('ticket-integrations').click();
    await page.getByRole('menu').getByTestId('ticket-ai-summary').click();
    const note = page.locator('[data-type="note"]').filter({ hasText: SUMMARY });
    await note.waitFor({ timeout: 10_000 });
    expect(await note.textContent()).toContain('Resumo da conversa (gerado por IA)');
    await screenshot(page, 'ai-assist-summary-1366');

    // On a phone the header still offers the actions.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('ticket-integrations').waitFor();
    await screenshot(page, 'ai-assist-header-390');
    await page.getByTestId('conversation-contact-name').waitFor();
  }, 90_000);

  it('an admin sets Typebot in Integrações → Typebot; the token never comes back', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'pt-BR' });
    contexts.push(context);
    const page = await context.newPage();
    await login(page, demoAdmin.email, demoAdmin.password);
    await page.goto(`${baseUrl}/integrations?tab=typebot`);
    await page.getByTestId('typebot-public-id').fill('bot-e2e');
    await page.getByTestId('typebot-token').fill('tb-e2e-secret');
    await page.getByTestId('typebot-save').click();
    await page.getByTestId('typebot-remove-token').waitFor();
    const stored = await callApi<Record<string, unknown>>(adminToken, 'GET', '/api/settings/typebot');
    expect(stored).toEqual({ baseUrl: 'https://typebot.io', publicId: 'bot-e2e', hasApiToken: true, enabled: true });
    await screenshot(page, 'typebot-settings-390');
    // Switched off again, so the demo company's console does not offer a bot that does not exist.
    // Mantine's switch input lies over its label: the input itself takes the click.
    await page.getByTestId('typebot-enabled').click();
    await page.getByTestId('typebot-save').click();
    await expect.poll(async () => (await callApi<{ enabled: boolean }>(adminToken, 'GET', '/api/settings/typebot')).enabled).toBe(false);
  }, 60_000);
});
