import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Connection, ConnectionQrEvent, ServerToClientEvents } from '@jimmy/contracts';
import { baseUrl, demoAdmin, launchBrowser, login, screenshot, callApi } from './browser.js';

// scripts/e2e.mjs runs the server with WHATSAPP_WEB_SOCKET=fake and WHATSAPP_WEB_FAKE_QR_MS=2500:
// a stand-in for WhatsApp's servers that shows a new QR every 2.5 s and never pairs.
const QR_APPEARS_MS = 15_000;
const QR_ROTATES_MS = 10_000;
const LISTEN_MS = 6_000;

type RealtimeClient = Socket<ServerToClientEvents, ClientToServerEvents>;

let browser: Browser;
let adminToken: string;
let connectionId: number | null = null;
const sockets: RealtimeClient[] = [];

async function tokenOf(email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

const api = <T>(method: string, path: string, body?: unknown, token = adminToken): Promise<T> => callApi<T>(token, method, path, body);

/** A Socket.IO client as the browser opens it, resolved once the server has put it in its rooms (the ping ack waits for that). */
async function realtime(token: string): Promise<RealtimeClient> {
  const socket: RealtimeClient = io(baseUrl, { path: '/socket.io', auth: { token }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  await socket.timeout(5_000).emitWithAck('ping');
  return socket;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Everything the page's own socket receives, over WebSocket frames and long-polling answers alike. */
function recordSocketTraffic(page: Page): { websockets: () => number; payloads: string[] } {
  const payloads: string[] = [];
  let websockets = 0;
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/socket.io/')) return;
    websockets += 1;
    ws.on('framereceived', ({ payload }) => payloads.push(typeof payload === 'string' ? payload : payload.toString('utf8')));
  });
  page.on('response', (response) => {
    if (!response.url().includes('/socket.io/')) return;
    void response.text().then(
      (text) => payloads.push(text),
      () => undefined,
    );
  });
  return { websockets: () => websockets, payloads };
}

beforeAll(async () => {
  adminToken = await tokenOf(demoAdmin.email, demoAdmin.password);
  // The language is saved on the profile and another file switches the admin to English; this one reads pt-BR.
  await api('PATCH', '/api/me', { language: 'pt-BR' });
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  if (connectionId !== null) await api('DELETE', `/api/connections/${connectionId}`).catch(() => undefined);
  await browser?.close();
});

describe('WhatsApp by QR code', () => {
  it('an admin creates a QR connection, is warned about bans, and watches the QR render and rotate live', async () => {
    const context = await browser.newContext({ locale: 'pt-BR', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const traffic = recordSocketTraffic(page);
    await login(page, demoAdmin.email, demoAdmin.password);
    await page.goto(`${baseUrl}/connections`);
    await page.getByTestId('realtime-status').and(page.locator('[data-state="connected"]')).waitFor({ timeout: 15_000 });

    await page.getByTestId('connections-new').click();
    await page.getByTestId('connections-new-qr').click();
    const name = `WhatsApp QR ${Date.now()}`;
    await page.getByTestId('connection-form-name').waitFor();
    // Warned before anything is created: unofficial connections may be banned.
    const formWarning = page.getByRole('dialog').getByTestId('wa-warning');
    expect(await formWarning.textContent()).toMatch(/banir/i);
    await page.getByTestId('connection-form-name').fill(name);
    await page.getByTestId('connection-form-submit').click();

    // The details open on their own: first "Gerando QR code…", then the code itself.
    const details = page.getByTestId('connection-details');
    const qr = details.getByTestId('wa-qr');
    await qr.waitFor({ timeout: QR_APPEARS_MS });
    expect(await details.getByTestId('wa-warning').isVisible()).toBe(true);
    // Said once on screen (not also on the page behind the drawer), and the "created" toast leaves the drawer readable.
    expect(await page.getByTestId('wa-warning').count()).toBe(1);
    const toasts = page.locator('.mantine-Notification-root');
    // The toast may already be gone by the time the QR is drawn; when it is there, it is beside the drawer.
    const toast = (await toasts.count()) > 0 ? await toasts.first().boundingBox() : null;
    const drawer = await page.locator('.mantine-Drawer-content').boundingBox();
    expect(drawer).not.toBeNull();
    if (toast && drawer) expect(toast.x + toast.width).toBeLessThanOrEqual(drawer.x);
    expect(await details.getByTestId('wa-qr-steps').textContent()).toMatch(/Dispositivos conectados/);
    await details.getByTestId('wa-qr-countdown').waitFor();
    const first = await qr.getAttribute('data-qr');
    expect(first).toBeTruthy();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);

    // WhatsApp rotates the code; the screen follows through connection.qr, without a reload.
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });
    await expect.poll(() => qr.getAttribute('data-qr'), { timeout: QR_ROTATES_MS, interval: 200 }).not.toBe(first);
    expect(navigations).toBe(0);
    // The codes came over the admin's socket (which also proves the recorder the agent test relies on sees them).
    expect(traffic.payloads.some((p) => p.includes('connection.qr'))).toBe(true);
    await screenshot(page, '30-qr-connection-pt');

    const created = (await api<{ items: Connection[] }>('GET', '/api/connections')).items.find((c) => c.name === name);
    expect(created?.type).toBe('whatsapp_web');
    connectionId = created!.id;
    expect(await page.getByTestId(`connection-card-${connectionId}`).getAttribute('data-status')).toBe('qr');
    await context.close();
  });

  it('an agent of the same company never receives the QR: not from the API, not on the page, not over the socket', async () => {
    expect(connectionId).not.toBeNull();
    const id = connectionId!;
    const stamp = Date.now();
    const agent = { email: `agente.qr.${stamp}@demo.jimmy.chat`, password: 'agente-qr-2026' };
    await api('POST', '/api/users', { name: 'Agente QR', ...agent, role: 'agent' });
    const agentToken = await tokenOf(agent.email, agent.password);

    // The page: the connections screen is not the agent's, and no QR is drawn anywhere.
    const context = await browser.newContext({ locale: 'pt-BR', viewport: { width: 1366, height: 820 } });
    const page = await context.newPage();
    const traffic = recordSocketTraffic(page);
    await login(page, agent.email, agent.password);
    await page.goto(`${baseUrl}/connections`);
    await page.getByTestId('no-permission').waitFor();
    await page.getByTestId('realtime-status').and(page.locator('[data-state="connected"]')).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('wa-qr').count()).toBe(0);

    // The socket: an admin's and an agent's client, listening while a fresh attempt rotates its codes
    // (a reconnect restarts the count, whatever the QR limit did to the first attempt meanwhile).
    const adminSocket = await realtime(adminToken);
    const agentSocket = await realtime(agentToken);
    const adminQrs: ConnectionQrEvent[] = [];
    const agentQrs: ConnectionQrEvent[] = [];
    const updatesWithQr: Connection[] = [];
    adminSocket.on('connection.qr', (event) => adminQrs.push(event));
    agentSocket.on('connection.qr', (event) => agentQrs.push(event));
    for (const socket of [adminSocket, agentSocket]) {
      socket.on('connection.updated', ({ connection }) => {
        if (connection.qr || connection.pairingCode) updatesWithQr.push(connection);
      });
    }
    const listening = Date.now();
    await api('POST', `/api/connections/${id}/reconnect`);

    // The API, meanwhile: admins get the code, agents the same connection without it.
    await expect
      .poll(
        async () => {
          const asAdmin = await api<Connection>('GET', `/api/connections/${id}`);
          return asAdmin.status === 'qr' && Boolean(asAdmin.qr);
        },
        { timeout: QR_APPEARS_MS },
      )
      .toBe(true);
    const asAgent = await api<Connection>('GET', `/api/connections/${id}`, undefined, agentToken);
    expect(asAgent.qr ?? null).toBeNull();
    expect(asAgent.pairingCode ?? null).toBeNull();
    const listed = (await api<{ items: Connection[] }>('GET', '/api/connections', undefined, agentToken)).items.find((c) => c.id === id);
    expect(listed).toBeDefined();
    expect(listed!.qr ?? null).toBeNull();

    await sleep(Math.max(0, LISTEN_MS - (Date.now() - listening)));
    expect(adminQrs.filter((e) => e.connectionId === id && e.qr).length).toBeGreaterThanOrEqual(1);
    expect(agentQrs).toEqual([]);
    expect(updatesWithQr).toEqual([]);
    // The agent's own browser socket was live the whole time and carried no code either.
    expect(traffic.websockets() + traffic.payloads.length).toBeGreaterThan(0);
    expect(traffic.payloads.filter((p) => p.includes('connection.qr'))).toEqual([]);
    expect(await page.getByTestId('wa-qr').count()).toBe(0);
    await screenshot(page, '31-qr-agent-no-permission');
    await context.close();
  });

  it('the admin unlinks the session, gets a fresh QR with one click, then deletes the connection, each behind a confirm dialog', async () => {
    expect(connectionId).not.toBeNull();
    const id = connectionId!;
    const context = await browser.newContext({ locale: 'pt-BR', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await login(page, demoAdmin.email, demoAdmin.password);
    await page.goto(`${baseUrl}/connections`);
    const card = page.getByTestId(`connection-card-${id}`);
    await page.getByTestId(`connection-details-${id}`).click();
    const details = page.getByTestId('connection-details');
    await details.getByTestId('wa-warning').waitFor();

    // Log out (whether the code is still showing or the QR limit already stopped the attempt).
    await details.getByTestId('wa-logout').click();
    await page.getByTestId('wa-logout-confirm').click();
    await details.getByTestId('wa-disconnected').waitFor({ timeout: 10_000 });
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 10_000 }).toBe('logged_out');
    expect(await details.getByTestId('wa-qr').count()).toBe(0);
    await screenshot(page, '32-qr-logged-out');

    // One click starts a new session and a new code arrives, live.
    await details.getByTestId('wa-reconnect').click();
    await details.getByTestId('wa-qr').waitFor({ timeout: QR_APPEARS_MS });
    expect(await details.getByTestId('wa-qr').getAttribute('data-qr')).toBeTruthy();

    await details.getByTestId('wa-delete').click();
    await page.getByTestId('connection-delete-confirm').click();
    await card.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.getByTestId('wa-qr').count()).toBe(0);
    const remaining = (await api<{ items: Connection[] }>('GET', '/api/connections')).items;
    expect(remaining.some((c) => c.id === id)).toBe(false);
    connectionId = null;
    await context.close();
  });
});
