import { describe, expect, it } from 'vitest';
import { ChannelError } from '../ChannelError.js';
import { MemoryAuthStore } from './authState.js';
import { FakeWhatsAppWeb } from './fakeWhatsAppWeb.js';
import { WebSession, type PairingInfo, type SessionChange } from './WebSession.js';

const quiet = { info() {}, warn() {}, error() {} };

function harness(options: { qrLimit?: number; sendSpacingMs?: number } = {}) {
  const fake = new FakeWhatsAppWeb();
  const auth = new MemoryAuthStore();
  const changes: SessionChange[] = [];
  const pairing: PairingInfo[] = [];
  const session = new WebSession({
    id: '1',
    socketFactory: fake.factory,
    auth,
    getMessage: async () => undefined,
    log: quiet,
    reconnect: { baseMs: 20, maxMs: 100 },
    ...options,
    handlers: {
      onChange: async (change) => void changes.push(change),
      onPairing: async (info) => void pairing.push(info),
      onMessages: async () => undefined,
      onReceipts: async () => undefined,
    },
  });
  const states = () => changes.map((c) => c.state);
  return { fake, auth, session, changes, pairing, states };
}

const until = async (check: () => boolean, timeout = 2000) => {
  await expect.poll(check, { timeout, interval: 5 }).toBe(true);
};

describe('WebSession lifecycle', () => {
  it('qr → scan → 515 restart → open, saving creds on the way', async () => {
    const { fake, auth, session, states, pairing, changes } = harness();
    await session.start();
    await until(() => session.state() === 'qr');
    expect(pairing.at(-1)?.qr).toMatch(/^2@/);
    expect(pairing.at(-1)?.qrExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 50_000); // the first QR lives 60 s
    fake.current!.scan('5511900002222', 'Padaria');
    await until(() => session.state() === 'open');
    expect(fake.sockets).toHaveLength(2);
    expect(states()).toEqual(['connecting', 'qr', 'connecting', 'open']);
    expect(changes.at(-1)).toMatchObject({ me: { phone: '5511900002222', name: 'Padaria' }, keepRunning: true });
    expect(pairing.at(-1)).toEqual({ qr: null, qrExpiresAt: null, pairingCode: null });
    expect(auth.creds).toContain('"registered":true');
    await session.stop();
  });

  it('401 logged out: wipes the auth state and does not reconnect', async () => {
    const { fake, auth, session, changes } = harness();
    await session.start();
    await until(() => session.state() === 'qr');
    fake.current!.scan();
    await until(() => session.state() === 'open');
    await auth.writeKeys([{ type: 'session', id: 'x', json: '"y"' }]);
    fake.current!.close(401, 'logged out');
    await until(() => session.state() === 'logged_out');
    expect(auth.creds).toBeNull();
    expect(auth.keys.size).toBe(0);
    expect(changes.at(-1)).toMatchObject({ state: 'logged_out', keepRunning: false });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.sockets).toHaveLength(2);
  });

  it('transient closes reconnect with a growing backoff, capped', async () => {
    const { fake, session } = harness();
    await session.start();
    await until(() => session.state() === 'qr');
    fake.current!.scan();
    await until(() => session.state() === 'open');
    // WhatsApp unreachable: every attempt fails, the gaps between attempts grow.
    fake.networkDown = true;
    const count = fake.sockets.length;
    fake.current!.close(428, 'connection lost');
    await until(() => fake.sockets.length >= count + 5, 3000);
    const created = fake.sockets.slice(count).map((s) => s.createdAt);
    const gaps = created.slice(1).map((at, i) => at - created[i]!);
    // 40, 80, then capped at 100 ms (timers fire late, never early; 1 ms for clock rounding)
    expect(gaps[0]).toBeGreaterThanOrEqual(39);
    expect(gaps[1]).toBeGreaterThanOrEqual(79);
    expect(gaps[2]).toBeGreaterThanOrEqual(99);
    expect(gaps[3]).toBeGreaterThanOrEqual(99);
    expect(gaps[3]).toBeLessThan(400);
    expect(session.state()).toBe('connecting');
    // back online: the next attempt opens and the backoff starts over
    fake.networkDown = false;
    await until(() => session.state() === 'open', 3000);
    await session.stop();
  });

  it.each([
    [403, /forbidden/],
    [440, /replaced/],
  ])('%i stops for good and says why', async (code, reason) => {
    const { fake, session, changes } = harness();
    await session.start();
    await until(() => session.state() === 'qr');
    fake.current!.scan();
    await until(() => session.state() === 'open');
    fake.current!.close(code);
    await until(() => session.state() === 'closed');
    expect(changes.at(-1)).toMatchObject({ state: 'closed', keepRunning: false });
    expect(changes.at(-1)!.lastError).toMatch(reason);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.sockets).toHaveLength(2);
  });

  it('gives up after the QR limit', async () => {
    const { fake, session, changes, pairing } = harness({ qrLimit: 2 });
    await session.start();
    await until(() => session.state() === 'qr');
    fake.current!.showQr();
    fake.current!.showQr();
    await until(() => session.state() === 'closed');
    expect(changes.at(-1)!.lastError).toMatch(/not scanned/);
    expect(pairing.filter((p) => p.qr).length).toBe(2);
    expect(fake.current!.ended).toBe(true);
  });

  it('asks for a pairing code once the first QR is there', async () => {
    const { fake, session, pairing } = harness();
    await session.start();
    const code = await session.requestPairingCode('5511900003333');
    expect(code).toMatch(/^[0-9A-F]{8}$/);
    expect(pairing.at(-1)).toMatchObject({ qr: expect.stringMatching(/^2@/), pairingCode: code });
    // later QR rotations keep showing the code, and the QR limit counts from the request
    fake.current!.showQr();
    await until(() => pairing.at(-1)!.qr !== pairing.at(-2)!.qr);
    expect(pairing.at(-1)!.pairingCode).toBe(code);
    await session.stop();
  });

  it('sends in order with the configured spacing, and refuses while not open', async () => {
    const { fake, session } = harness({ sendSpacingMs: 80 });
    await session.start();
    await until(() => session.state() === 'qr');
    await expect(session.send('5511@s.whatsapp.net', { text: 'cedo demais' }, {})).rejects.toMatchObject({
      code: 'NOT_CONNECTED',
      retryable: true,
    });
    await expect(session.send('5511@s.whatsapp.net', { text: 'x' }, {})).rejects.toBeInstanceOf(ChannelError);
    fake.current!.scan();
    await until(() => session.state() === 'open');
    const started = Date.now();
    const sent = await Promise.all(
      ['um', 'dois', 'três'].map((text, i) => session.send('5511@s.whatsapp.net', { text }, { messageId: `ID${i}` })),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(sent.map((m) => m.key.id)).toEqual(['ID0', 'ID1', 'ID2']);
    expect(fake.sent.map((s) => (s.content as { text: string }).text)).toEqual(['um', 'dois', 'três']);
    await session.stop();
  });
});
