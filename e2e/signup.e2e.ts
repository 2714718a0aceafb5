import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, demoAdmin, launchBrowser, login, screenshot } from './browser.js';

/** The operator seeded at start (SAAS=on, README defaults). */
const OPERATOR = { email: 'platform@demo.jimmy.chat', password: 'jimmy-platform-2026' };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The newest link to `path` mailed to `to` (MAIL_LOG_FILE, set by scripts/e2e.mjs). */
async function mailedLink(to: string, path: string): Promise<string> {
  const file = process.env.E2E_MAIL_LOG ?? '';
  const deadline = Date.now() + 10_000;
  for (;;) {
    const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
    const mails = lines.map((l) => JSON.parse(l) as { to: string; text: string }).filter((m) => m.to === to);
    const link = mails.at(-1)?.text.match(new RegExp(`https?://\\S+${path}\\?token=\\S+`))?.[0];
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`no ${path} mail to ${to} in ${file}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('self-service sign-up', () => {
  it('goes from the login page to a signed-in trial console through the e-mailed link', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pt-BR' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-signup').click();
    await page.waitForURL(/\/signup$/);

    const email = `fundadora-${Date.now()}@e2e.example`;
    await page.getByTestId('signup-company').fill('Floricultura E2E');
    await page.getByTestId('signup-name').fill('Fernanda Flores');
    await page.getByTestId('signup-email').fill(email);
    await page.getByTestId('signup-whatsapp').fill('(11) 98765-4321');
    await page.getByTestId('signup-password').fill('abcdefgh');
    expect(Number(await page.getByTestId('password-strength').getAttribute('data-score'))).toBeLessThan(2);
    await page.getByTestId('signup-submit').click();
    // Weak password and unaccepted terms are refused before anything is sent.
    await page.getByText('Senha fraca demais', { exact: false }).waitFor();
    await page.getByTestId('signup-password').fill('flores e vasos 2026');
    expect(Number(await page.getByTestId('password-strength').getAttribute('data-score'))).toBeGreaterThanOrEqual(3);
    await page.getByTestId('signup-terms').check();
    await screenshot(page, 'signup-form');
    await page.getByTestId('signup-submit').click();
    await page.getByTestId('signup-sent').waitFor();
    expect(await page.getByTestId('signup-sent').textContent()).toContain(email);

    const link = await mailedLink(email, '/verify-email');
    await page.goto(link);
    await page.waitForURL(/\/tickets/);
    await page.getByTestId('user-menu').waitFor();
    const me = (await page.evaluate(async () => (await fetch('/api/me')).json())) as { company: { id: number; trialEndsAt: string } };
    expect(me).toMatchObject({ email, role: 'admin', company: { status: 'trial' } });
    // A new company starts with the first steps to do and the days of trial left in view.
    const checklist = page.getByTestId('onboarding-button');
    await checklist.waitFor();
    expect(await checklist.textContent()).toMatch(/0\s*\/\s*5/);
    const trialBanner = page.getByTestId('trial-banner');
    await trialBanner.waitFor();
    expect(await trialBanner.textContent()).toMatch(/termina em 7 dias/);
    await checklist.click();
    await page.getByTestId('onboarding-panel').waitFor();
    expect(await page.getByTestId('onboarding-step-create_queue').getAttribute('data-done')).toBe('false');
    await screenshot(page, 'signup-trial-console');
    await context.close();

    // The platform operator gives this company ten more days from the platform admin.
    const operatorContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pt-BR' });
    const operator = await operatorContext.newPage();
    await login(operator, OPERATOR.email, OPERATOR.password);
    await operator.goto(`${baseUrl}/platform`);
    await operator.getByTestId('platform-search').fill('Floricultura E2E');
    const id = me.company.id;
    await operator.getByTestId(`platform-actions-${id}`).click();
    await operator.getByTestId(`platform-extend-trial-${id}`).click();
    await operator.getByTestId('platform-trial-days').fill('10');
    await operator.getByTestId('platform-trial-submit').click();
    await operator.getByTestId('platform-trial-submit').waitFor({ state: 'detached' });
    const detail = (await operator.evaluate(async (companyId) => (await fetch(`/api/platform/companies/${companyId}`)).json(), id)) as {
      trialEndsAt: string;
    };
    const extendedBy = Date.parse(detail.trialEndsAt) - Date.parse(me.company.trialEndsAt);
    expect(extendedBy / 86_400_000).toBeCloseTo(10, 0);
    await operatorContext.close();
  });

  it('invites an agent from the users page, who chooses a password from the mail and lands signed in', async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pt-BR' });
    const admin = await adminContext.newPage();
    await login(admin, demoAdmin.email, demoAdmin.password);
    await admin.goto(`${baseUrl}/users`);
    await admin.getByTestId('users-invite').click();
    const email = `convidada-${Date.now()}@e2e.example`;
    await admin.getByTestId('invite-name').fill('Gabi Convidada');
    await admin.getByTestId('invite-email').fill(email);
    await admin.getByTestId('invite-submit').click();
    await admin.getByTestId('invite-form').waitFor({ state: 'detached' });
    await admin.locator(`[data-email="${email}"]`).getByTestId('user-invitation-pending').waitFor();
    await screenshot(admin, 'users-invitation-pending');

    const link = await mailedLink(email, '/accept-invitation');
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pt-BR' });
    const agent = await agentContext.newPage();
    await agent.goto(link);
    await agent.getByTestId('set-password').fill('gabi atende bem 7');
    await agent.getByTestId('set-password-confirm').fill('gabi atende bem 7');
    await agent.getByTestId('set-password-submit').click();
    await agent.waitForURL(/\/tickets/);
    await agent.getByTestId('user-menu').waitFor();
    const me = await agent.evaluate(async () => (await fetch('/api/me')).json());
    expect(me).toMatchObject({ email, role: 'agent', name: 'Gabi Convidada' });

    await admin.reload();
    await admin.locator(`[data-email="${email}"]`).waitFor();
    expect(await admin.locator(`[data-email="${email}"]`).getByTestId('user-invitation-pending').count()).toBe(0);
    await adminContext.close();
    await agentContext.close();
  });
});
