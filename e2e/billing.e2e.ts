import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, demoAdmin, launchBrowser, login, screenshot } from './browser.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('billing in the browser (manual gateway)', () => {
  it('a company admin sees the plans in BRL, opens an invoice and finds it in the table', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'pt-BR' });
    const page = await context.newPage();
    await login(page, demoAdmin.email, demoAdmin.password);
    await page.getByTestId('nav-billing').click();
    await page.waitForURL(`${baseUrl}/billing`);
    await page.getByTestId('billing-current').waitFor();
    // The seeded plans, priced in reais the Brazilian way.
    await page.getByText('R$ 299,00/mês').first().waitFor();
    // Nothing paid yet: the table says what to do.
    await page.getByTestId('billing-invoices-empty').waitFor();
    expect(await page.getByTestId('nav-platform-invoices').count()).toBe(0);
    await screenshot(page, 'billing-page-empty');

    const equipe = page.locator('[data-testid^="billing-plan-"]').filter({ hasText: 'Equipe' });
    await equipe.getByRole('button').click();
    await page.getByTestId('billing-pay-manual').click();
    const row = page.locator('[data-testid="billing-invoices"] tbody tr').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('Equipe');
    expect(await row.textContent()).toMatch(/R\$\s299,00/);
    await row.getByTestId('invoice-status-open').waitFor();
    await screenshot(page, 'billing-page-invoice');
    await context.close();
  });
});
