import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { baseUrl, callApi, demoAdmin, launchBrowser, login, screenshot } from './browser.js';

const stamp = Date.now();
const AGENT = { name: `Carla Comunicados ${stamp}`, email: `carla-comunicados-${stamp}@example.com`, password: 'a long enough password' };
const TITLE = `Plantão de sábado ${stamp}`;
// Markup in the sender's text must arrive as text, never as HTML.
const BODY = 'Sábado abrimos das 9h às 13h.\nConfirme que leu: <b>obrigado</b>';

let browser: Browser;
const contexts: BrowserContext[] = [];
let agentId: number;
let adminToken: string;

beforeAll(async () => {
  const session = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  adminToken = ((await session.json()) as { accessToken: string }).accessToken;
  agentId = (await callApi<{ id: number }>(adminToken, 'POST', '/api/users', { ...AGENT, role: 'agent' })).id;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('announcements in the browser', () => {
  it("an admin's announcement shows as a banner to an agent, whose acknowledgement appears in the admin's list live", async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pt-BR' });
    const agentContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'pt-BR' });
    contexts.push(adminContext, agentContext);
    const adminPage = await adminContext.newPage();
    const agentPage = await agentContext.newPage();
    await login(agentPage, AGENT.email, AGENT.password);
    await agentPage.locator('[data-testid="realtime-status"][data-state="connected"]').waitFor();
    expect(await agentPage.getByTestId('announcement-banner').count()).toBe(0);

    await login(adminPage, demoAdmin.email, demoAdmin.password);
    await adminPage.getByTestId('nav-announcements').click();
    await adminPage.waitForURL(`${baseUrl}/announcements`);
    await adminPage.getByTestId('announcement-compose').waitFor();
    await adminPage.locator('[data-testid="announcements-empty"], [data-testid="announcements-list"]').first().waitFor();
    await screenshot(adminPage, 'announcements-page-desktop');

    // Empty fields are refused before anything is sent.
    await adminPage.getByTestId('announcement-send').click();
    await adminPage.getByText('Preencha este campo.').first().waitFor();

    await adminPage.getByTestId('announcement-title').fill(TITLE);
    await adminPage.getByTestId('announcement-body').fill(BODY);
    await adminPage.getByTestId('announcement-audience').getByText('Todos', { exact: true }).click();
    await adminPage.getByTestId('announcement-send').click();
    const card = adminPage.locator('[data-testid^="announcement-"]').filter({ hasText: TITLE }).first();
    await card.waitFor();
    const id = Number((await card.getAttribute('data-testid'))!.replace('announcement-', ''));
    expect(id).toBeGreaterThan(0);
    const progress = adminPage.getByTestId(`announcement-${id}-progress`);
    expect(await progress.textContent()).toMatch(/^0 de \d+ cientes$/);

    // The agent's banner arrives over the socket, without a reload, with the markup shown as text.
    const banner = agentPage.getByTestId('announcement-banner');
    await banner.waitFor({ timeout: 10_000 });
    expect(await agentPage.getByTestId('announcement-banner-title').textContent()).toBe(TITLE);
    expect(await agentPage.getByTestId('announcement-banner-body').textContent()).toBe(BODY);
    expect(await banner.locator('b').count()).toBe(0);
    await screenshot(agentPage, 'announcements-banner-phone');
    await agentPage.setViewportSize({ width: 1366, height: 768 });
    await screenshot(agentPage, 'announcements-banner-desktop');

    // Opened counts as seen before the acknowledgement.
    const seenAt = async () =>
      (
        await callApi<{ items: { userId: number; seenAt: string | null }[] }>(adminToken, 'GET', `/api/announcements/${id}/acks`)
      ).items.find((a) => a.userId === agentId)?.seenAt;
    await expect.poll(seenAt, { timeout: 10_000 }).toBeTruthy();
    await adminPage.getByTestId(`announcement-${id}-details`).click();
    const row = adminPage.getByTestId(`ack-row-${agentId}`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Viu em/);
    expect(await row.getAttribute('data-acked')).toBe('no');

    await agentPage.getByTestId('announcement-ack').click();
    await banner.waitFor({ state: 'detached' });

    // The sender's list follows live: the row in the open drawer and the card's counter.
    await expect.poll(() => row.getAttribute('data-acked'), { timeout: 10_000 }).toBe('yes');
    expect(await row.textContent()).toMatch(/Ciente em/);
    await screenshot(adminPage, 'announcements-acks-desktop');
    await adminPage.keyboard.press('Escape');
    await expect.poll(() => progress.textContent(), { timeout: 10_000 }).toMatch(/^1 de \d+ cientes$/);

    // Reloading the agent's page does not bring it back.
    await agentPage.reload();
    await agentPage.getByTestId('user-menu').waitFor();
    await agentPage.waitForTimeout(500);
    expect(await agentPage.getByTestId('announcement-banner').count()).toBe(0);

    await adminPage.setViewportSize({ width: 390, height: 844 });
    await screenshot(adminPage, 'announcements-page-phone');

    // Archived, so no later scenario's user meets this banner.
    await adminPage.getByTestId(`announcement-${id}-details`).click();
    await adminPage.getByTestId('announcement-archive').click();
    await expect.poll(() => adminPage.getByTestId(`announcement-${id}`).count(), { timeout: 10_000 }).toBe(0);
  }, 90_000);
});
