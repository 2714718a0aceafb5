import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, callApi, demoAdmin, launchBrowser, screenshot } from './browser.js';

/** The analytics loader the server points at (SITE_ANALYTICS_SRC in scripts/e2e.mjs): every request is counted. */
let analyticsRequests: string[] = [];
let analytics: http.Server;
let browser: Browser;

beforeAll(async () => {
  analytics = http.createServer((req, res) => {
    analyticsRequests.push(req.url ?? '');
    res.setHeader('content-type', 'text/javascript');
    res.end('window.__fakeAnalytics = true;');
  });
  await new Promise<void>((resolve) => analytics.listen(Number(process.env.FAKE_ANALYTICS_PORT), '127.0.0.1', resolve));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => analytics?.close(resolve));
});

async function visitor(viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'pt-BR' });
  return context.newPage();
}

/** What the home page costs: bytes over the wire (document + resources) and the first contentful paint. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    const bytes = nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0);
    const decoded = nav.decodedBodySize + resources.reduce((sum, r) => sum + r.decodedBodySize, 0);
    return { fcpMs: fcp === null ? null : Math.round(fcp), transferredBytes: bytes, decodedBytes: decoded, requests: resources.length + 1 };
  });
}

describe('the public site', () => {
  it('is light and paints fast (figures printed and written to e2e/artifacts/site-metrics.json)', async () => {
    const page = await visitor();
    await page.goto(`${baseUrl}/`);
    await page.waitForLoadState('networkidle');
    const onLoad = await measure(page);
    // Then every screenshot scrolled into view: the whole page's weight, from this fresh (uncached) visit.
    for (const img of await page.locator('img[loading="lazy"]').all()) await img.scrollIntoViewIfNeeded();
    await page.waitForLoadState('networkidle');
    const wholePage = await measure(page);
    const metrics = { onLoad, wholePage };
    console.log(`site home page metrics: ${JSON.stringify(metrics)}`);
    writeFileSync(path.resolve(import.meta.dirname, 'artifacts/site-metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
    expect(onLoad.fcpMs).not.toBeNull();
    expect(analyticsRequests).toEqual([]);
    await page.context().close();
  });

  it('a visitor reads the home page in pt-BR and English; analytics load only after consent', async () => {
    analyticsRequests = [];
    const page = await visitor();
    await page.goto(`${baseUrl}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('pt-BR');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/WhatsApp/);
    const banner = page.getByTestId('consent-banner');
    await banner.waitFor();
    await screenshot(page, 'site-home-pt-1366-banner');

    // Customize: everything optional starts off; saving without analytics loads nothing.
    await page.getByTestId('consent-customize').click();
    expect(await page.getByTestId('consent-analytics').isChecked()).toBe(false);
    await page.getByTestId('consent-save').click();
    await banner.waitFor({ state: 'hidden' });
    await page.reload();
    await page.waitForLoadState('networkidle');
    expect(await banner.isVisible()).toBe(false);
    expect(analyticsRequests).toEqual([]);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'jimmy_consent');
    expect(decodeURIComponent(cookie?.value ?? '')).toMatch(/"v":1,"c":\{"preferences":false,"analytics":false,"marketing":false\},"d":"/);

    // English is one click away.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId('site-lang').click();
    await page.waitForURL(`${baseUrl}/en`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/whole team/);
    for (const img of await page.locator('img[loading="lazy"]').all()) await img.scrollIntoViewIfNeeded();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'site-home-en-1366');

    // Later the visitor changes their mind from the footer link: the loader arrives.
    await page.getByTestId('consent-reopen').click();
    await banner.waitFor();
    await page.getByTestId('consent-analytics').check();
    await page.getByTestId('consent-save').click();
    await expect.poll(() => analyticsRequests.length).toBeGreaterThan(0);
    expect(analyticsRequests[0]).toBe('/js/script.js');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __fakeAnalytics?: boolean }).__fakeAnalytics)).toBe(true);
    await page.context().close();
  });

  it('looks right on a phone in both languages', async () => {
    const page = await visitor({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('consent-banner').waitFor();
    await screenshot(page, 'site-home-pt-390-banner');
    await page.screenshot({ path: path.resolve(import.meta.dirname, 'artifacts/site-home-pt-390-first-screen.png') });
    await page.getByTestId('consent-reject').click();
    // No horizontal scrolling on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.goto(`${baseUrl}/en`);
    await screenshot(page, 'site-home-en-390');
    await page.screenshot({ path: path.resolve(import.meta.dirname, 'artifacts/site-home-en-390-first-screen.png') });
    await page.locator('#precos').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.resolve(import.meta.dirname, 'artifacts/site-home-en-390-pricing.png') });
    await page.goto(`${baseUrl}/privacidade`);
    await screenshot(page, 'site-privacy-pt-390');
    await page.context().close();
  });

  it('a visitor leaves their WhatsApp number and sees the success text; the lead lands in the operator’s company', async () => {
    const page = await visitor();
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('consent-reject').click();
    const form = page.getByTestId('contact-form');
    await form.scrollIntoViewIfNeeded();
    const name = `Lead do site ${Date.now()}`;
    await form.getByLabel('Seu nome').fill(name);
    await form.getByLabel('WhatsApp').fill('12');
    await page.getByTestId('contact-submit').click();
    expect(await form.getByLabel('WhatsApp').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('WhatsApp').fill('(11) 97777-1234');
    await form.getByLabel(/Empresa/).fill('Loja Exemplo');
    await form.getByLabel(/Como podemos ajudar/).fill('Quero ver uma demonstração');
    await page.getByTestId('contact-submit').click();
    await expect
      .poll(() => page.getByTestId('contact-status').textContent())
      .toBe('Enviado com sucesso! Em breve um atendente irá falar com você via WhatsApp');
    await screenshot(page, 'site-contact-sent');

    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(demoAdmin),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const tickets = await callApi<{ items: { contact: { name: string }; tags: { name: string }[] }[] }>(
      token,
      'GET',
      '/api/tickets?scope=all',
    );
    const lead = tickets.items.find((t) => t.contact.name === name);
    expect(lead?.tags.map((t) => t.name)).toContain('site');
    await page.context().close();
  });
});
