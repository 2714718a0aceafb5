import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { LeadHook, Ticket } from '@jimmy/contracts';
import { startFakeGraphServer, type FakeGraphServer } from '@jimmy/channels/testing';
import { baseUrl, callApi, demoAdmin, launchBrowser, login, screenshot } from './browser.js';

/**
 * An admin creates a lead hook on Integrações → Formulários, a website form posts a sample, the admin
 * maps its fields from the received payload and picks the queue, replays the refused sample, and a
 * second lead shows up as a ticket in the console.
 */
const stamp = Date.now().toString(36);
const CLOUD = {
  phoneNumberId: `PNID_LEADS_${stamp}`,
  wabaId: 'WABA_LEADS',
  accessToken: 'EAAG-e2e-leads-token',
  appSecret: 'e2e-leads-app-secret',
  verifyToken: 'e2e-leads-verify-token',
};
const digits = String(Date.now()).slice(-8);
const FIRST = { nome: `Lead Um ${stamp}`, whatsapp: `(11) 9${digits.slice(0, 4)}-${digits.slice(4)}` };
const SECOND_DIGITS = String(Number(digits) + 1)
  .padStart(8, '0')
  .slice(-8);
const SECOND = { nome: `Lead Dois ${stamp}`, whatsapp: `+55 11 9${SECOND_DIGITS}` };

let browser: Browser;
let graph: FakeGraphServer;
let adminToken: string;
const api = <T>(method: string, path: string, body?: unknown): Promise<T> => callApi<T>(adminToken, method, path, body);

const postLead = (path: string, contato: object) =>
  fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ contato, origem: `site-${stamp}`, pagina: '/contato' }),
  });

async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

beforeAll(async () => {
  graph = await startFakeGraphServer({
    accessToken: CLOUD.accessToken,
    port: Number(process.env.FAKE_GRAPH_PORT ?? 0),
    phoneNumbers: { [CLOUD.phoneNumberId]: { displayPhoneNumber: '+55 11 90000-0003', verifiedName: 'Jimmy Leads' } },
  });
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  adminToken = ((await response.json()) as { accessToken: string }).accessToken;
  await api('POST', '/api/connections', { type: 'whatsapp_cloud', name: `WhatsApp Leads ${stamp}`, ...CLOUD });
  await api('POST', '/api/queues', { name: `Leads ${stamp}` });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await graph?.close();
});

describe('inbound lead hooks in the browser', () => {
  it('create a hook, map a posted sample, replay it, and see the next lead’s ticket in the console', async () => {
    const context = await browser.newContext({ locale: 'pt-BR', viewport: { width: 1366, height: 768 } });
    const page: Page = await context.newPage();
    await login(page, demoAdmin.email, demoAdmin.password);
    await page.goto(`${baseUrl}/integrations?tab=leads`);
    await page.getByTestId('lead-hook-name').fill(`Site ${stamp}`);
    await page.getByTestId('lead-hook-create').click();
    await page.getByTestId('lead-hook-editor').waitFor();
    await page.getByTestId('lead-mapping-empty').waitFor();
    await page.getByTestId('lead-log-empty').waitFor();
    const hook = (await api<{ items: LeadHook[] }>('GET', '/api/lead-hooks')).items.find((h) => h.name === `Site ${stamp}`)!;
    expect(await page.getByTestId('lead-hook-url').textContent()).toBe(`${baseUrl}${hook.path}`);

    // The form posts before anything is mapped: refused (no phone field yet) but logged with its payload.
    const refused = await postLead(hook.path, FIRST);
    expect(refused.status).toBe(422);
    await page.getByTestId('lead-mapping-refresh').click();
    await page.getByTestId('lead-mapping').waitFor();
    await page.locator('[data-testid^="lead-log-"][data-status="rejected"]').first().waitFor();
    await pick(page, 'lead-map-contato.nome', 'Nome');
    await pick(page, 'lead-map-contato.whatsapp', 'Telefone (WhatsApp)');
    await pick(page, 'lead-map-origem', 'Etiquetas');
    await page.getByTestId('lead-actions-route').getByText('Abrir na fila').click();
    await pick(page, 'lead-actions-connection', `WhatsApp Leads ${stamp}`);
    await pick(page, 'lead-actions-queue', `Leads ${stamp}`);
    await page.getByTestId('lead-actions-message').fill('Olá {{name}}! Recebemos seu contato pelo site.');
    await screenshot(page, 'lead-hooks-mapping');
    await page.getByTestId('lead-hook-save').click();
    await expect
      .poll(async () => (await api<LeadHook>('GET', `/api/lead-hooks/${hook.id}`)).mapping)
      .toMatchObject({ name: 'contato.nome', phone: 'contato.whatsapp', tags: 'origem' });

    // Replay the refused sample through the new mapping, from the log.
    const [rejected] = (await api<{ items: { id: number }[] }>('GET', `/api/lead-hooks/${hook.id}/requests`)).items;
    await page.getByTestId(`lead-log-replay-${rejected!.id}`).click();
    await page.locator('[data-testid^="lead-log-"][data-status="accepted"]').first().waitFor();

    // The next lead opens a ticket in the queue, seen in the console.
    const accepted = await postLead(hook.path, SECOND);
    expect(accepted.status).toBe(202);
    const { ticketId } = (await accepted.json()) as { contactId: number; ticketId: number };
    const ticket = await api<Ticket>('GET', `/api/tickets/${ticketId}`);
    expect(ticket).toMatchObject({ status: 'pending', contact: { name: SECOND.nome } });
    expect(ticket.tags.map((t) => t.name)).toContain(`site-${stamp}`);
    await page.goto(`${baseUrl}/tickets?tab=pending`);
    await page.getByTestId(`ticket-row-${ticketId}`).getByText(SECOND.nome, { exact: true }).first().waitFor();
    await page.getByTestId(`ticket-row-${ticketId}`).click();
    await page.getByTestId('conversation-header').getByText(SECOND.nome, { exact: true }).first().waitFor();
    await expect.poll(() => graph.sentMessages().some((m) => JSON.stringify(m.body).includes(`Olá ${SECOND.nome}! Recebemos`))).toBe(true);
    await screenshot(page, 'lead-hooks-ticket');

    // A phone: the tab still reads and the log scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/integrations?tab=leads`);
    await page.getByTestId(`lead-hook-open-${hook.id}`).click();
    await page.getByTestId('lead-log').waitFor();
    await screenshot(page, 'lead-hooks-phone');
    await context.close();
  });
});
