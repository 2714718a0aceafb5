import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TestApp, TestCompany } from './harness.js';

export interface ReceivedRequest {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: { id: string; event: string; createdAt: string; companyId: number; data: Record<string, unknown> };
  answered: number;
  at: number;
}

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** Decides each answer's status (default 200), given the request and how many came before it. */
  answer: (request: Omit<ReceivedRequest, 'answered' | 'at'>, index: number) => number;
  close(): Promise<void>;
}

/** A local HTTP endpoint standing in for a customer's system. */
export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    requests: [],
    answer: () => 200,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const partial = { headers: req.headers, raw, body: JSON.parse(raw) as ReceivedRequest['body'] };
      const answered = receiver.answer(partial, receiver.requests.length);
      receiver.requests.push({ ...partial, answered, at: Date.now() });
      res.writeHead(answered, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ received: answered < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}

type Verify = (rawBody: string | Buffer, header: string, secret: string, toleranceSeconds?: number) => boolean;

/** The Node verification function's source exactly as docs/webhooks.md prints it. */
export function documentedVerifierSource(): string {
  const docs = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/webhooks.md'), 'utf8');
  const match = /<!-- verify-node -->\s*```js\n([\s\S]*?)```/.exec(docs);
  if (!match?.[1]) throw new Error('docs/webhooks.md has no <!-- verify-node --> snippet');
  return match[1];
}

/** The documented Node verification function, loaded as a module. */
export async function loadDocumentedVerifier(): Promise<Verify> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'jimmy-verify-')), 'verify.mjs');
  writeFileSync(file, documentedVerifierSource());
  const module = (await import(pathToFileURL(file).href)) as { verifyJimmySignature: Verify };
  return module.verifyJimmySignature;
}

export async function subscribe(app: TestApp, company: TestCompany, url: string, events: string[]) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/webhook-subscriptions',
    token: company.adminToken,
    payload: { url, events },
  });
  if (response.statusCode !== 201) throw new Error(`subscribe: ${response.statusCode} ${response.body}`);
  return response.json<{ id: number; secret: string }>();
}

export async function deliveriesOf(app: TestApp, company: TestCompany, subscriptionId: number) {
  const response = await app.inject({
    method: 'GET',
    url: `/api/webhook-subscriptions/${subscriptionId}/deliveries?limit=100`,
    token: company.adminToken,
  });
  if (response.statusCode !== 200) throw new Error(`deliveries: ${response.statusCode} ${response.body}`);
  return response.json().items as {
    id: number;
    deliveryId: string;
    event: string;
    eventId: string;
    state: string;
    attempts: number;
    requestBody: string;
    attemptLog: { attempt: number; responseStatus: number | null; error: string | null; latencyMs: number }[];
  }[];
}
