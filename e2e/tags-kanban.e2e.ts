import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Tag, Ticket } from '@jimmy/contracts';
import { signWebhook, startFakeGraphServer, type FakeGraphServer } from '@jimmy/channels/testing';
import { baseUrl, callApi, demoAdmin, launchBrowser, login, screenshot } from './browser.js';

/** An agent tags a conversation in the console, then drags its card across the kanban board. */
const stamp = Date.now().toString(36);
const CLOUD = {
  phoneNumberId: `PNID_TAGS_${stamp}`,
  wabaId: 'WABA_TAGS',
  accessToken: 'EAAG-e2e-tags-token',
  appSecret: 'e2e-tags-app-secret',
  verifyToken: 'e2e-tags-verify-token',
};
const CUSTOMER = `55119${String(Date.now()).slice(-8)}`;
const CUSTOMER_NAME = `Cliente Etiquetas ${stamp}`;

let browser: Browser;
let graph: FakeGraphServer;
let adminToken: string;
const api = <T>(method: string, path: string, body?: unknown): Promise<T> => callApi<T>(adminToken, method, path, body);

async function customerWrites(text: string) {
  const id = `wamid.E2E_TAGS_${Date.now()}`;
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
              contacts: [{ wa_id: CUSTOMER, profile: { name: CUSTOMER_NAME } }],
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
}

beforeAll(async () => {
  graph = await startFakeGraphServer({
    accessToken: CLOUD.accessToken,
    port: Number(process.env.FAKE_GRAPH_PORT ?? 0),
    phoneNumbers: { [CLOUD.phoneNumberId]: { displayPhoneNumber: '+55 11 90000-0001', verifiedName: 'Jimmy Etiquetas' } },
  });
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  adminToken = ((await response.json()) as { accessToken: string }).accessToken;
  await api('POST', '/api/connections', { type: 'whatsapp_cloud', name: `WhatsApp Etiquetas ${stamp}`, ...CLOUD });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await graph?.close();
});

async function ticketOfCustomer(): Promise<Ticket> {
  for (let i = 0; i < 100; i++) {
    const { items } = await api<{ items: Ticket[] }>('GET', `/api/tickets?q=${encodeURIComponent(CUSTOMER_NAME)}`);
    if (items[0]) return items[0];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the customer’s ticket never appeared');
}

describe('tags and the kanban board in the browser', () => {
  it('tag a ticket in the console, then drag its card across the board and move it from the keyboard', async () => {
    const novo = await api<Tag>('POST', '/api/tags', { name: `Novo ${stamp}`, color: '#1971c2' });
    const proposta = await api<Tag>('POST', '/api/tags', { name: `Proposta ${stamp}`, color: '#f08c00' });
    await api('PUT', '/api/kanban/lanes', [{ tagId: novo.id }, { tagId: proposta.id, message: `Proposta enviada ${stamp}` }]);
    await customerWrites('Olá, quero um orçamento');
    const ticket = await ticketOfCustomer();

    const context = await browser.newContext({ locale: 'pt-BR', viewport: { width: 1366, height: 768 } });
    const page: Page = await context.newPage();
    await login(page, demoAdmin.email, demoAdmin.password);
    await page.goto(`${baseUrl}/tickets/${ticket.id}?tab=pending`);
    await page.getByTestId('conversation-header').waitFor();

    // the picker: type a new name, Enter creates the tag (admin) and puts it on the ticket
    await page.getByTestId('conversation-header').getByTestId('ticket-tags').click();
    await page.getByTestId('tag-picker-input').fill(`VIP ${stamp}`);
    await page.getByTestId('tag-option-create').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('ticket-tag-list').getByText(`VIP ${stamp}`).waitFor();
    // an existing tag, found by typing part of its name without the accent
    await page.getByTestId('tag-picker-input').fill(`novo ${stamp}`.slice(0, 4));
    await page.getByTestId(`tag-option-${novo.id}`).click();
    await page.getByTestId(`ticket-row-${ticket.id}`).getByTestId(`tag-chip-${novo.id}`).waitFor();
    await screenshot(page, 'tags-console');
    const tagged = await api<Ticket>('GET', `/api/tickets/${ticket.id}`);
    expect(tagged.tags.map((t) => t.name).sort()).toEqual([`Novo ${stamp}`, `VIP ${stamp}`].sort());

    // the board: the card sits in "Novo"; dragged to "Proposta"
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-kanban').click();
    const card = page.getByTestId(`kanban-lane-${novo.id}`).getByTestId(`kanban-card-${ticket.id}`);
    await card.waitFor();
    await card.dragTo(page.getByTestId(`kanban-lane-${proposta.id}`));
    await page.getByTestId(`kanban-lane-${proposta.id}`).getByTestId(`kanban-card-${ticket.id}`).waitFor();
    const moved = await api<Ticket>('GET', `/api/tickets/${ticket.id}`);
    expect(moved.tags.map((t) => t.id)).toContain(proposta.id);
    expect(moved.tags.map((t) => t.id)).not.toContain(novo.id);
    await screenshot(page, 'kanban-desktop');

    // the keyboard way: the card's "Mover para…" menu, back to "Em aberto"
    await page.getByTestId(`kanban-move-${ticket.id}`).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId(`kanban-move-${ticket.id}-to-open`).click();
    await page.getByTestId('kanban-lane-open').getByTestId(`kanban-card-${ticket.id}`).waitFor();

    // the lane message went out once
    await expect
      .poll(() => graph.sentMessages().filter((m) => JSON.stringify(m.body).includes(`Proposta enviada ${stamp}`)).length)
      .toBe(1);

    // a phone: lanes scroll sideways, the card opens the conversation
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'kanban-phone');
    await page.getByTestId(`kanban-open-${ticket.id}`).click();
    await page.waitForURL(`**/tickets/${ticket.id}`);
    await context.close();
  });
});
