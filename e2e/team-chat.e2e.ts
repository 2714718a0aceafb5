import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, callApi, demoAdmin, launchBrowser, login, screenshot } from './browser.js';

/** Internal chat: two agents in two browsers; one attaches an image and mentions the other, who sees the badge and the mention. */
const stamp = Date.now().toString(36);
const ANA = { name: `Ana Chat ${stamp}`, email: `ana-chat-${stamp}@example.com`, password: 'a long enough password' };
const BETO = { name: `Beto Chat ${stamp}`, email: `beto-chat-${stamp}@example.com`, password: 'a long enough password' };

let browser: Browser;
const contexts: BrowserContext[] = [];

/** A solid-colour PNG, so the preview has something to show. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3]!)]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  const session = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  const adminToken = ((await session.json()) as { accessToken: string }).accessToken;
  for (const user of [ANA, BETO]) await callApi(adminToken, 'POST', '/api/users', { ...user, role: 'agent' });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

const badge = (page: Page) => page.getByTestId('chat-badge').getAttribute('data-count');

describe('internal chat in the browser', () => {
  it('two agents chat: an image and a mention reach the other live, with the unread badge', async () => {
    const anaContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pt-BR' });
    const betoContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'pt-BR',
      hasTouch: true,
      isMobile: true,
    });
    contexts.push(anaContext, betoContext);
    const ana = await anaContext.newPage();
    const beto = await betoContext.newPage();
    await login(beto, BETO.email, BETO.password);
    await beto.getByTestId('chat-launcher').waitFor();
    expect(await badge(beto)).toBe('0');

    await login(ana, ANA.email, ANA.password);
    await ana.getByTestId('chat-launcher').click();
    const panel = ana.getByTestId('chat-panel');
    await panel.getByTestId('chat-empty').waitFor();
    expect(await panel.getByTestId('chat-empty').textContent()).toContain('“Conversa”');
    await screenshot(ana, 'team-chat-panel-empty-1366');

    await panel.getByTestId('chat-new-direct').click();
    await ana.getByTestId('chat-dialog-person').click();
    await ana.getByRole('option', { name: BETO.name, exact: true }).click();
    await ana.getByTestId('chat-dialog-submit').click();
    await panel.getByTestId('chat-conversation').waitFor();
    expect(await panel.getByTestId('chat-conversation-name').textContent()).toBe(BETO.name);
    // Beto is signed in on his phone: online.
    await expect.poll(() => panel.getByTestId(/^presence-/).getAttribute('data-status')).toBe('online');

    await panel
      .locator('input[type="file"]')
      .setInputFiles({ name: 'print.png', mimeType: 'image/png', buffer: png(160, 100, [30, 120, 220]) });
    await panel.getByTestId('chat-file-preview').waitFor();
    const input = panel.getByTestId('chat-input');
    await input.pressSequentially('@beto');
    await ana.getByTestId('mention-list').waitFor();
    await ana.keyboard.press('Enter');
    expect(await input.inputValue()).toBe(`@${BETO.name} `);
    await input.pressSequentially('olha o print do erro');
    await ana.keyboard.press('Enter');
    const sent = panel.getByTestId('chat-message').filter({ hasText: 'olha o print do erro' });
    await sent.waitFor();
    await sent.getByTestId('chat-attachment-image').locator('img').waitFor();
    await expect.poll(() => sent.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(160);
    await screenshot(ana, 'team-chat-panel-1366');

    // Beto, on another page, sees the badge and the mention without reloading.
    await expect.poll(() => badge(beto), { timeout: 10_000 }).toBe('1');
    await beto.getByTestId('mention-toast').first().waitFor();
    expect(await beto.getByTestId('mention-toast').first().textContent()).toContain(ANA.name);
    await expect.poll(() => beto.getByTestId('notification-badge').getAttribute('data-count')).toBe('1');
    await beto.getByTestId('chat-launcher').click();
    const sheet = beto.getByTestId('chat-panel');
    const box = await sheet.boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
    const item = sheet.locator('[data-testid^="chat-item-"]').filter({ hasText: ANA.name });
    expect(await item.getAttribute('data-unread')).toBe('1');
    await screenshot(beto, 'team-chat-sheet-list-390');
    await item.click();
    const received = sheet.getByTestId('chat-message').filter({ hasText: 'olha o print do erro' });
    await received.waitFor();
    expect(await received.getByTestId('chat-mention').textContent()).toBe(`@${BETO.name}`);
    expect(await received.locator('[data-mentions-me="true"]').count()).toBe(1);
    await received.getByTestId('chat-attachment-image').locator('img').waitFor();
    await expect.poll(() => badge(beto)).toBe('0');
    await screenshot(beto, 'team-chat-sheet-390');

    // Ana sees that he read it; Beto answers and she sees him typing first.
    await expect.poll(() => panel.getByTestId('chat-seen-by').textContent(), { timeout: 10_000 }).toBe('Visto');
    await sheet.getByTestId('chat-input').pressSequentially('vou ver agora');
    await panel.getByTestId('chat-typing').waitFor({ timeout: 10_000 });
    await beto.keyboard.press('Enter');
    await panel.getByTestId('chat-message').filter({ hasText: 'vou ver agora' }).waitFor();

    // Collapsed and open state survive a reload; the full page shows the same conversation.
    await ana.reload();
    await ana.getByTestId('chat-panel').getByTestId('chat-conversation').waitFor();
    await ana.getByTestId('chat-panel').getByTestId('chat-collapse').click();
    await ana.reload();
    await ana.getByTestId('chat-launcher').waitFor();
    expect(await ana.getByTestId('chat-panel').count()).toBe(0);
    await ana.getByTestId('nav-chat').click();
    await ana.getByTestId('chat-page').getByTestId('chat-conversation').waitFor();
    await ana.getByTestId('chat-page').getByTestId('chat-message').filter({ hasText: 'vou ver agora' }).waitFor();
    await screenshot(ana, 'team-chat-page-1366');

    await sheet.getByTestId('chat-collapse').click();
    await beto.goto(`${baseUrl}/chat`);
    await beto.getByTestId('chat-page').getByTestId('chat-conversation').waitFor();
    await beto.getByTestId('chat-page').getByTestId('chat-message').filter({ hasText: 'vou ver agora' }).waitFor();
    const overflow = await beto.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(beto, 'team-chat-page-390');

    // History search finds the message.
    await beto.getByTestId('chat-back').click();
    await beto.getByTestId('chat-search').fill('print do');
    await beto.getByTestId('chat-search-result').first().waitFor();
    expect(await beto.getByTestId('chat-search-result').first().textContent()).toContain('olha o print do erro');
  }, 120_000);
});
