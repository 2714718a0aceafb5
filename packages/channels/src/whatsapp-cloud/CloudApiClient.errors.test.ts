import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelError } from '../ChannelError.js';
import { CloudApiClient } from './CloudApiClient.js';
import { startFakeGraphServer } from './fakeGraphServer.js';
import type { FakeGraphServer } from './fakeGraphServer.js';

let fake: FakeGraphServer;
let client: CloudApiClient;
const to = '5511988887777';
const hello = { kind: 'text', to, body: 'hello' } as const;

beforeEach(async () => {
  fake = await startFakeGraphServer({ accessToken: 'TOKEN_1' });
  client = new CloudApiClient({ graphUrl: fake.url, version: 'v23.0', phoneNumberId: 'PNID_100', accessToken: 'TOKEN_1' });
});
afterEach(async () => {
  await fake.close();
});

async function caught(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ChannelError)) throw new Error(`expected a ChannelError, got ${String(error)}`);
  return error;
}

describe('CloudApiClient failures become classified ChannelErrors', () => {
  it('429 → rateLimited and retryable', async () => {
    fake.failNext(1, { status: 429, code: 130429, message: 'Rate limit hit' });
    const error = await caught(client.send(hello));
    expect(error).toMatchObject({ code: 130429, httpStatus: 429, rateLimited: true, retryable: true, windowClosed: false });
    expect(error.message).toContain('Rate limit hit');
    expect(fake.sentMessages()).toEqual([]);
  });

  it('500 → retryable, and the next attempt succeeds', async () => {
    fake.failNext(1, { status: 500, code: 131000, message: 'Something went wrong' });
    expect(await caught(client.send(hello))).toMatchObject({ httpStatus: 500, retryable: true, rateLimited: false });
    await expect(client.send(hello)).resolves.toEqual({ externalId: expect.stringMatching(/^wamid\./) });
  });

  it('131047 → windowClosed, not retryable, with Meta details', async () => {
    fake.windowClosedFor(to);
    const error = await caught(client.send(hello));
    expect(error).toMatchObject({ code: 131047, windowClosed: true, retryable: false, httpStatus: 400 });
    expect(error.details).toMatch(/24 hours/);
  });

  it('190 / wrong token → authFailed, not retryable', async () => {
    const badClient = new CloudApiClient({ graphUrl: fake.url, version: 'v23.0', phoneNumberId: 'PNID_100', accessToken: 'WRONG' });
    expect(await caught(badClient.send(hello))).toMatchObject({ code: 190, httpStatus: 401, authFailed: true, retryable: false });
  });

  it('a body the Graph API rejects → 100, not retryable', async () => {
    // Bypass the client-side checks to prove the fake validates like Meta.
    const response = await fetch(`${fake.url}/v23.0/PNID_100/messages`, {
      method: 'POST',
      headers: { Authorization: 'Bearer TOKEN_1', 'Content-Type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', to, type: 'audio', audio: { id: 'A', caption: 'no' } }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 100, type: 'OAuthException', error_data: { details: 'audio takes no caption' } },
    });
  });

  it('timeout → TIMEOUT, retryable, maybeDelivered, and the fake did record the message', async () => {
    const slow = new CloudApiClient({
      graphUrl: fake.url,
      version: 'v23.0',
      phoneNumberId: 'PNID_100',
      accessToken: 'TOKEN_1',
      timeoutMs: 100,
    });
    fake.delayNext(1_000);
    const error = await caught(slow.send(hello));
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true, maybeDelivered: true });
    expect(fake.sentMessages()).toHaveLength(1);
  });

  it('unreachable server → NETWORK, retryable, not delivered', async () => {
    await fake.close();
    const error = await caught(client.send(hello));
    expect(error).toMatchObject({ code: 'NETWORK', retryable: true, maybeDelivered: false });
    fake = await startFakeGraphServer(); // for afterEach
  });

  it('media download needs the token', async () => {
    fake.addMedia('M1', Buffer.from('secret'), 'image/png');
    const response = await fetch(`${fake.url}/download/M1`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 190 } });
  });

  it('sha256 mismatch on download → MEDIA_CHECKSUM error', async () => {
    fake.addMedia('M2', Buffer.from('tampered'), 'image/png', 'a'.repeat(64));
    expect(await caught(client.downloadMedia('M2'))).toMatchObject({ code: 'MEDIA_CHECKSUM', retryable: true });
  });

  it('accepts a base64 sha256 (the webhook spelling) too', async () => {
    const bytes = Buffer.from('img');
    fake.addMedia('M3', bytes, 'image/png', createHash('sha256').update(bytes).digest('base64'));
    expect((await client.downloadMedia('M3')).bytes.equals(bytes)).toBe(true);
  });

  it('unknown media id → not retryable', async () => {
    expect(await caught(client.downloadMedia('NOPE'))).toMatchObject({ code: 100, retryable: false });
  });

  it('rejects an invalid message before any request', async () => {
    const error = await caught(
      client.send({ kind: 'buttons', to, body: 'b', buttons: [1, 2, 3, 4].map((n) => ({ id: `${n}`, title: `${n}` })) }),
    );
    expect(error).toMatchObject({ code: 'INVALID_MESSAGE', retryable: false });
    expect(fake.requests).toEqual([]);
  });
});
