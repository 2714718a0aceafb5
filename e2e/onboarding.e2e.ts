import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { OnboardingState, OnboardingStepKey } from '@jimmy/contracts';
import { baseUrl, callApi, demoAdmin, horizontalOverflow, launchBrowser, login, screenshot } from './browser.js';

/**
 * The first-steps checklist of the demo company (SAAS is on by default). Other scenarios may have
 * done some steps before this one runs, so it reads the state first and ticks one that is left.
 */
const stamp = Date.now();
let browser: Browser;
const contexts: BrowserContext[] = [];
let token: string;

beforeAll(async () => {
  const session = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  token = ((await session.json()) as { accessToken: string }).accessToken;
  await callApi(token, 'POST', '/api/onboarding/restore');
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function adminPage(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'pt-BR' });
  contexts.push(context);
  const page = await context.newPage();
  await login(page, demoAdmin.email, demoAdmin.password);
  await page.locator('[data-testid="realtime-status"][data-state="connected"]').waitFor();
  return page;
}

const stateNow = () => callApi<OnboardingState>(token, 'GET', '/api/onboarding');
const doneCount = (state: OnboardingState) => state.steps.filter((s) => s.done).length;

/** Does one step that is left through the API, as another admin (or tab) would; null when none of these is left. */
async function tickOne(state: OnboardingState): Promise<OnboardingStepKey | null> {
  const left = new Set(state.steps.filter((s) => !s.done).map((s) => s.key));
  if (left.has('create_queue')) {
    await callApi(token, 'POST', '/api/queues', { name: `Primeiros passos ${stamp}` });
    return 'create_queue';
  }
  if (left.has('invite_agent')) {
    await callApi(token, 'POST', '/api/users', {
      name: `Ana Primeiros Passos ${stamp}`,
      email: `ana-onboarding-${stamp}@example.com`,
      password: 'a long enough password',
      role: 'agent',
    });
    return 'invite_agent';
  }
  if (left.has('build_flow')) {
    const graph = {
      format: 1,
      nodes: [
        { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { trigger: { kind: 'newConversation', connectionIds: [] } } },
        { id: 'hello', type: 'message', position: { x: 220, y: 0 }, data: { text: 'Olá!' } },
      ],
      edges: [{ id: 'e1', source: 'start', sourceHandle: 'next', target: 'hello' }],
      variables: [],
    };
    const flow = await callApi<{ id: number }>(token, 'POST', '/api/flows', { name: `Fluxo primeiros passos ${stamp}`, graph });
    await callApi(token, 'POST', `/api/flows/${flow.id}/publish`);
    return 'build_flow';
  }
  return null;
}

describe('first-steps checklist in the browser', () => {
  it('at 1366×768: the header ring opens the five steps, a step done elsewhere ticks live, hide and reopen from the user menu', async () => {
    const page = await adminPage(1366, 768);
    const before = await stateNow();
    const button = page.getByTestId('onboarding-button');
    if (doneCount(before) === before.steps.length) {
      // Everything was done by earlier scenarios: nothing to show.
      expect(await button.count()).toBe(0);
      return;
    }
    await button.waitFor();
    expect(await button.getAttribute('data-done')).toBe(String(doneCount(before)));
    expect(await button.textContent()).toContain(`Primeiros passos ${doneCount(before)}/5`);

    await button.click();
    const panel = page.getByTestId('onboarding-panel');
    await panel.waitFor();
    for (const step of before.steps) {
      expect(await panel.getByTestId(`onboarding-step-${step.key}`).getAttribute('data-done')).toBe(String(step.done));
    }
    await screenshot(page, 'onboarding-desktop');

    const ticked = await tickOne(before);
    if (ticked) {
      await panel.locator(`[data-testid="onboarding-step-${ticked}"][data-done="true"]`).waitFor();
      await page
        .locator(`[data-testid="onboarding-progress"]`)
        .filter({ hasText: `${doneCount(before) + 1} de 5` })
        .waitFor();
      await screenshot(page, 'onboarding-desktop-ticked');
    }

    const after = await stateNow();
    if (doneCount(after) === after.steps.length) return;
    await page.getByTestId('onboarding-dismiss').click();
    await button.waitFor({ state: 'detached' });
    expect((await stateNow()).dismissed).toBe(true);

    await page.getByTestId('user-menu').click();
    await page.getByTestId('onboarding-restore').click();
    await button.waitFor();
    expect((await stateNow()).dismissed).toBe(false);
  });

  it('at 390×844: only the ring with its count, the panel fits the screen and nothing scrolls sideways', async () => {
    const page = await adminPage(390, 844);
    const state = await stateNow();
    if (doneCount(state) === state.steps.length) return;
    const button = page.getByTestId('onboarding-button');
    await button.waitFor();
    expect((await button.textContent())?.trim()).toBe(`${doneCount(state)}/5`);
    expect((await horizontalOverflow(page)).pixels).toBe(0);
    await button.click();
    const panel = page.getByTestId('onboarding-panel');
    await panel.waitFor();
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await screenshot(page, 'onboarding-phone');

    // A step's button leads to its page and closes the panel.
    const open = state.steps.find((s) => !s.done && s.key !== 'try_widget');
    if (open) {
      await panel.getByTestId(`onboarding-step-${open.key}`).getByRole('button').click();
      await page.waitForURL(/\/(connections|queues|users|flows)$/);
      await panel.waitFor({ state: 'detached' });
    }
  });
});
