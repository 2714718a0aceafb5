import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { signWebhook } from '@jimmy/channels/testing';
import { baseUrl, callApi, demoAdmin, launchBrowser, login, screenshot } from './browser.js';

// Our own Cloud number, so this file does not collide with the other scenarios on the same server.
const CLOUD = {
  phoneNumberId: 'PNID_500',
  wabaId: 'WABA_500',
  accessToken: 'EAAG-e2e-notes-token',
  appSecret: 'e2e-notes-secret',
  verifyToken: 'e2e-notes-verify',
};
const CUSTOMER = '5511950000001';
const AGENT = { name: 'Bruna Notas', email: `bruna-notas-${Date.now()}@example.com`, password: 'a long enough password' };

let browser: Browser;
const contexts: BrowserContext[] = [];
let adminToken: string;
let ticketId: number;

beforeAll(async () => {
  const session = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  adminToken = ((await session.json()) as { accessToken: string }).accessToken;
  await callApi(adminToken, 'POST', '/api/connections', { type: 'whatsapp_cloud', name: 'Notas e2e', ...CLOUD });
  await callApi(adminToken, 'POST', '/api/users', { ...AGENT, role: 'agent' });
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
              metadata: { display_phone_number: '5511950000000', phone_number_id: CLOUD.phoneNumberId },
              contacts: [{ wa_id: CUSTOMER, profile: { name: 'Cliente Notas' } }],
              messages: [
                {
                  id: `wamid.NOTES_${Date.now()}`,
                  from: CUSTOMER,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: 'Quero um orçamento' },
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
  // Ingest commits before answering 200, so the ticket is there already.
  const list = await callApi<{ items: { id: number; contact: { phone: string | null } }[] }>(
    adminToken,
    'GET',
    `/api/tickets?q=${CUSTOMER}&scope=all`,
  );
  ticketId = list.items.find((t) => t.contact.phone?.endsWith(CUSTOMER))?.id ?? 0;
  expect(ticketId).toBeGreaterThan(0);
  // The admin takes it: the agent would not see it, only the mention lets her read it.
  await callApi(adminToken, 'POST', `/api/tickets/${ticketId}/accept`);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('private notes in the browser', () => {
  it('an @mention in a note reaches the second agent live, and opens the ticket at the note', async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pt-BR' });
    const agentContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'pt-BR' });
    contexts.push(adminContext, agentContext);
    const adminPage = await adminContext.newPage();
    const agentPage = await agentContext.newPage();
    await login(agentPage, AGENT.email, AGENT.password);
    await agentPage.getByTestId('notification-bell').waitFor();
    expect(await agentPage.getByTestId('notification-badge').getAttribute('data-count')).toBe('0');

    await login(adminPage, demoAdmin.email, demoAdmin.password);
    await adminPage.goto(`${baseUrl}/tickets/${ticketId}`);
    await adminPage.getByTestId('composer-mode-note').click();
    const input = adminPage.getByTestId('note-input');
    await input.waitFor();
    await expect.poll(() => adminPage.getByText('Só a equipe vê').isVisible()).toBe(true);
    await input.pressSequentially('@brun');
    await adminPage.getByTestId('mention-list').waitFor();
    await adminPage.keyboard.press('Enter');
    expect(await input.inputValue()).toBe('@Bruna Notas ');
    await input.pressSequentially('pode ver o orçamento?');
    await adminPage.keyboard.press('Enter');
    const note = adminPage.locator('[data-type="note"]').filter({ hasText: 'pode ver o orçamento?' });
    await note.waitFor();
    expect(await note.getByTestId('note-mention').textContent()).toBe('@Bruna Notas');
    await screenshot(adminPage, 'notes-admin-note');

    // The second agent's bell lights up without a reload, and a toast says who mentioned her.
    await expect.poll(() => agentPage.getByTestId('notification-badge').getAttribute('data-count'), { timeout: 10_000 }).toBe('1');
    await agentPage.getByTestId('notification-bell').click();
    await agentPage.getByTestId('notification-list').locator('[data-read="false"]').first().click();
    await agentPage.waitForURL(new RegExp(`/tickets/${ticketId}`));
    const landed = agentPage.locator('[data-type="note"]').filter({ hasText: 'pode ver o orçamento?' });
    await landed.waitFor({ timeout: 10_000 });
    expect(await landed.isVisible()).toBe(true);
    await screenshot(agentPage, 'notes-agent-landed');
    await expect.poll(() => agentPage.getByTestId('notification-badge').getAttribute('data-count')).toBe('0');

    // The customer never got it.
    const messages = await callApi<{ items: { type: string; externalId: string | null }[] }>(
      adminToken,
      'GET',
      `/api/tickets/${ticketId}/messages`,
    );
    expect(messages.items.filter((m) => m.type === 'note')).toEqual([expect.objectContaining({ externalId: null })]);
  }, 90_000);
});
