import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, demoAdmin, launchBrowser, login, screenshot, callApi } from './browser.js';

/** The console as a new user meets it: list state in the URL, every status, small screens, errors in Portuguese. */

const stamp = Date.now().toString(36);
// Long, as Brazilian names go; the stamp keeps it unique across runs.
const LONG_NAME = `Maria Aparecida Oliveira ${stamp}`;
let browser: Browser;
let adminToken: string;

const api = <T>(method: string, path: string, body?: unknown, token = adminToken): Promise<T> => callApi<T>(token, method, path, body);

/** A visitor of the demo site writes through the web-chat widget; returns the ticket it opened. */
async function visitorWrites(name: string, text: string): Promise<number> {
  const context = await browser.newContext({ locale: 'pt-BR' });
  const visitor = await context.newPage();
  await visitor.goto(`${baseUrl}/widget-demo`);
  await visitor.getByTestId('widget-bubble').click();
  await visitor.getByTestId('widget-name').fill(name);
  await visitor.getByTestId('widget-start-submit').click();
  await visitor.getByTestId('widget-input').fill(text);
  await visitor.getByTestId('widget-send').click();
  // A plain loop: expect.poll only works inside a test, and this also runs in beforeAll.
  let id: number | undefined;
  for (let tries = 0; !id && tries < 40; tries++) {
    id = (await api<{ items: { id: number }[] }>('GET', `/api/tickets?q=${encodeURIComponent(name)}`)).items[0]?.id;
    if (!id) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!id) throw new Error(`no ticket for ${name}`);
  await context.close();
  return id;
}

// One signed-in page for the whole file, resized per scenario: the login route is rate limited,
// and the suite as a whole already signs in many times.
let shared: Page;
async function consolePage(width: number, height: number): Promise<Page> {
  await shared.setViewportSize({ width, height });
  return shared;
}

/** Every tab inside the list column, and nothing inside a tab (label, counter) squeezed or cut. */
async function tabsFit(page: Page): Promise<void> {
  for (const tab of ['open', 'pending', 'closed', 'all']) {
    expect(await inside(page, `tickets-tab-${tab}`, 'ticket-list-column'), tab).toBe(true);
    const clipped = await page
      .getByTestId(`tickets-tab-${tab}`)
      .evaluate((el) => [el, ...Array.from(el.querySelectorAll('span'))].some((e) => e.scrollWidth > e.clientWidth + 1));
    expect(clipped, tab).toBe(false);
  }
}

/** Whether an element is entirely inside another one's box (nothing clipped or pushed out). */
async function inside(page: Page, inner: string, outer: string): Promise<boolean> {
  const a = await page.getByTestId(inner).first().boundingBox();
  const b = await page.getByTestId(outer).first().boundingBox();
  if (!a || !b) return false;
  return a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;
}

let waiting: number;
let closed: number;

beforeAll(async () => {
  browser = await launchBrowser();
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  adminToken = ((await response.json()) as { accessToken: string }).accessToken;
  closed = await visitorWrites(`Cliente Antigo ${stamp}`, 'Pedido entregue, obrigado!');
  await api('POST', `/api/tickets/${closed}/close`);
  waiting = await visitorWrites(LONG_NAME, 'Olá, vocês entregam no sábado?');
  const context = await browser.newContext({ locale: 'pt-BR' });
  shared = await context.newPage();
  await login(shared, demoAdmin.email, demoAdmin.password);
});
afterAll(async () => browser?.close());

describe('the ticket list', () => {
  it('keeps tab and search in the URL when a conversation opens, on reload and on back', async () => {
    const page = await consolePage(1366, 768);
    await page.goto(`${baseUrl}/tickets`);
    await page.getByTestId('tickets-tab-pending').click();
    await page.waitForURL(/tab=pending/);
    await page.getByTestId(`ticket-row-${waiting}`).waitFor();

    await page.getByTestId(`ticket-row-${waiting}`).getByRole('button').first().click();
    await page.waitForURL(new RegExp(`/tickets/${waiting}\\?tab=pending`));
    await page.getByTestId('conversation').and(page.locator('[data-state="ready"]')).waitFor();
    expect(await page.getByTestId('ticket-list').getAttribute('data-tab')).toBe('pending');

    await page.reload();
    await page.getByTestId(`ticket-row-${waiting}`).waitFor();
    expect(await page.getByTestId('ticket-list').getAttribute('data-tab')).toBe('pending');

    // A search spans every status, and survives opening a result too.
    await page.getByTestId('tickets-search').fill(stamp);
    await page.getByTestId('tickets-search-scope').waitFor();
    await page.getByTestId(`ticket-row-${closed}`).waitFor();
    expect(await page.getByTestId(`ticket-status-${closed}`).textContent()).toBe('Fechado');
    await page.getByTestId(`ticket-row-${closed}`).getByRole('button').first().click();
    await page.waitForURL(new RegExp(`/tickets/${closed}\\?.*q=${stamp}`));
    expect(await page.getByTestId('tickets-search').inputValue()).toBe(stamp);
    await page.getByTestId(`ticket-row-${waiting}`).waitFor();

    await page.goBack();
    await page.waitForURL(new RegExp(`/tickets/${waiting}\\?`));
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/tickets' && url.searchParams.get('tab') === 'pending');
    await page.getByTestId(`ticket-row-${waiting}`).waitFor();
  });

  it('"Todos" lists every status, closed ones included', async () => {
    const page = await consolePage(1440, 900);
    await page.goto(`${baseUrl}/tickets?tab=all`);
    await page.getByTestId(`ticket-row-${closed}`).waitFor();
    await page.getByTestId(`ticket-row-${waiting}`).waitFor();
    expect(await page.getByTestId(`ticket-row-${closed}`).getAttribute('data-status')).toBe('closed');
    await tabsFit(page);
    await screenshot(page, '40-all-statuses-1440');

    // An empty search result says what to do next, and does it in one click.
    await page.getByTestId('tickets-search').fill(`nada-${stamp}`);
    await page.getByTestId('tickets-empty').waitFor();
    await page.getByTestId('tickets-clear-filters').click();
    await page.getByTestId(`ticket-row-${waiting}`).waitFor();
    expect(await page.getByTestId('tickets-search').inputValue()).toBe('');
    expect(new URL(page.url()).searchParams.get('tab')).toBe('all');
  });
});

describe('small screens', () => {
  it('at 1366×768 the header shows the whole name and status and no clipped button; every tab is visible', async () => {
    const page = await consolePage(1366, 768);
    await page.goto(`${baseUrl}/tickets/${waiting}?tab=pending`);
    await page.getByTestId('conversation').and(page.locator('[data-state="ready"]')).waitFor();
    await screenshot(page, '41-console-1366');
    const name = page.getByTestId('conversation-contact-name');
    expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await inside(page, 'ticket-status', 'conversation-header')).toBe(true);
    expect(await inside(page, 'ticket-accept', 'conversation-header')).toBe(true);
    expect(await inside(page, 'contact-panel-toggle', 'conversation-header')).toBe(true);
    await tabsFit(page);
    await screenshot(page, '41-console-1366');
  });

  it('on a 390×844 phone: list → conversation → contact drawer → back to the list', async () => {
    const page = await consolePage(390, 844);
    await page.goto(`${baseUrl}/tickets?tab=pending`);
    await tabsFit(page);
    await page.getByTestId(`ticket-row-${waiting}`).getByRole('button').first().click();
    await page.getByTestId('conversation').and(page.locator('[data-state="ready"]')).waitFor();
    expect(await page.getByTestId('ticket-list').count()).toBe(0);
    expect(await inside(page, 'ticket-more', 'conversation-header')).toBe(true);
    await page.getByText('Olá, vocês entregam no sábado?').waitFor();
    await screenshot(page, '42-phone-conversation');

    await page.getByTestId('contact-panel-toggle').click();
    await page.getByTestId('contact-panel').waitFor();
    await page.getByTestId('contact-panel').getByText(LONG_NAME).waitFor();
    // Let the drawer finish sliding in before the picture.
    await page.waitForTimeout(400);
    await screenshot(page, '43-phone-contact');
    await page.keyboard.press('Escape');
    await page.getByTestId('contact-panel').waitFor({ state: 'detached' });

    await page.getByTestId('conversation-back').click();
    await page.waitForURL((url) => url.pathname === '/tickets' && url.searchParams.get('tab') === 'pending');
    await page.getByTestId(`ticket-row-${waiting}`).waitFor();
  });
});

describe('what a new user reads', () => {
  it('a missing ticket is explained in Portuguese, not with the server English', async () => {
    const page = await consolePage(1366, 768);
    await page.goto(`${baseUrl}/tickets/987654`);
    const error = page.getByTestId('conversation').and(page.locator('[data-state="error"]'));
    await error.waitFor();
    const text = (await error.textContent()) ?? '';
    expect(text).toContain('Atendimento não encontrado');
    expect(text).not.toContain('not found');
  });

  it('only built sections are offered, and the login page promises nothing else', async () => {
    const page = await consolePage(1366, 768);
    const nav = await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
    expect(nav.sort()).toEqual([
      'nav-announcements',
      'nav-billing',
      'nav-chat',
      'nav-connections',
      'nav-contacts',
      'nav-flows',
      'nav-integrations',
      'nav-kanban',
      'nav-queues',
      'nav-quick-responses',
      'nav-reports',
      'nav-scheduled',
      'nav-settings',
      'nav-tags',
      'nav-tickets',
      'nav-usage',
      'nav-users',
    ]);
    await page.goto(`${baseUrl}/no-such-section`);
    await page.getByTestId('not-found').waitFor();
    expect(await page.locator('body').textContent()).not.toMatch(/em breve/i);

    const anonymous = await browser.newPage();
    await anonymous.goto(`${baseUrl}/login`);
    await anonymous.getByTestId('login-submit').waitFor();
    expect(await anonymous.locator('body').textContent()).not.toMatch(/em breve|fluxos|relatórios/i);
    await anonymous.close();
  });

  it('the app downloads precompressed, with hashed files cached for a year', async () => {
    const html = await fetch(`${baseUrl}/login`, { headers: { accept: 'text/html' } });
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await html.text())?.[1];
    expect(script).toBeTruthy();
    // fetch would decode silently; a raw request shows what travels.
    const { request } = await import('node:http');
    const headers = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
      request(`${baseUrl}${script}`, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
        res.resume();
        resolve(res.headers);
      })
        .on('error', reject)
        .end();
    });
    expect(headers['content-encoding']).toBe('br');
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
