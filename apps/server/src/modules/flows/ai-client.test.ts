import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../infra/crypto.js';
import type { Queryable } from '../../infra/db/index.js';
import { createOutboundHttp } from '../../infra/outbound-http.js';
import { createAiClient } from './ai-client.js';

/** A local stand-in for an OpenAI-compatible server: answers in the chat-completions format and records requests. */
let server: http.Server;
let baseUrl: string;
const received: Array<{ url: string; auth: string | undefined; body: unknown }> = [];
let answer: (body: { messages: Array<{ content: string }> }) => { status: number; json: unknown } = () => ({ status: 200, json: {} });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as { messages: Array<{ content: string }> };
      received.push({ url: req.url ?? '', auth: req.headers.authorization, body });
      const { status, json } = answer(body);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const box = new SecretBox('ai-client-test-secret-ai-client-test-secret');

/** ai_integrations as one in-memory row per company; the SQL itself is covered by the flows API tests. */
function fakeTable(rows: Record<number, { base_url: string; model: string; api_key_sealed: string | null; enabled?: boolean }>): Queryable {
  const q = {
    query: async (_sql: string, params: [number]) => {
      const row = rows[params[0]];
      return { rows: row ? [{ enabled: true, suggest_reply: true, summarize: true, ...row }] : [] };
    },
  };
  return q as unknown as Queryable; // only `query` is used by the repository
}

const completion = (content: string) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'tiny',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});

describe('createAiClient', () => {
  it('posts the system prompt and the conversation with the bearer key and returns the first choice', async () => {
    answer = (body) => ({ status: 200, json: completion(`echo: ${body.messages.at(-1)?.content ?? ''}`) });
    received.length = 0;
    const ai = createAiClient({
      pool: fakeTable({ 7: { base_url: baseUrl, model: 'tiny', api_key_sealed: box.seal('sk-test-123') } }),
      box,
      http: createOutboundHttp({ allowPrivate: true }),
    });
    const result = await ai.complete(7, {
      systemPrompt: 'You are helpful',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'user', content: 'price?' },
      ],
    });
    expect(result).toEqual({ ok: true, text: 'echo: price?' });
    expect(received).toEqual([
      {
        url: '/v1/chat/completions',
        auth: 'Bearer sk-test-123',
        body: {
          model: 'tiny',
          messages: [
            { role: 'system', content: 'You are helpful' },
            { role: 'user', content: 'hi' },
            { role: 'assistant', content: 'hello' },
            { role: 'user', content: 'price?' },
          ],
        },
      },
    ]);
  });

  it('says so when the company has no integration, and sends nothing', async () => {
    received.length = 0;
    const ai = createAiClient({ pool: fakeTable({}), box, http: createOutboundHttp({ allowPrivate: true }) });
    expect(await ai.complete(7, { systemPrompt: 's', messages: [] })).toEqual({
      ok: false,
      error: 'AI integration not configured',
      reason: 'not-configured',
    });
    expect(received).toEqual([]);
  });

  it('omits the Authorization header without a key', async () => {
    answer = () => ({ status: 200, json: completion('ok') });
    received.length = 0;
    const ai = createAiClient({
      pool: fakeTable({ 1: { base_url: baseUrl, model: 'm', api_key_sealed: null } }),
      box,
      http: createOutboundHttp({ allowPrivate: true }),
    });
    expect(await ai.complete(1, { systemPrompt: 's', messages: [{ role: 'user', content: 'x' }] })).toEqual({ ok: true, text: 'ok' });
    expect(received[0]?.auth).toBeUndefined();
  });

  it('turns an error status, a malformed answer and the SSRF guard into results', async () => {
    const pool = fakeTable({ 1: { base_url: baseUrl, model: 'm', api_key_sealed: box.seal('k') } });
    const ai = createAiClient({ pool, box, http: createOutboundHttp({ allowPrivate: true }) });
    answer = () => ({ status: 401, json: { error: { message: 'Incorrect API key provided' } } });
    const denied = await ai.complete(1, { systemPrompt: 's', messages: [] });
    expect(denied).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^AI request failed: HTTP 401: .*Incorrect API key/) as unknown,
    });
    answer = () => ({ status: 200, json: { choices: [] } });
    expect(await ai.complete(1, { systemPrompt: 's', messages: [] })).toEqual({
      ok: false,
      error: 'AI response has no choices[0].message.content',
      reason: 'invalid-response',
    });
    const guarded = createAiClient({ pool, box, http: createOutboundHttp({ allowPrivate: false }) });
    expect(await guarded.complete(1, { systemPrompt: 's', messages: [] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/refused/) as unknown,
    });
  });

  it('calls nothing while the integration is switched off, and names a timeout as such', async () => {
    received.length = 0;
    const off = createAiClient({
      pool: fakeTable({ 1: { base_url: baseUrl, model: 'm', api_key_sealed: null, enabled: false } }),
      box,
      http: createOutboundHttp({ allowPrivate: true }),
    });
    expect(await off.complete(1, { systemPrompt: 's', messages: [] })).toEqual({
      ok: false,
      error: 'AI integration is turned off',
      reason: 'disabled',
    });
    expect(received).toEqual([]);
    // A server that never answers: the deadline wins and says so.
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const slow = createAiClient({
        pool: fakeTable({
          1: { base_url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, model: 'm', api_key_sealed: null },
        }),
        box,
        http: createOutboundHttp({ allowPrivate: true }),
        timeoutMs: 200,
      });
      expect(await slow.complete(1, { systemPrompt: 's', messages: [] })).toMatchObject({ ok: false, reason: 'timeout' });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('reports a key sealed under another APP_SECRET instead of throwing', async () => {
    const other = new SecretBox('another-secret-another-secret-another-secret');
    const ai = createAiClient({
      pool: fakeTable({ 1: { base_url: baseUrl, model: 'm', api_key_sealed: other.seal('k') } }),
      box,
      http: createOutboundHttp({ allowPrivate: true }),
    });
    expect(await ai.complete(1, { systemPrompt: 's', messages: [] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/cannot be decrypted/) as unknown,
    });
  });
});
