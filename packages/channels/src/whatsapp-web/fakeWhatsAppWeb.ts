import { randomBytes, randomUUID } from 'node:crypto';
import { Boom } from '@hapi/boom';
import { pino } from 'pino';
import {
  makeEventBuffer,
  type AnyMessageContent,
  type MiscMessageGenerationOptions,
  type WAMessage,
  type WAMessageKey,
  type WAMessageUpdate,
} from './baileys.js';
import type { SocketFactory, SocketFactoryInput, SocketLike } from './WebSession.js';

export interface FakeSend {
  jid: string;
  content: AnyMessageContent;
  options: MiscMessageGenerationOptions | undefined;
  id: string;
}

export interface FakeWhatsAppWebOptions {
  /** A new QR every this many ms while unpaired (0: only the first one). */
  qrIntervalMs?: number;
  /** Pretend the phone scans the QR this long after the first one (unset: never by itself). */
  autoPairAfterMs?: number;
  phone?: string;
  profileName?: string;
  onSend?: (send: FakeSend) => void;
  /** Once open, each socket receives this many customer messages per second (load tests). */
  inboundPerSecond?: number;
  /** How many distinct customers write to each connection under inboundPerSecond. */
  customersPerConnection?: number;
}

const silent = pino({ level: 'silent' });

/**
 * WhatsApp's side of a QR connection, offline: sockets whose events go through Baileys' own event
 * buffer, a QR that rotates, a phone that can scan, log out or take the number elsewhere, and a
 * record of what was sent. Never opens a network connection.
 */
export class FakeWhatsAppWeb {
  readonly sockets: FakeSocket[] = [];
  readonly sent: FakeSend[] = [];
  /** While true, every new socket fails to connect (WhatsApp unreachable). */
  networkDown = false;

  constructor(readonly options: FakeWhatsAppWebOptions = {}) {}

  readonly factory: SocketFactory = (input) => {
    const socket = new FakeSocket(this, input);
    this.sockets.push(socket);
    return socket;
  };

  get current(): FakeSocket | undefined {
    return this.sockets.at(-1);
  }

  recordSend(send: FakeSend) {
    this.sent.push(send);
    this.options.onSend?.(send);
  }
}

export class FakeSocket implements SocketLike {
  readonly ev = makeEventBuffer(silent);
  user: SocketLike['user'];
  ended = false;
  qrShown = 0;
  readonly createdAt = performance.now();
  readonly read: WAMessageKey[] = [];
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly phone: FakeWhatsAppWeb,
    readonly input: SocketFactoryInput,
  ) {
    // Like the real socket, nothing happens until the caller had a chance to subscribe.
    setImmediate(() => this.boot());
  }

  private boot() {
    if (this.ended) return;
    this.ev.emit('connection.update', { connection: 'connecting' });
    if (this.phone.networkDown) return this.close(503, 'stream errored');
    if (this.input.auth.creds.registered) return this.becomeOpen();
    this.showQr();
    const { qrIntervalMs = 0, autoPairAfterMs } = this.phone.options;
    if (qrIntervalMs > 0) this.timers.push(setInterval(() => this.showQr(), qrIntervalMs));
    if (autoPairAfterMs !== undefined) this.timers.push(setTimeout(() => this.scan(), autoPairAfterMs));
  }

  showQr() {
    if (this.ended) return;
    this.qrShown++;
    this.ev.emit('connection.update', { qr: `2@${randomBytes(24).toString('base64')},${randomBytes(8).toString('base64')}` });
  }

  /** The phone scans the QR: creds become registered, then WhatsApp asks for a restart (515). */
  scan(phone = this.phone.options.phone ?? '5511900000000', name = this.phone.options.profileName ?? 'Loja Demo') {
    this.clearTimers();
    const me = { id: `${phone}:7@s.whatsapp.net`, name };
    this.ev.emit('creds.update', { me, registered: true });
    this.close(515, 'restart required');
  }

  close(statusCode: number, message = 'closed') {
    this.clearTimers();
    this.ended = true;
    this.ev.emit('connection.update', {
      connection: 'close',
      lastDisconnect: { error: new Boom(message, { statusCode }), date: new Date() },
    });
  }

  private becomeOpen() {
    const me = this.input.auth.creds.me;
    this.user = me ? { id: me.id, name: me.name ?? null } : { id: '5511900000000:7@s.whatsapp.net', name: null };
    this.ev.emit('connection.update', { connection: 'open' });
    const rate = this.phone.options.inboundPerSecond ?? 0;
    if (rate > 0) this.timers.push(setInterval(() => void this.receive([this.generatedMessage()]).catch(() => undefined), 1000 / rate));
  }

  private generated = 0;
  private generatedMessage(): WAMessage {
    const customers = this.phone.options.customersPerConnection ?? 5;
    const customer = `55119${this.input.id.padStart(4, '0').slice(-4)}${String(this.generated % customers).padStart(4, '0')}`;
    this.generated++;
    return {
      key: { remoteJid: `${customer}@s.whatsapp.net`, fromMe: false, id: `3A${randomBytes(9).toString('hex').toUpperCase()}` },
      message: { conversation: `mensagem de carga ${this.generated}` },
      messageTimestamp: Math.floor(Date.now() / 1000),
      pushName: `Cliente ${customer.slice(-4)}`,
    };
  }

  /**
   * A customer's messages arrive. Like the real decryptor, each one reads and rewrites the sender's
   * Signal session through the key store first, so the store does real work per message.
   */
  async receive(messages: WAMessage[], type: 'notify' | 'append' = 'notify') {
    for (const message of messages) {
      const jid = message.key.remoteJid ?? 'unknown';
      await this.input.auth.keys.get('session', [jid]);
      await this.input.auth.keys.set({ session: { [jid]: randomBytes(512) } });
    }
    this.ev.emit('messages.upsert', { messages, type });
  }

  receipts(updates: WAMessageUpdate[]) {
    this.ev.emit('messages.update', updates);
  }

  async sendMessage(jid: string, content: AnyMessageContent, options?: MiscMessageGenerationOptions): Promise<WAMessage> {
    if (this.ended) throw new Boom('Connection Closed', { statusCode: 428 });
    const id = options?.messageId ?? `3EB0${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`;
    this.phone.recordSend({ jid, content, options, id });
    const text = 'text' in content ? String(content.text) : undefined;
    return {
      key: { remoteJid: jid, fromMe: true, id },
      message: text === undefined ? {} : { conversation: text },
      messageTimestamp: Math.floor(Date.now() / 1000),
    };
  }

  async readMessages(keys: WAMessageKey[]) {
    this.read.push(...keys);
  }

  async updateMediaMessage(message: WAMessage) {
    return message;
  }

  async requestPairingCode(_phoneNumber: string) {
    return randomBytes(4).toString('hex').toUpperCase();
  }

  async logout() {
    this.close(401, 'logged out');
  }

  end(_error: Error | undefined) {
    if (this.ended) return;
    this.ended = true;
    this.clearTimers();
    this.ev.emit('connection.update', { connection: 'close', lastDisconnect: { error: undefined, date: new Date() } });
  }

  private clearTimers() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }
}
