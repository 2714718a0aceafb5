import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signWebhook } from '@jimmy/channels/testing';
import { CLOUD, startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';

/**
 * Zero loss under concurrency over real sockets. This reproduced a real bug: with several pooled
 * connections to embedded PGlite, concurrent parameterised queries bound each other's statements
 * (HTTP 500s, and acknowledged webhooks missing from the database).
 */
let app: ConversationApp;
let base: string;
beforeAll(async () => {
  app = await startConversationApp();
  base = await app.server.listen();
});
afterAll(async () => app?.close());

it('stores every acknowledged webhook of a burst of 600 over keep-alive HTTP, and answers none with 500', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const post = (body: string) =>
    new Promise<number>((resolve) => {
      const request = http.request(
        `${base}/webhooks/whatsapp`,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhook(body, CLOUD.appSecret) },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', () => resolve(-1));
      request.end(body);
    });
  const acked: string[] = [];
  const codes: Record<number, number> = {};
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < 600; i++) {
    const webhook = textWebhook(`5511${String(i % 400).padStart(9, '0')}`, `mensagem ${i} ${'x'.repeat(600)}`);
    inFlight.push(
      post(JSON.stringify(webhook.body)).then((code) => {
        codes[code] = (codes[code] ?? 0) + 1;
        if (code === 200) acked.push(webhook.id);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 4));
  }
  await Promise.all(inFlight);
  agent.destroy();
  expect(codes).toEqual({ 200: 600 });
  const { rows } = await app.server.database.pool.query('select count(*)::int as n from messages where external_id = any($1)', [acked]);
  expect(rows[0].n).toBe(600);
}, 120_000);
