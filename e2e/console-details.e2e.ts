import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signWebhook, startFakeGraphServer, type FakeGraphServer } from '@jimmy/channels/testing';
import { baseUrl, demoAdmin, launchBrowser, login, screenshot, conversationAction, callApi } from './browser.js';

// Our own Cloud number, so this file does not collide with conversation.e2e.ts (PNID_100) on the same server.
const CLOUD = {
  phoneNumberId: 'PNID_300',
  wabaId: 'WABA_300',
  accessToken: 'EAAG-e2e-token',
  appSecret: 'e2e-details-secret',
  verifyToken: 'e2e-details-verify',
};
const CUSTOMERS = {
  window: '5511930000001',
  long: '5511930000002',
  media: '5511930000003',
  reply: '5511930000004',
  agent: '5511930000005',
};

interface TicketDto {
  id: number;
  status: string;
  queueId: number | null;
  userId: number | null;
  contact: { phone: string | null };
}
interface MessageDto {
  id: number;
  externalId: string | null;
  body: string;
  type: string;
  media: { state: string; url: string | null } | null;
}

let browser: Browser;
let graph: FakeGraphServer;
let adminToken: string;

const api = <T>(method: string, path: string, body?: unknown, token = adminToken): Promise<T> => callApi<T>(token, method, path, body);

let sequence = 0;
const wamid = () => `wamid.DETAILS_${Date.now()}_${sequence++}`;

/** Posts one signed Cloud notification from `customer` carrying `messages` (each gets an id and sender). */
async function webhook(customer: string, name: string, messages: Array<Record<string, unknown>>): Promise<string[]> {
  const withIds = messages.map((m) => ({ id: wamid(), from: customer, timestamp: String(Math.floor(Date.now() / 1000)), ...m }));
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
              metadata: { display_phone_number: '5511930000000', phone_number_id: CLOUD.phoneNumberId },
              contacts: [{ wa_id: customer, profile: { name } }],
              messages: withIds,
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
  return withIds.map((m) => m.id);
}

async function ticketOf(customer: string, status = 'pending'): Promise<TicketDto> {
  let found: TicketDto | undefined;
  await expect
    .poll(
      async () => {
        found = (await api<{ items: TicketDto[] }>('GET', `/api/tickets?status=${status}&scope=all&q=${customer}`)).items.find((t) =>
          t.contact.phone?.replace(/\D/g, '').endsWith(customer),
        );
        return found !== undefined;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return found!;
}

async function messagesOf(ticketId: number): Promise<MessageDto[]> {
  return (await api<{ items: MessageDto[] }>('GET', `/api/tickets/${ticketId}/messages?limit=100`)).items;
}

/** A real, decodable RGB PNG of `size`×`size` (a green square), built by hand: no image library needed. */
function tinyPng(size = 48): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(typed));
    return Buffer.concat([len, typed, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([0x25, 0xd3, 0x66]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function adminPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'pt-BR', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await login(page, demoAdmin.email, demoAdmin.password);
  return { context, page };
}

beforeAll(async () => {
  graph = await startFakeGraphServer({
    accessToken: CLOUD.accessToken,
    port: Number(process.env.FAKE_GRAPH_PORT ?? 0),
    phoneNumbers: {
      PNID_100: { displayPhoneNumber: '+55 11 90000-0000', verifiedName: 'Jimmy Test' },
      PNID_300: { displayPhoneNumber: '+55 11 93000-0000', verifiedName: 'Jimmy Details' },
    },
  });
  graph.setTemplates(CLOUD.wabaId, [
    {
      name: 'retomar',
      language: 'pt_BR',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Olá {{1}}, podemos continuar?' }],
    },
  ]);
  const loginResponse = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  adminToken = ((await loginResponse.json()) as { accessToken: string }).accessToken;
  await api('POST', '/api/connections', { type: 'whatsapp_cloud', name: 'WhatsApp Detalhes', ...CLOUD });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await graph?.close();
});

describe('agent console details', () => {
  it('24-hour window: an old conversation offers templates instead of the composer, and the template reaches WhatsApp', async () => {
    await webhook(CUSTOMERS.window, 'Cliente Antigo', [
      { timestamp: String(Math.floor(Date.now() / 1000) - 25 * 3600), type: 'text', text: { body: 'Mensagem de ontem' } },
    ]);
    const ticket = await ticketOf(CUSTOMERS.window);
    await api('POST', `/api/tickets/${ticket.id}/accept`);

    const { context, page } = await adminPage();
    await page.goto(`${baseUrl}/tickets/${ticket.id}`);
    await page.getByTestId('window-closed-banner').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('composer-input').count()).toBe(0);

    await page.getByTestId('template-open').click();
    await page.getByTestId('template-select').click();
    await page.getByRole('option', { name: 'retomar (pt_BR)' }).click();
    await page.getByTestId('template-param-1').fill('Carla');
    await expect.poll(() => page.getByTestId('template-preview').textContent()).toBe('Olá Carla, podemos continuar?');
    await screenshot(page, '20-template-dialog');
    await page.getByTestId('template-send').click();

    await expect
      .poll(() => graph.sentMessages().filter((m) => m.to === CUSTOMERS.window && m.type === 'template').length, { timeout: 15_000 })
      .toBe(1);
    const sent = graph.sentMessages().find((m) => m.to === CUSTOMERS.window && m.type === 'template')!;
    const template = sent.body['template'] as {
      name: string;
      language: { code: string };
      components: { type: string; parameters: { text: string }[] }[];
    };
    expect(template.name).toBe('retomar');
    expect(template.language.code).toBe('pt_BR');
    expect(template.components[0]!.parameters[0]!.text).toBe('Carla');
    // The dialog closes and the template shows up in the conversation as the agent's message.
    await page.getByTestId('template-send').waitFor({ state: 'detached', timeout: 10_000 });
    await page
      .locator('[data-testid="conversation"] [data-direction="out"][data-type="template"]')
      .getByText('Olá Carla, podemos continuar?')
      .waitFor({ timeout: 10_000 });
    await context.close();
  });

  it('long conversation: opens at the newest message and loads older pages when scrolled to the top', async () => {
    const now = Math.floor(Date.now() / 1000);
    await webhook(
      CUSTOMERS.long,
      'Cliente Falante',
      Array.from({ length: 120 }, (_, i) => ({ timestamp: String(now - 120 + i), type: 'text', text: { body: `msg ${i + 1}` } })),
    );
    const ticket = await ticketOf(CUSTOMERS.long);
    await expect.poll(async () => (await messagesOf(ticket.id))[0]?.body, { timeout: 10_000 }).toBe('msg 120');
    await api('POST', `/api/tickets/${ticket.id}/accept`);

    const { context, page } = await adminPage();
    await page.goto(`${baseUrl}/tickets/${ticket.id}`);
    const conversation = page.getByTestId('conversation');
    await conversation.getByText('msg 120', { exact: true }).waitFor({ timeout: 10_000 });
    expect(await conversation.getByText('msg 1', { exact: true }).count()).toBe(0);

    const first = conversation.getByText('msg 1', { exact: true });
    const scroller = conversation.getByTestId('virtuoso-scroller');
    for (let i = 0; i < 30 && !(await first.isVisible()); i++) {
      await scroller.evaluate((el) => el.scrollBy(0, -2000));
      await page.waitForTimeout(300);
    }
    await first.waitFor({ state: 'visible', timeout: 5_000 });
    await screenshot(page, '21-long-conversation-top');
    await context.close();
  });

  it('media and rich types: image with lightbox, location with a map link, contact card with a start button', async () => {
    graph.addMedia('MEDIA_E2E_IMG', tinyPng(), 'image/png');
    await webhook(CUSTOMERS.media, 'Cliente Fotos', [
      { type: 'image', image: { id: 'MEDIA_E2E_IMG', mime_type: 'image/png', caption: 'Foto do produto' } },
    ]);
    await webhook(CUSTOMERS.media, 'Cliente Fotos', [
      { type: 'location', location: { latitude: -23.561414, longitude: -46.655881, name: 'Loja Paulista', address: 'Av. Paulista, 1000' } },
    ]);
    await webhook(CUSTOMERS.media, 'Cliente Fotos', [
      {
        type: 'contacts',
        contacts: [
          {
            name: { formatted_name: 'João Indicado', first_name: 'João' },
            phones: [{ phone: '+55 11 97777-6666', wa_id: '5511977776666', type: 'CELL' }],
          },
        ],
      },
    ]);
    const ticket = await ticketOf(CUSTOMERS.media);
    await expect.poll(async () => (await messagesOf(ticket.id)).length, { timeout: 10_000 }).toBe(3);
    await api('POST', `/api/tickets/${ticket.id}/accept`);
    const [contacts, location, image] = await messagesOf(ticket.id);
    expect([image!.type, location!.type, contacts!.type]).toEqual(['image', 'location', 'contacts']);

    const { context, page } = await adminPage();
    await page.goto(`${baseUrl}/tickets/${ticket.id}`);
    const imageBubble = page.getByTestId(`message-${image!.id}`);
    const img = imageBubble.locator('img');
    await img.waitFor({ timeout: 15_000 });
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBe(48);
    await imageBubble.getByRole('button', { name: /amplia|enlarge/i }).click();
    await page.getByTestId('lightbox-image').waitFor({ timeout: 5_000 });
    await screenshot(page, '22-lightbox');
    await page.keyboard.press('Escape');
    await page.getByTestId('lightbox').waitFor({ state: 'hidden', timeout: 5_000 }); // Mantine keeps the empty modal root mounted.

    const map = page.getByTestId(`message-${location!.id}`).locator('a[href*="openstreetmap.org"]');
    await map.waitFor();
    expect(await map.getAttribute('href')).toContain('mlat=-23.561414');
    await page.getByTestId(`message-${location!.id}`).getByText('Loja Paulista').waitFor();

    const card = page.getByTestId(`message-${contacts!.id}`);
    await card.getByText('João Indicado').waitFor();
    await card.getByTestId(`start-conversation-${contacts!.id}-0-0`).waitFor();
    await screenshot(page, '23-rich-types');
    await context.close();
  });

  it('reply and react: the quote goes out as context.message_id and the reaction reaches WhatsApp', async () => {
    const [wamidQuoted] = await webhook(CUSTOMERS.reply, 'Cliente Resposta', [
      { type: 'text', text: { body: 'Qual o prazo de entrega?' } },
    ]);
    const ticket = await ticketOf(CUSTOMERS.reply);
    await api('POST', `/api/tickets/${ticket.id}/accept`);
    const customerMessage = (await messagesOf(ticket.id)).find((m) => m.externalId === wamidQuoted)!;
    expect(customerMessage).toBeDefined();

    const { context, page } = await adminPage();
    await page.goto(`${baseUrl}/tickets/${ticket.id}`);
    const bubble = page.getByTestId(`message-${customerMessage.id}`);
    await bubble.hover();
    await page.getByTestId(`message-reply-${customerMessage.id}`).click();
    await page.getByTestId('composer-quote').getByText('Qual o prazo de entrega?').waitFor();
    await page.getByTestId('composer-input').fill('Chega em 2 dias úteis.');
    await page.getByTestId('composer-send').click();
    await expect
      .poll(() => graph.sentMessages().filter((m) => m.to === CUSTOMERS.reply && m.type === 'text').length, { timeout: 15_000 })
      .toBe(1);
    const reply = graph.sentMessages().find((m) => m.to === CUSTOMERS.reply && m.type === 'text')!;
    expect((reply.body['context'] as { message_id?: string } | undefined)?.message_id).toBe(wamidQuoted);
    await page.getByTestId('composer-quote').waitFor({ state: 'detached' });

    await bubble.hover();
    await page.getByTestId(`message-react-${customerMessage.id}`).click();
    await page.getByRole('button', { name: '👍' }).click();
    await expect
      .poll(() => graph.sentMessages().filter((m) => m.to === CUSTOMERS.reply && m.type === 'reaction').length, { timeout: 15_000 })
      .toBe(1);
    const reaction = graph.sentMessages().find((m) => m.to === CUSTOMERS.reply && m.type === 'reaction')!;
    expect(reaction.body['reaction']).toEqual({ message_id: wamidQuoted, emoji: '👍' });
    await page.getByTestId(`message-reactions-${customerMessage.id}`).getByText('👍').waitFor({ timeout: 10_000 });
    await screenshot(page, '24-reply-and-react');
    await context.close();
  });

  it('agent role: sees and accepts a pending ticket of their queue and transfers it to another queue without the users list', async () => {
    const stamp = Date.now();
    const agent = await api<{ id: number }>('POST', '/api/users', {
      name: 'Agente Detalhes',
      email: `agente.${stamp}@demo.jimmy.chat`,
      password: 'agente-e2e-2026',
      role: 'agent',
    });
    const support = await api<{ id: number }>('POST', '/api/queues', { name: `Suporte ${stamp}`, userIds: [agent.id] });
    const billing = await api<{ id: number }>('POST', '/api/queues', { name: `Financeiro ${stamp}`, userIds: [] });

    await webhook(CUSTOMERS.agent, 'Cliente do Agente', [{ type: 'text', text: { body: 'Preciso de suporte' } }]);
    const ticket = await ticketOf(CUSTOMERS.agent);
    await api('POST', `/api/tickets/${ticket.id}/transfer`, { queueId: support.id });

    const context = await browser.newContext({ locale: 'pt-BR', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const forbidden: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 403) forbidden.push(r.url());
    });
    await login(page, `agente.${stamp}@demo.jimmy.chat`, 'agente-e2e-2026');
    await page.goto(`${baseUrl}/tickets`);
    await page.getByTestId('tickets-tab-pending').click();
    const row = page.getByTestId(`ticket-row-${ticket.id}`);
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await page.getByTestId('ticket-accept').click();
    await page.getByTestId('ticket-accept').waitFor({ state: 'detached', timeout: 10_000 });
    const accepted = await api<TicketDto>('GET', `/api/tickets/${ticket.id}`);
    expect(accepted.status).toBe('open');
    expect(accepted.userId).toBe(agent.id);

    await conversationAction(page, 'ticket-transfer');
    const queueSelect = page.getByTestId('transfer-queue');
    await queueSelect.waitFor();
    expect(await page.getByTestId('transfer-agent').count()).toBe(0);
    await queueSelect.click();
    await page.getByRole('option', { name: `Financeiro ${stamp}` }).click();
    await page.getByTestId('transfer-note').fill('Assunto de cobrança');
    await screenshot(page, '25-agent-transfer');
    await page.getByTestId('transfer-submit').click();
    await page.getByTestId('transfer-submit').waitFor({ state: 'detached', timeout: 10_000 });

    const moved = await api<TicketDto>('GET', `/api/tickets/${ticket.id}`);
    expect(moved.queueId).toBe(billing.id);
    expect(moved.status).toBe('pending');
    expect(forbidden.filter((u) => !u.includes('/api/users'))).toEqual([]);
    await context.close();
  });
});
