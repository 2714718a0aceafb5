import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, callApi, demoAdmin, launchBrowser, login, screenshot } from './browser.js';

/**
 * The flow builder as an admin meets it: a 5-node flow built by dragging blocks from the palette
 * and connecting their handles, forms filled, a publish refused with a clickable problem, undo and
 * redo, then published; the version and the reach overlay show.
 */
const stamp = Date.now().toString(36);
const FLOW = `Atendimento ${stamp}`;
const SALES = `Vendas Fluxo ${stamp}`;
const SUPPORT = `Suporte Fluxo ${stamp}`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let adminToken: string;
let flowId: number;
let supportQueueId: number;
const api = <T>(method: string, path: string, body?: unknown): Promise<T> => callApi<T>(adminToken, method, path, body);

interface Graph {
  nodes: { id: string; type: string; data: Record<string, unknown> }[];
  edges: { source: string; sourceHandle: string; target: string }[];
}

/** Drags a palette block onto the canvas at a point given as fractions of the canvas box; returns the new node's id. */
async function dropBlock(type: string, fx: number, fy: number): Promise<string> {
  const before = await page.locator(`[data-type="${type}"]`).count();
  const box = (await page.getByTestId('flow-canvas').boundingBox())!;
  await page.dragAndDrop(`[data-testid="palette-${type}"]`, '[data-testid="flow-canvas"]', {
    targetPosition: { x: box.width * fx, y: box.height * fy },
  });
  await expect.poll(() => page.locator(`[data-type="${type}"]`).count()).toBe(before + 1);
  const testId = await page.locator(`[data-type="${type}"]`).nth(before).getAttribute('data-testid');
  // A dropped block is selected at once, so its form is the one on the side.
  await expect.poll(() => page.getByTestId('flow-form').isVisible()).toBe(true);
  return testId!.replace('flow-node-', '');
}

/** Connects two handles the way a user does: press on the output, move, release on the input. */
async function connect(source: string, handle: string, target: string): Promise<void> {
  const from = (await page.getByTestId(`handle-${source}-${handle}`).boundingBox())!;
  const to = (await page.getByTestId(`handle-${target}-in`).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

async function pickQueue(name: string): Promise<void> {
  await page.getByTestId('field-queueId').click();
  await page.getByRole('option', { name, exact: true }).click();
}

async function savedDraft(): Promise<Graph> {
  await expect.poll(() => page.getByTestId('flow-save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
  return (await api<{ draft: Graph }>('GET', `/api/flows/${flowId}`)).draft;
}

beforeAll(async () => {
  browser = await launchBrowser();
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  adminToken = ((await response.json()) as { accessToken: string }).accessToken;
  await api('POST', '/api/queues', { name: SALES, color: '#228BE6' });
  supportQueueId = (await api<{ id: number }>('POST', '/api/queues', { name: SUPPORT, color: '#7950F2' })).id;
  context = await browser.newContext({ locale: 'pt-BR', viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  await login(page, demoAdmin.email, demoAdmin.password);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('flow builder', () => {
  it('creates a flow from the list and opens it with its Start block', async () => {
    await page.getByTestId('nav-flows').click();
    await page.getByTestId('flows-new').first().click();
    await page.getByTestId('flow-create-name').fill(FLOW);
    await page.getByTestId('flow-create-submit').click();
    await page.waitForURL(/\/flows\/\d+$/);
    flowId = Number(/\/flows\/(\d+)$/.exec(page.url())![1]);
    await page.getByTestId('flow-node-start').waitFor();
    expect(await page.getByTestId('flow-name').textContent()).toBe(FLOW);
  });

  it('builds Start → Message → Menu → two Transfers by drag and drop, fills the forms and connects the handles', async () => {
    const message = await dropBlock('message', 0.3, 0.2);
    await page.getByTestId('field-text').fill('Olá, {{contact.name}}! Bem-vindo.');

    const menu = await dropBlock('menu', 0.55, 0.3);
    await page.getByTestId('field-text').fill('Com quem você quer falar?');
    await page.getByTestId('field-options.0.label').fill('Vendas');
    await page.getByTestId('field-options.1.label').fill('Suporte');

    const sales = await dropBlock('transfer', 0.8, 0.2);
    await pickQueue(SALES);
    const support = await dropBlock('transfer', 0.8, 0.7);
    await pickQueue(SUPPORT);

    // Unconnected, the four blocks cannot be reached from Start: the local check says so before publishing.
    expect(Number(await page.getByTestId('flow-problems-toggle').getAttribute('data-count'))).toBe(4);
    // Tidy up first: the blocks line up in a column, so each handle is free to grab.
    await page.getByTestId('flow-layout').click();
    await page.waitForTimeout(500);
    await connect('start', 'next', message);
    await connect(message, 'next', menu);
    await connect(menu, 'opt1', sales);
    await connect(menu, 'opt2', support);
    await expect.poll(() => page.getByTestId('flow-problems-toggle').getAttribute('data-count')).toBe('0');
    await page.getByTestId('flow-layout').click();

    const draft = await savedDraft();
    expect(draft.nodes.map((n) => n.type).sort()).toEqual(['menu', 'message', 'start', 'transfer', 'transfer']);
    const link = (source: string, handle: string) => draft.edges.find((e) => e.source === source && e.sourceHandle === handle)?.target;
    expect([link('start', 'next'), link(message, 'next'), link(menu, 'opt1'), link(menu, 'opt2')]).toEqual([message, menu, sales, support]);
    expect(draft.nodes.find((n) => n.id === menu)?.data).toMatchObject({
      text: 'Com quem você quer falar?',
      options: [
        { id: 'opt1', label: 'Vendas' },
        { id: 'opt2', label: 'Suporte' },
      ],
    });
    await screenshot(page, 'flows-builder-1366');
  });

  it('refuses to publish a block nobody reaches, the problem leads to it, and undo / redo bring it back and away', async () => {
    await page.getByTestId('palette-end').click();
    await page.getByTestId('flow-publish').click();
    const problem = page.getByTestId('flow-problem-0');
    await problem.waitFor();
    const endId = (await problem.getAttribute('data-node-id'))!;
    await screenshot(page, 'flows-problems-1366');
    expect(await page.locator(`[data-testid="flow-node-${endId}"]`).getAttribute('data-type')).toBe('end');
    await problem.click();
    await expect.poll(() => page.getByTestId('flow-form-title').textContent()).toBe('Fim');
    await expect.poll(() => page.locator('[role="dialog"]').count()).toBe(0);

    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId(`flow-node-${endId}`).count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId(`flow-node-${endId}`).count()).toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.getByTestId(`flow-node-${endId}`).count()).toBe(0);
    expect((await savedDraft()).nodes).toHaveLength(5);
  });

  it('publishes version 1: the badge, the versions drawer and the list show it', async () => {
    await page.getByTestId('flow-publish').click();
    await expect.poll(() => page.getByTestId('flow-published-version').textContent()).toContain('v1');
    await page.getByTestId('flow-more').click();
    await page.getByTestId('flow-versions-open').click();
    await page.getByTestId('flow-version-item-1').waitFor();
    await page.keyboard.press('Escape');
    const versions = await api<{ items: { version: number }[] }>('GET', `/api/flows/${flowId}/versions`);
    expect(versions.items.map((v) => v.version)).toEqual([1]);
  });

  it('attaches to a connection; deleting is refused while attached, with the reason; then detaches', async () => {
    const choose = async (name: string) => {
      await page.getByTestId('flow-more').click();
      await page.getByTestId('flow-attach-open').click();
      await page.getByTestId('flow-attach-select').click();
      await page.getByRole('option', { name, exact: true }).click();
      // The list stays open for more choices: a click on the dialog's title closes it, as a user would.
      await page.getByRole('dialog').getByRole('heading').click();
      await page.getByTestId('flow-attach-save').click();
      await expect.poll(() => page.getByTestId('flow-attach-save').count()).toBe(0);
    };
    const site = (await api<{ items: { id: number; name: string }[] }>('GET', '/api/connections')).items[0]!;
    await choose(site.name);
    const attached = await api<{ items: { id: number; connectionIds: number[] }[] }>('GET', '/api/flows');
    expect(attached.items.find((f) => f.id === flowId)?.connectionIds).toEqual([site.id]);

    await page.getByTestId('flow-back').click();
    expect(await page.getByTestId(`flow-row-${flowId}`).textContent()).toContain(site.name);
    await page.getByTestId(`flow-delete-${flowId}`).click();
    await page.getByTestId('flow-delete-confirm').click();
    expect(await page.getByTestId('flow-delete-error').textContent()).toContain('Desligue');
    await page.keyboard.press('Escape');

    // Detached again, so the demo's web chat keeps its usual routing for the other scenarios.
    await page.getByTestId(`flow-open-${flowId}`).click();
    await page.getByTestId('flow-node-start').waitFor();
    await choose(site.name);
    const detached = await api<{ items: { id: number; connectionIds: number[] }[] }>('GET', '/api/flows');
    expect(detached.items.find((f) => f.id === flowId)?.connectionIds).toEqual([]);
  });

  it('shows the reach of every block for the period', async () => {
    await page.getByTestId('flow-analytics-toggle').click();
    await page.getByTestId('node-reach-start').waitFor();
    expect(await page.getByTestId('node-reach-start').textContent()).toContain('0');
    await page.getByTestId('flow-analytics-period').getByText('30 dias').click();
    await page.getByTestId('node-reach-start').waitFor();
    await screenshot(page, 'flows-reach-1366');
  });

  it('opens the Testar pane beside the board and closes it again', async () => {
    await page.getByTestId('flow-test-toggle').click();
    await page.getByTestId('flow-test-pane').waitFor();
    await page.getByTestId('flow-test-toggle').click();
    await page.getByTestId('flow-side').waitFor();
  });

  it('runs the draft in the simulator: greeting, menu, a tapped option, the transfer event, the block lit on the board', async () => {
    await page.getByTestId('flow-test-toggle').click();
    await page.getByTestId('flow-test-pane').waitFor();
    await page.getByTestId('sim-input').fill('Oi');
    await page.getByTestId('sim-send').click();
    const bot = page.getByTestId('sim-bot-message');
    await expect.poll(async () => (await bot.allTextContents()).join(' | ')).toContain('Bem-vindo');
    await expect.poll(async () => (await bot.allTextContents()).join(' | ')).toContain('Com quem você quer falar?');
    await page.getByTestId('sim-option-opt2').click();
    const transfer = page.locator('[data-testid="sim-event"][data-type="transfer"]');
    await transfer.waitFor();
    expect(await transfer.textContent()).toContain(SUPPORT);
    // The block the run stopped on is lit on the canvas.
    const support = (await savedDraft()).nodes.find((n) => n.type === 'transfer' && n.data.queueId === String(supportQueueId))!;
    await expect.poll(() => page.getByTestId(`flow-node-${support.id}`).getAttribute('data-active')).toBe('true');
    await screenshot(page, 'flows-simulator-1366');

    // Step back returns to the waiting menu; restart empties the conversation.
    await page.getByTestId('sim-back').click();
    await expect.poll(() => transfer.count()).toBe(0);
    await page.getByTestId('sim-option-opt1').waitFor();
    await page.getByTestId('sim-restart').click();
    await expect.poll(() => bot.count()).toBe(0);
    await page.getByTestId('flow-test-toggle').click();
    await page.getByTestId('flow-side').waitFor();
  });

  it('a site visitor goes through the published flow and lands in Suporte; the board counts the reach', async () => {
    const connection = await api<{ id: number; widgetKey: string }>('POST', '/api/connections', {
      type: 'webchat',
      name: `Site com fluxo ${stamp}`,
    });
    await api('PATCH', `/api/connections/${connection.id}`, { flowId });
    const visitorContext = await browser.newContext({ locale: 'pt-BR', viewport: { width: 390, height: 844 } });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${baseUrl}/widget-demo?key=${connection.widgetKey}`);
    await visitor.getByTestId('widget-bubble').click();
    await visitor.getByTestId('widget-name').fill(`Visitante ${stamp}`);
    await visitor.getByTestId('widget-start-submit').click();
    await visitor.getByTestId('widget-input').fill('Olá');
    await visitor.getByTestId('widget-send').click();
    await expect.poll(() => visitor.getByTestId('widget-lines').textContent(), { timeout: 15_000 }).toContain('Bem-vindo');
    const choices = visitor.getByTestId('widget-choices');
    await choices.getByRole('button', { name: 'Suporte' }).click();
    await expect.poll(() => choices.count()).toBe(0);
    await screenshot(visitor, 'flows-widget-390');
    await visitorContext.close();

    const draft = await savedDraft();
    const support = draft.nodes.find((n) => n.type === 'transfer' && n.data.queueId === String(supportQueueId))!;
    const sales = draft.nodes.find((n) => n.type === 'transfer' && n.data.queueId !== String(supportQueueId))!;
    await expect
      .poll(
        async () =>
          (await api<{ nodes: { nodeId: string; reached: number }[] }>('GET', `/api/flows/${flowId}/analytics`)).nodes.find(
            (n) => n.nodeId === support.id,
          )?.reached,
        {
          timeout: 15_000,
        },
      )
      .toBe(1);
    const tickets = await api<{ items: { contact: { name: string }; status: string; queueId: number | null }[] }>(
      'GET',
      `/api/tickets?connectionId=${connection.id}`,
    );
    expect(tickets.items.find((ticket) => ticket.contact.name === `Visitante ${stamp}`)).toMatchObject({
      status: 'pending',
      queueId: supportQueueId,
    });

    await page.reload();
    await page.getByTestId('flow-node-start').waitFor();
    await page.getByTestId('flow-analytics-toggle').click();
    await expect.poll(() => page.getByTestId(`node-reach-${support.id}`).textContent()).toContain('1');
    expect(await page.getByTestId(`node-reach-${sales.id}`).textContent()).toContain('0');
    await screenshot(page, 'flows-reach-after-run-1366');
    await page.getByTestId('flow-analytics-toggle').click();
    await api('PATCH', `/api/connections/${connection.id}`, { flowId: null });
  });

  it('restores a published version into the draft, and exports a flow that imports back as a new one', async () => {
    await page.goto(`${baseUrl}/flows/${flowId}`);
    await page.getByTestId('flow-node-start').waitFor();
    const blocks = page.locator('[data-testid^="flow-node-"]');
    const message = await page.locator('[data-type="message"]').getAttribute('data-testid');
    await page.getByTestId(message!).click();
    await page.keyboard.press('Delete');
    await expect.poll(() => blocks.count()).toBe(4);
    expect((await savedDraft()).nodes).toHaveLength(4);
    await page.getByTestId('flow-more').click();
    await page.getByTestId('flow-versions-open').click();
    await page.getByTestId('flow-version-restore-1').click();
    await expect.poll(() => blocks.count()).toBe(5);
    expect((await savedDraft()).edges).toHaveLength(4);

    await page.getByTestId('flow-more').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('flow-export').click()]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as { name: string; graph: Graph };
    expect(exported.name).toBe(FLOW);
    const file = path.join(os.tmpdir(), `fluxo-${stamp}.json`);
    writeFileSync(file, JSON.stringify({ ...exported, name: `${FLOW} cópia` }));
    await page.getByTestId('flow-back').click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('flows-import').click()]);
    await chooser.setFiles(file);
    await page.waitForURL((url) => /\/flows\/\d+$/.test(url.pathname) && !url.pathname.endsWith(`/${flowId}`));
    await expect.poll(() => blocks.count()).toBe(5);
    expect(await page.getByTestId('flow-name').textContent()).toBe(`${FLOW} cópia`);
  });

  it('is readable on a phone: nothing overflows the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByTestId('flow-node-start').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'flows-builder-390');
    await page.goto(`${baseUrl}/flows`);
    await page.getByTestId(`flow-version-${flowId}`).waitFor();
    await screenshot(page, 'flows-list-390');
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('an admin sets the AI integration in Integrações → IA and tests it against an OpenAI-compatible server', async () => {
    // A local stand-in for the provider, answering in the chat-completions format.
    const seen: { auth?: string; model?: string } = {};
    const provider = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.auth = request.headers.authorization;
        seen.model = (JSON.parse(body) as { model: string }).model;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'pong <b>ok</b>' } }] }));
      });
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    try {
      await page.goto(`${baseUrl}/integrations`);
      await page.getByTestId('integrations-tab-ai').click();
      await page.getByTestId('settings-ai-base-url').fill(`http://127.0.0.1:${(provider.address() as AddressInfo).port}/v1`);
      await page.getByTestId('settings-ai-model').fill('modelo-teste');
      await page.getByTestId('settings-ai-key').fill('sk-e2e-secret');
      await page.getByTestId('settings-ai-save').click();
      await page.getByTestId('settings-ai-remove-key').waitFor();
      // The key is stored but never comes back to the browser.
      expect(JSON.stringify(await api('GET', '/api/settings/ai'))).not.toContain('sk-e2e-secret');
      await page.getByTestId('settings-ai-check').click();
      const result = page.getByTestId('settings-ai-check-result');
      await result.waitFor();
      expect(await result.getAttribute('data-ok')).toBe('true');
      // The provider's answer is shown as text, markup and all.
      expect(await result.textContent()).toContain('pong <b>ok</b>');
      expect(seen).toEqual({ auth: 'Bearer sk-e2e-secret', model: 'modelo-teste' });
      await screenshot(page, 'settings-ai-1366');
    } finally {
      await new Promise((resolve) => provider.close(resolve));
    }
  });
});
