import { readFileSync } from 'node:fs';
import { cloudFixturesDir, signWebhook, startFakeGraphServer, type FakeGraphServer } from '@jimmy/channels/testing';
import type { ServerOverrides } from '../src/app.js';
import { startTestApp, type TestApp, type TestCompany } from './harness.js';

export const CLOUD = {
  phoneNumberId: 'PNID_100',
  wabaId: 'WABA_100',
  accessToken: 'EAAG-test-token',
  appSecret: 'app-secret-for-tests',
  verifyToken: 'verify-token-123',
};

export interface ConversationApp extends TestApp {
  graph: FakeGraphServer;
  /** Company A's Cloud connection (PNID_100, the fixtures' number). */
  cloudConnectionId: number;
  postWebhook(body: string | Buffer | object, options?: { signature?: string | null; secret?: string }): ReturnType<TestApp['inject']>;
  fixture(name: string): string;
}

export async function startConversationApp(env: Record<string, string> = {}, overrides: ServerOverrides = {}): Promise<ConversationApp> {
  const graph = await startFakeGraphServer({ accessToken: CLOUD.accessToken });
  const app = await startTestApp({ WHATSAPP_GRAPH_URL: graph.url, WHATSAPP_GRAPH_VERSION: 'v23.0', ...env }, overrides);
  const created = await app.inject({
    method: 'POST',
    url: '/api/connections',
    token: app.companyA.adminToken,
    payload: { type: 'whatsapp_cloud', name: 'WhatsApp Oficial', ...CLOUD },
  });
  if (created.statusCode !== 201) throw new Error(`connection: ${created.statusCode} ${created.body}`);

  const postWebhook: ConversationApp['postWebhook'] = (body, options = {}) => {
    const raw = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const signature = options.signature === undefined ? signWebhook(raw, options.secret ?? CLOUD.appSecret) : options.signature;
    return app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', ...(signature !== null && { 'x-hub-signature-256': signature }) },
      payload: raw,
    });
  };

  const close = app.close.bind(app);
  // Assigned onto the app itself: a spread would freeze its `server` getter, and a test that
  // restarts the server must be able to swap it.
  return Object.assign(app, {
    graph,
    cloudConnectionId: created.json().id,
    postWebhook,
    fixture: (name: string) => readFileSync(`${cloudFixturesDir()}/${name}`, 'utf8'),
    async close() {
      await close();
      await graph.close();
    },
  });
}

let wamidCounter = 0;
/** A realistic single-message Cloud webhook for one customer. */
export function textWebhook(from: string, text: string, options: { name?: string; id?: string; at?: number; phoneNumberId?: string } = {}) {
  const id = options.id ?? `wamid.T_${Date.now().toString(36)}_${wamidCounter++}`;
  return {
    id,
    body: {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: CLOUD.wabaId,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '5511900000000', phone_number_id: options.phoneNumberId ?? CLOUD.phoneNumberId },
                contacts: [{ wa_id: from, profile: { name: options.name ?? `Cliente ${from.slice(-4)}` } }],
                messages: [
                  { id, from, timestamp: String(options.at ?? Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } },
                ],
              },
            },
          ],
        },
      ],
    },
  };
}

export function statusWebhook(externalId: string, status: string, extra: Record<string, unknown> = {}) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: CLOUD.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '5511900000000', phone_number_id: CLOUD.phoneNumberId },
              statuses: [
                { id: externalId, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: '5511988887777', ...extra },
              ],
            },
          },
        ],
      },
    ],
  };
}

export async function ticketsOf(app: TestApp, company: TestCompany, query = '') {
  const response = await app.inject({ method: 'GET', url: `/api/tickets${query}`, token: company.adminToken });
  if (response.statusCode !== 200) throw new Error(`tickets: ${response.statusCode} ${response.body}`);
  return response.json().items as {
    id: number;
    status: string;
    connectionId: number;
    contact: { id: number; name: string; phone: string | null };
    unreadCount: number;
    lastMessage: { body: string } | null;
    queueId: number | null;
    userId: number | null;
  }[];
}

export async function messagesOf(app: TestApp, token: string, ticketId: number) {
  const response = await app.inject({ method: 'GET', url: `/api/tickets/${ticketId}/messages?limit=200`, token });
  if (response.statusCode !== 200) throw new Error(`messages: ${response.statusCode} ${response.body}`);
  return response.json().items as {
    id: number;
    type: string;
    body: string;
    status: string;
    externalId: string | null;
    direction: string;
    error: { code: string } | null;
    media?: { state: string; url: string | null };
    reactions: { emoji: string }[];
    quoted: { id: number } | null;
    payload: Record<string, unknown> | null;
  }[];
}
