import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, demoAdmin, launchBrowser, login, screenshot } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('application shell', () => {
  it('logs in in pt-BR, switches to English, creates an agent who sees only agent pages', async () => {
    const context = await browser.newContext({ locale: 'pt-BR', viewport: { width: 1366, height: 820 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-submit').waitFor();
    expect(await page.getByTestId('login-submit').textContent()).toMatch(/Entrar/);
    await screenshot(page, '01-login-pt');

    // a wrong password gets a clear message, not a crash
    await page.getByTestId('login-email').fill(demoAdmin.email);
    await page.getByTestId('login-password').fill('senha-errada');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();

    await login(page, demoAdmin.email, demoAdmin.password);
    expect(await page.getByTestId('nav-tickets').textContent()).toContain('Atendimentos');
    expect(await page.getByTestId('nav-users').isVisible()).toBe(true);
    await page.getByTestId('realtime-status').and(page.locator('[data-state="connected"]')).waitFor({ timeout: 15_000 });
    await screenshot(page, '02-shell-pt');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('lang-switch').click();
    await page.getByText('Users', { exact: true }).first().waitFor();
    expect(await page.getByTestId('nav-tickets').textContent()).toContain('Tickets');

    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-table').waitFor();
    await page.getByTestId('users-new').click();
    const email = `agent-${Date.now()}@demo.jimmy.chat`;
    await page.getByTestId('user-form-name').fill('Agente E2E');
    await page.getByTestId('user-form-email').fill(email);
    await page.getByTestId('user-form-password').fill('agent password 1');
    await page.getByTestId('user-form-role').selectOption('agent');
    await page.getByTestId('user-form-submit').click();
    await page.locator(`[data-email="${email}"]`).waitFor();
    await screenshot(page, '03-users-en');

    // the language is saved on the shared demo admin's profile: switch back so later files see pt-BR
    await page.getByTestId('user-menu').click();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH');
    await page.getByTestId('lang-switch').click();
    expect((await saved).status()).toBe(200);
    await page.getByText('Usuários', { exact: true }).first().waitFor();

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-email').waitFor();

    await login(page, email, 'agent password 1');
    expect(await page.getByTestId('nav-tickets').isVisible()).toBe(true);
    for (const adminOnly of ['nav-users', 'nav-connections', 'nav-settings']) {
      expect(await page.getByTestId(adminOnly).count(), adminOnly).toBe(0);
    }
    // typed in the address bar, an admin page still says no
    await page.goto(`${baseUrl}/users`);
    await page.getByTestId('no-permission').waitFor();
    await screenshot(page, '04-agent-no-permission');
    await context.close();
  });
});
