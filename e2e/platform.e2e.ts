import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser, login, screenshot } from './browser.js';

/** The operator seeded at start (SAAS=on, README defaults). */
const OPERATOR = { email: 'platform@demo.jimmy.chat', password: 'jimmy-platform-2026' };

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => browser?.close());

describe('platform admin in the browser', () => {
  it('the operator sees the companies, signs in as the Demo admin with a banner, and ends it', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pt-BR' });
    const page = await context.newPage();
    await login(page, OPERATOR.email, OPERATOR.password);
    await page.getByTestId('nav-platform').click();
    await page.waitForURL(`${baseUrl}/platform`);
    await page.getByTestId('platform-figures').waitFor();
    const demoRow = page.locator('[data-testid^="platform-company-"]').filter({ hasText: 'Demo' }).first();
    await demoRow.waitFor();
    await screenshot(page, 'platform-companies-desktop');
    const id = (await demoRow.getAttribute('data-testid'))!.replace('platform-company-', '');

    await page.getByTestId(`platform-actions-${id}`).click();
    await page.getByTestId(`platform-impersonate-${id}`).click();
    await page.getByTestId('platform-impersonate-confirm').click();
    await page.waitForURL(`${baseUrl}/tickets`);
    const banner = page.getByTestId('impersonation-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Operador da plataforma');
    expect(await page.getByTestId('company-name').textContent()).toContain('Demo');
    expect(await page.getByTestId('nav-platform').count()).toBe(0);

    await page.getByTestId('impersonation-end').click();
    await page.waitForURL(`${baseUrl}/platform`);
    await page.getByTestId('platform-figures').waitFor();
    expect(await page.getByTestId('impersonation-banner').count()).toBe(0);
    await context.close();
  });
});
