import { expect } from 'vitest';
import { proto, type WAMessage } from '@jimmy/channels';
import { FakeWhatsAppWeb, type FakeSocket } from '@jimmy/channels/testing';
import type { TestApp } from './harness.js';

let counter = 0;
/** A customer's message as Baileys decodes it (1:1 chat, not from us). */
export function customerMessage(
  phone: string,
  content: Record<string, unknown>,
  options: { id?: string; name?: string; fromMe?: boolean } = {},
): WAMessage {
  return proto.WebMessageInfo.fromObject({
    key: {
      remoteJid: `${phone}@s.whatsapp.net`,
      fromMe: options.fromMe ?? false,
      id: options.id ?? `3A${Date.now().toString(16).toUpperCase()}${(counter++).toString(16).toUpperCase()}`,
    },
    message: content,
    messageTimestamp: Math.floor(Date.now() / 1000),
    pushName: options.name ?? 'Cliente QR',
  });
}

export const receipt = (id: string, phone: string, status: number) => ({
  key: { remoteJid: `${phone}@s.whatsapp.net`, fromMe: true, id },
  update: { status },
});

export interface QrConnection {
  id: number;
  status: string;
  qr?: string | null;
  pairingCode?: string | null;
  displayPhoneNumber: string | null;
  profileName?: string | null;
  lastError: string | null;
}

export async function createQrConnection(app: TestApp, token: string, name = 'Celular da loja'): Promise<QrConnection> {
  const response = await app.inject({ method: 'POST', url: '/api/connections', token, payload: { type: 'whatsapp_web', name } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<QrConnection>();
}

export async function getConnection(app: Pick<TestApp, 'inject'>, token: string, id: number): Promise<QrConnection> {
  const response = await app.inject({ method: 'GET', url: `/api/connections/${id}`, token });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<QrConnection>();
}

export async function waitForStatus(
  app: Pick<TestApp, 'inject'>,
  token: string,
  id: number,
  status: string,
  timeout = 5000,
): Promise<QrConnection> {
  await expect.poll(async () => (await getConnection(app, token, id)).status, { timeout }).toBe(status);
  return getConnection(app, token, id);
}

/** The fake socket of a connection once the session opened it. */
export async function socketOf(
  fake: FakeWhatsAppWeb,
  connectionId: number,
  predicate: (socket: FakeSocket) => boolean = () => true,
): Promise<FakeSocket> {
  const live = () => fake.sockets.filter((s) => !s.ended && s.input.id === String(connectionId) && predicate(s));
  await expect.poll(() => live().length, { timeout: 5000 }).toBeGreaterThan(0);
  return live().at(-1)!;
}
