import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, callApi, demoAdmin, launchBrowser, login, screenshot } from './browser.js';

/**
 * "Ver execução do fluxo": a site visitor goes through a published flow (greeting, menu, a tapped
 * option, a transfer); the admin reads that run step by step from the ticket, on a desktop and on a
 * phone; an agent of the company is not offered it.
 */
const stamp = Date.now().toString(36);
const SALES = `Vendas Execução ${stamp}`;
const SUPPORT = `Suporte Execução ${stamp}`;
const VISITOR = `Visitante Execução ${stamp}`;
const agent = { email: `agente-exec-${stamp}@demo.jimmy.chat`, password: 'agente execução 2026', name: `Ana Execução ${stamp}` };

let browser: Browser;
let adminContext: BrowserContext;
let admin: Page;
let adminToken: string;
let flowId: number;
let connectionId: number;
let ticketId: number;
let widgetKey: string;
const api = <T>(method: string, path: string, body?: unknown): Promise<T> => callApi<T>(adminToken, method, path, body);

const node = (id: string, type: string, data: unknown, index: number) => ({ id, type, position: { x: index * 240, y: 0 }, data });
const edge = (source: string, sourceHandle: string, target: string) => ({ id: `${source}-${sourceHandle}`, source, sourceHandle, target });

beforeAll(async () => {
  browser = await launchBrowser();
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  adminToken = ((await response.json()) as { accessToken: string }).accessToken;
  const agentId = (await api<{ id: number }>('POST', '/api/users', { ...agent, role: 'agent' })).id;
  const sales = (await api<{ id: number }>('POST', '/api/queues', { name: SALES, color: '#228BE6' })).id;
  const support = (await api<{ id: number }>('POST', '/api/queues', { name: SUPPORT, color: '#7950F2', userIds: [agentId] })).id;
  const graph = {
    format: 1,
    nodes: [
      node('start', 'start', { trigger: { kind: 'newConversation', connectionIds: [] } }, 0),
      node('hello', 'message', { text: 'Olá! Bem-vindo à <b>loja</b>.' }, 1),
      node(
        'menu',
        'menu',
        {
          text: 'Com quem você quer falar?',
          options: [
            { id: 'opt1', label: 'Vendas' },
            { id: 'opt2', label: 'Suporte' },
          ],
          saveAs: 'assunto',
        },
        2,
      ),
      node('toSales', 'transfer', { queueId: String(sales) }, 3),
      node('toSupport', 'transfer', { queueId: String(support) }, 3),
    ],
    edges: [
      edge('start', 'next', 'hello'),
      edge('hello', 'next', 'menu'),
      edge('menu', 'opt1', 'toSales'),
      edge('menu', 'opt2', 'toSupport'),
    ],
    variables: [],
  };
  flowId = (await api<{ id: number }>('POST', '/api/flows', { name: `Fluxo Execução ${stamp}`, graph })).id;
  await api('POST', `/api/flows/${flowId}/publish`);
  const connection = await api<{ id: number; widgetKey: string }>('POST', '/api/connections', {
    type: 'webchat',
    name: `Site Execução ${stamp}`,
  });
  connectionId = connection.id;
  widgetKey = connection.widgetKey;
  await api('PATCH', `/api/connections/${connectionId}`, { flowId });

  adminContext = await browser.newContext({ locale: 'pt-BR', viewport: { width: 1366, height: 768 } });
  admin = await adminContext.newPage();
  await login(admin, demoAdmin.email, demoAdmin.password);
}, 120_000);

afterAll(async () => {
  // Detached, so the company's other scenarios keep their usual routing.
  if (connectionId) await api('PATCH', `/api/connections/${connectionId}`, { flowId: null });
  await adminContext?.close();
  await browser?.close();
});

async function openRuns(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/tickets/${ticketId}`);
  await page.getByTestId('conversation-header').waitFor();
  const button = page.getByTestId('ticket-flow-runs');
  if (!(await page.getByTestId('contact-panel').isVisible())) await page.getByTestId('contact-panel-toggle').click();
  await button.scrollIntoViewIfNeeded();
  if (page.viewportSize()?.width === 1366)
    await page.getByTestId('contact-panel').screenshot({ path: 'e2e/artifacts/flow-runs-panel-1366.png' });
  await button.click();
  await expect.poll(() => page.getByTestId('flow-runs-drawer').getAttribute('data-state')).toBe('ready');
}

describe('flow runs', () => {
  it('a site visitor goes through the flow and lands in Suporte', async () => {
    const visitorContext = await browser.newContext({ locale: 'pt-BR', viewport: { width: 390, height: 844 } });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${baseUrl}/widget-demo?key=${widgetKey}`);
    await visitor.getByTestId('widget-bubble').click();
    await visitor.getByTestId('widget-name').fill(VISITOR);
    await visitor.getByTestId('widget-start-submit').click();
    await visitor.getByTestId('widget-input').fill('Oi, <i>preciso</i> de ajuda');
    await visitor.getByTestId('widget-send').click();
    await expect.poll(() => visitor.getByTestId('widget-lines').textContent(), { timeout: 15_000 }).toContain('Bem-vindo');
    const choices = visitor.getByTestId('widget-choices');
    await choices.getByRole('button', { name: 'Suporte' }).click();
    await expect.poll(() => choices.count()).toBe(0);
    await visitorContext.close();

    await expect
      .poll(
        async () => {
          const tickets = await api<{ items: { id: number; status: string; contact: { name: string } }[] }>(
            'GET',
            `/api/tickets?connectionId=${connectionId}`,
          );
          const ticket = tickets.items.find((item) => item.contact.name === VISITOR);
          ticketId = ticket?.id ?? 0;
          return ticket?.status;
        },
        { timeout: 15_000 },
      )
      .toBe('pending');
  });

  it('the admin reads the run from the ticket: the flow, its end, each step with the text, the blocks and the effects', async () => {
    await openRuns(admin);
    const drawer = admin.getByTestId('flow-runs-drawer');
    const runs = drawer.locator('[data-testid^="flow-run-"][data-end-reason]');
    await expect.poll(() => runs.count()).toBe(1);
    const run = runs.first();
    expect(await run.getAttribute('data-end-reason')).toBe('transfer');
    expect(await run.getByTestId('flow-run-end').textContent()).toBe('Transferido');
    expect(await run.getByTestId('flow-run-flow-link').getAttribute('href')).toBe(`/flows/${flowId}`);
    expect(await run.textContent()).toContain(`Fluxo Execução ${stamp}`);

    const steps = run.locator('[data-testid^="flow-step-"][data-event]');
    expect(await steps.count()).toBe(2);
    const [start, reply] = [steps.nth(0), steps.nth(1)];
    expect(await start.getAttribute('data-event')).toBe('start');
    // Customer and bot words are text: the markup they typed shows, nothing is rendered.
    expect(await start.getByTestId('flow-step-text').textContent()).toContain('Oi, <i>preciso</i> de ajuda');
    // The blocks by name (from the flow's graph and the engine's registry, loaded on demand) and id.
    await expect.poll(() => start.getByTestId('flow-step-nodes').textContent()).toContain('Mensagem · hello');
    const startEffects = await start.getByTestId('flow-step-effect').allTextContents();
    expect(startEffects.join(' | ')).toContain('Olá! Bem-vindo à <b>loja</b>.');
    expect(startEffects.join(' | ')).toContain('Com quem você quer falar?');
    expect(await drawer.locator('b, i').count()).toBe(0);

    expect(await reply.getAttribute('data-event')).toBe('reply');
    expect(await reply.getByTestId('flow-step-text').textContent()).toContain('Suporte');
    expect(await reply.getByTestId('flow-step-nodes').textContent()).toContain('Transferir · toSupport');
    const transfer = reply.locator('[data-testid="flow-step-effect"][data-type="transfer"]');
    expect(await transfer.textContent()).toContain(SUPPORT);
    expect(await reply.locator('[data-testid="flow-step-effect"][data-type="end"]').textContent()).toContain('Transferido');
    // The variables after the step, folded until asked for.
    await reply.getByTestId('flow-step-variables').click();
    await expect.poll(() => reply.locator('table').textContent()).toContain('assunto');
    expect(await reply.locator('table').textContent()).toContain('Suporte');
    // Let the fold finish opening before the picture.
    await admin.waitForTimeout(400);
    await screenshot(admin, 'flow-runs-1366');

    // The flow's name leads to its builder.
    await run.getByTestId('flow-run-flow-link').click();
    await admin.waitForURL(new RegExp(`/flows/${flowId}$`));
  });

  it('reads on a phone: the drawer takes the screen and nothing overflows', async () => {
    await admin.setViewportSize({ width: 390, height: 844 });
    await openRuns(admin);
    await admin.locator('[data-testid^="flow-step-"][data-event="reply"]').waitFor();
    const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = (await admin.getByTestId('flow-runs-drawer').boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    await screenshot(admin, 'flow-runs-390');
    await admin.setViewportSize({ width: 1366, height: 768 });
  });

  it('an agent of the company is not offered the run, and the API refuses it', async () => {
    const context = await browser.newContext({ locale: 'pt-BR', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await login(page, agent.email, agent.password);
    await page.goto(`${baseUrl}/tickets/${ticketId}`);
    await page.getByTestId('conversation-header').waitFor();
    if (!(await page.getByTestId('contact-panel').isVisible())) await page.getByTestId('contact-panel-toggle').click();
    await page.getByTestId('ticket-timeline').waitFor();
    expect(await page.getByTestId('ticket-flow-runs').count()).toBe(0);
    const signIn = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: agent.email, password: agent.password }),
    });
    const agentToken = ((await signIn.json()) as { accessToken: string }).accessToken;
    const refused = await fetch(`${baseUrl}/api/tickets/${ticketId}/flow-runs`, { headers: { authorization: `Bearer ${agentToken}` } });
    expect(refused.status).toBe(403);
    await context.close();
  });
});
