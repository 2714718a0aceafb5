/**
 * Relatórios against the real server: customers write in through the Cloud webhook, the admin
 * handles one, and the page shows the same numbers as the API, draws the charts and exports a CSV.
 * Needs the reports-data module (overview, agents, queues, survey comments, export) to be merged.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signWebhook } from '@jimmy/channels/testing';
import { baseUrl, callApi, demoAdmin, horizontalOverflow, launchBrowser, login, screenshot } from './browser.js';

// Our own Cloud number, so this file does not collide with the other scenarios on the same server.
const CLOUD = {
  phoneNumberId: 'PNID_1300',
  wabaId: 'WABA_1300',
  accessToken: 'EAAG-e2e-reports-token',
  appSecret: 'e2e-reports-secret',
  verifyToken: 'e2e-reports-verify',
};
const stamp = Date.now() % 100_000;
const CUSTOMERS = [`55119130${String(stamp).padStart(5, '0')}`, `55119131${String(stamp).padStart(5, '0')}`];

let browser: Browser;
let adminToken: string;
let connectionId: number;

interface Overview {
  totals: { ticketsOpened: number; ticketsClosed: number; messagesIn: number };
  series: { opened: number }[];
}

async function customerWrites(phone: string, text: string): Promise<void> {
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
              metadata: { display_phone_number: '5511913000000', phone_number_id: CLOUD.phoneNumberId },
              contacts: [{ wa_id: phone, profile: { name: `Cliente Relatório ${phone.slice(-4)}` } }],
              messages: [
                {
                  id: `wamid.REPORTS_${phone}_${Date.now()}`,
                  from: phone,
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

beforeAll(async () => {
  const session = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  adminToken = ((await session.json()) as { accessToken: string }).accessToken;
  connectionId = (
    await callApi<{ id: number }>(adminToken, 'POST', '/api/connections', { type: 'whatsapp_cloud', name: 'Relatórios e2e', ...CLOUD })
  ).id;
  // A long queue name in the live panel must truncate on a phone, not widen the page.
  await callApi(adminToken, 'POST', '/api/queues', { name: `Pós-venda, garantia estendida e trocas ${Date.now()}` });
  for (const phone of CUSTOMERS) {
    await customerWrites(phone, 'Olá, preciso de ajuda');
    await customerWrites(phone, 'Alguém aí?');
  }
  // The admin takes the first conversation and closes it: one opened and closed, one still waiting.
  const list = await callApi<{ items: { id: number; contact: { phone: string | null } }[] }>(
    adminToken,
    'GET',
    `/api/tickets?q=${CUSTOMERS[0]}&scope=all`,
  );
  const first = list.items.find((t) => t.contact.phone?.endsWith(CUSTOMERS[0]!));
  expect(first).toBeDefined();
  await callApi(adminToken, 'POST', `/api/tickets/${first!.id}/accept`);
  await callApi(adminToken, 'POST', `/api/tickets/${first!.id}/close`, {});
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function reportsPage(width: number, height: number, query = ''): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  await login(page, demoAdmin.email, demoAdmin.password);
  await page.goto(`${baseUrl}/reports${query}`);
  return page;
}

const numberIn = async (page: Page, testId: string) => Number((await page.getByTestId(testId).textContent())?.replace(/\D/g, '') ?? 'NaN');

describe('Relatórios', () => {
  it('shows the seeded tickets and messages in the cards, draws the charts, and exports a CSV', async () => {
    // Only this file's connection: other scenarios on the same server do not move these numbers.
    const query = `?period=today&connectionId=${connectionId}`;
    // Aggregates may be written by a job just after the messages: wait for the API before the page.
    const overviewNow = () => callApi<Overview>(adminToken, 'GET', `/api/reports/overview${query}`);
    await expect.poll(async () => (await overviewNow()).totals.messagesIn, { timeout: 20_000 }).toBe(4);
    const overview = await overviewNow();
    expect(overview.totals.ticketsOpened).toBe(2);
    const page = await reportsPage(1366, 768, query);
    await page.getByTestId('reports-cards').waitFor();
    await expect.poll(() => numberIn(page, 'card-opened-value')).toBe(2);
    expect(await numberIn(page, 'card-messages-in-value')).toBe(4);
    expect(await numberIn(page, 'card-closed-value')).toBe(overview.totals.ticketsClosed);
    // Filters live in the address bar, so the view survives a reload and can be shared.
    expect(new URL(page.url()).searchParams.get('connectionId')).toBe(String(connectionId));

    const chart = page.getByTestId('chart-tickets');
    await chart.locator('.recharts-surface').first().waitFor();
    expect(await chart.locator('.recharts-area, .recharts-line').count()).toBeGreaterThan(0);
    const cells = page.getByTestId('chart-heatmap').locator('rect[aria-label]');
    expect(await cells.count()).toBe(7 * 24);
    await screenshot(page, 'reports-1366');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-queues-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const file = await download.path();
    const header =
      readFileSync(file, 'utf8')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)[0] ?? '';
    // pt-BR headers, `;`-separated like the contacts export.
    expect(header.split(';').length).toBeGreaterThan(2);
    expect(header).toMatch(/Fila/);
    await page.context().close();
  });

  it('the live panel lists the waiting ticket with its wait, and fits a phone', async () => {
    const page = await reportsPage(390, 844, '?view=live');
    await page.getByTestId('live-panel').waitFor();
    await expect.poll(async () => numberIn(page, 'live-total-waiting')).toBeGreaterThan(0);
    const overflow = await horizontalOverflow(page);
    expect(overflow.pixels, overflow.culprits.join('\n')).toBeLessThanOrEqual(0);
    await screenshot(page, 'reports-live-390');
    await page.context().close();
  });
});
