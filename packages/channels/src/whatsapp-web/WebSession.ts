import { ChannelError } from '../ChannelError.js';
import type { SessionState } from '../types.js';
import { loadAuthState, type AuthStore, type StoredAuthState } from './authState.js';
import type {
  AnyMessageContent,
  AuthenticationState,
  BaileysBufferableEventEmitter,
  BaileysEventMap,
  MiscMessageGenerationOptions,
  WAMessage,
  WAMessageContent,
  WAMessageKey,
  WAMessageUpdate,
} from './baileys.js';

/** The part of a Baileys socket a session uses; tests inject a fake with Baileys' own event buffer. */
export interface SocketLike {
  ev: BaileysBufferableEventEmitter;
  user?: { id: string; name?: string | null; notify?: string | null } | undefined;
  sendMessage(jid: string, content: AnyMessageContent, options?: MiscMessageGenerationOptions): Promise<WAMessage | undefined>;
  readMessages(keys: WAMessageKey[]): Promise<void>;
  updateMediaMessage(message: WAMessage): Promise<WAMessage>;
  requestPairingCode(phoneNumber: string): Promise<string>;
  logout(message?: string): Promise<void>;
  end(error: Error | undefined): void;
}

export interface SocketFactoryInput {
  /** Which connection the socket is for (logs, fakes). */
  id: string;
  auth: AuthenticationState;
  getMessage(key: WAMessageKey): Promise<WAMessageContent | undefined>;
}
export type SocketFactory = (input: SocketFactoryInput) => SocketLike;

export interface SessionChange {
  state: SessionState;
  /** Why the session stopped or is waiting, in words for an admin; null when healthy. */
  lastError: string | null;
  /** The paired account once open: number digits and WhatsApp profile name. */
  me?: { phone: string; name: string | null };
  /** False once the session gave up for a reason a retry would not fix. */
  keepRunning: boolean;
}

export interface PairingInfo {
  qr: string | null;
  qrExpiresAt: Date | null;
  pairingCode: string | null;
}

export interface WebSessionHandlers {
  onChange(change: SessionChange): Promise<void>;
  onPairing(info: PairingInfo): Promise<void>;
  /** Live messages (`messages.upsert` of type notify), as Baileys gives them. */
  onMessages(messages: WAMessage[]): Promise<void>;
  onReceipts(updates: WAMessageUpdate[]): Promise<void>;
}

export interface WebSessionOptions {
  id: string;
  socketFactory: SocketFactory;
  auth: AuthStore;
  handlers: WebSessionHandlers;
  getMessage(key: WAMessageKey): Promise<WAMessageContent | undefined>;
  log: { info(o: object, m?: string): void; warn(o: object, m?: string): void; error(o: object, m?: string): void };
  /** QR codes shown before giving up until an admin asks again (each lives 20–60 s). */
  qrLimit?: number;
  /** Baileys' own QR lifetimes: 60 s for the first, 20 s for the next ones. */
  qrLifetimeMs?: (index: number) => number;
  reconnect?: { baseMs: number; maxMs: number };
  /** Minimum gap between two sends on this number, to look less like a bot (ban risk). */
  sendSpacingMs?: number;
  now?: () => number;
}

// DisconnectReason values (Baileys lib/Types/index.d.ts); kept as numbers so the fake needs no import.
const RESTART_REQUIRED = 515;
const LOGGED_OUT = 401;
const TIMED_OUT = 408;
/** Codes a reconnect cannot fix: forbidden, connection replaced, and the two Evolution also refuses (402, 406). */
/** lastError texts start with a stable code ("CODE: words") so the UI can translate them. */
const FINAL_CODES: Record<number, string> = {
  403: 'FORBIDDEN: WhatsApp refused this number (forbidden; it may be banned)',
  440: 'REPLACED: Another WhatsApp Web session replaced this one (the number was connected elsewhere)',
  402: 'REFUSED: WhatsApp refused the session (402)',
  406: 'REFUSED: WhatsApp refused the session (406)',
};
const QR_NOT_SCANNED = 'QR_NOT_SCANNED: The QR code was not scanned in time; press Reconnect for a new one';

/** Offline messages older than this are history, not conversations to serve. */
const OFFLINE_HORIZON_MS = 3 * 24 * 60 * 60 * 1000;

const statusCodeOf = (error: unknown): number | undefined =>
  (error as { output?: { statusCode?: number } } | undefined)?.output?.statusCode;
const digitsOf = (jid: string) => jid.split('@')[0]?.split(':')[0] ?? jid;

/**
 * One QR connection's life on the node that owns it: QR → pairing → open, reconnects with backoff
 * on transient closes, a restart after pairing (515), wipe on logout (401), and a stop on codes a
 * retry cannot fix. The domain sees only SessionChange, PairingInfo and raw message events.
 */
export class WebSession {
  private socket: SocketLike | undefined;
  private auth: StoredAuthState | undefined;
  private current: SessionState = 'closed';
  private qrCount = 0;
  private attempts = 0;
  private stopped = true;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private waitingForQr: Array<() => void> = [];
  private sendTail: Promise<unknown> = Promise.resolve();
  private eventTail: Promise<void> = Promise.resolve();
  private lastSendAt = 0;
  /** Shown until the phone pairs or the attempt ends; QR rotations do not replace it. */
  private pairingCode: string | null = null;
  private lastQr: { qr: string; expiresAt: Date } | undefined;

  constructor(private readonly options: WebSessionOptions) {}

  state(): SessionState {
    return this.current;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.qrCount = 0;
    this.pairingCode = null;
    this.lastQr = undefined;
    await this.open();
  }

  /** Closes the socket and keeps the pairing: another node (or this one later) resumes without a QR. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    this.socket = undefined;
    socket?.end(undefined);
    await this.auth?.flush().catch(() => undefined);
    this.current = 'closed';
  }

  /** Unlinks this device from the phone and forgets the keys. */
  async logout(): Promise<void> {
    const socket = this.socket;
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    if (socket && this.current === 'open')
      await socket.logout().catch((error: unknown) => this.options.log.warn({ err: error }, 'logout request failed; wiping anyway'));
    this.socket = undefined;
    socket?.end(undefined);
    await this.auth?.flush().catch(() => undefined);
    await this.options.auth.wipe();
    this.current = 'logged_out';
    await this.options.handlers.onChange({ state: 'logged_out', lastError: null, keepRunning: false });
    await this.options.handlers.onPairing({ qr: null, qrExpiresAt: null, pairingCode: null });
  }

  /** "Link with phone number": Baileys accepts it only once the first QR arrived, and only unpaired. */
  async requestPairingCode(phoneNumber: string): Promise<string> {
    if (this.auth?.state.creds.registered)
      throw new ChannelError({ code: 'ALREADY_PAIRED', message: 'This connection is already paired', retryable: false });
    if (this.current !== 'qr') await new Promise<void>((resolve) => this.waitingForQr.push(resolve));
    const socket = this.socket;
    if (!socket) throw new ChannelError({ code: 'NOT_CONNECTED', message: 'The session is not running', retryable: true });
    const code = await socket.requestPairingCode(phoneNumber);
    this.pairingCode = code;
    // Typing a code takes a while: the QR limit counts from here, not from the first QR.
    this.qrCount = 0;
    await this.options.handlers.onPairing({ qr: this.lastQr?.qr ?? null, qrExpiresAt: this.lastQr?.expiresAt ?? null, pairingCode: code });
    return code;
  }

  /** Sends in order, spaced by sendSpacingMs, only while open (a closed session throws a retryable error). */
  send(jid: string, content: AnyMessageContent, options: MiscMessageGenerationOptions): Promise<WAMessage> {
    const run = async () => {
      const socket = this.openSocket();
      const spacing = this.options.sendSpacingMs ?? 0;
      const wait = this.lastSendAt + spacing - this.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.lastSendAt = this.now();
      const sent = await socket.sendMessage(jid, content, options);
      if (!sent?.key.id) throw new ChannelError({ code: 'NO_MESSAGE_ID', message: 'WhatsApp returned no message id', retryable: true });
      return sent;
    };
    const result = this.sendTail.then(run, run);
    this.sendTail = result.catch(() => undefined);
    return result;
  }

  async markRead(keys: WAMessageKey[]): Promise<void> {
    await this.openSocket().readMessages(keys);
  }

  /** For media whose CDN copy expired: asks the sender's phone to upload it again. */
  async reupload(message: WAMessage): Promise<WAMessage> {
    return this.openSocket().updateMediaMessage(message);
  }

  private openSocket(): SocketLike {
    if (!this.socket || this.current !== 'open') {
      throw new ChannelError({ code: 'NOT_CONNECTED', message: 'WhatsApp (QR) is not connected right now', retryable: true });
    }
    return this.socket;
  }

  private isRecent(message: WAMessage): boolean {
    const seconds = Number(message.messageTimestamp ?? 0);
    return seconds > 0 && this.now() - seconds * 1000 < OFFLINE_HORIZON_MS;
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  private async open(): Promise<void> {
    this.auth ??= await loadAuthState(this.options.auth);
    await this.setState('connecting', null);
    const socket = this.options.socketFactory({ id: this.options.id, auth: this.auth.state, getMessage: this.options.getMessage });
    this.socket = socket;
    // Baileys does not await process handlers; chaining keeps creds, state and messages in order.
    socket.ev.process((events) => {
      this.eventTail = this.eventTail
        .then(() => this.handle(socket, events))
        .catch((error: unknown) => this.options.log.error({ err: error }, 'whatsapp web event handling failed'));
    });
  }

  private async handle(socket: SocketLike, events: Partial<BaileysEventMap>) {
    if (this.socket !== socket) return; // late events of a socket we ended or replaced
    if (events['creds.update']) {
      Object.assign(this.auth!.state.creds, events['creds.update']);
      await this.auth!.saveCreds();
    }
    if (events['connection.update']) await this.onConnectionUpdate(socket, events['connection.update']);
    const upsert = events['messages.upsert'];
    if (upsert && upsert.messages.length > 0) {
      // 'notify' is live traffic. 'append' is what arrived while we were offline (Baileys labels a
      // flushed batch by its first message, so live ones can hide in it too) and also the echo of our
      // own sends: keep the customers' messages of it, the (connection, id) key drops repeats.
      const wanted = upsert.type === 'notify' ? upsert.messages : upsert.messages.filter((m) => !m.key.fromMe && this.isRecent(m));
      if (wanted.length > 0) await this.options.handlers.onMessages(wanted);
      // While buffering, Baileys folds a status update into the message itself instead of emitting it.
      const folded = upsert.messages
        .filter((m) => m.key.fromMe && typeof m.status === 'number')
        .map((m) => ({ key: m.key, update: { status: m.status } }));
      if (folded.length > 0) await this.options.handlers.onReceipts(folded);
    }
    if (events['messages.update']?.length) await this.options.handlers.onReceipts(events['messages.update']);
  }

  private async onConnectionUpdate(
    socket: SocketLike,
    update: Partial<{ connection: string; qr: string; lastDisconnect: { error: Error | undefined } }>,
  ) {
    const { log } = this.options;
    if (update.qr) {
      this.qrCount++;
      if (this.qrCount > (this.options.qrLimit ?? 5)) return this.giveUp(QR_NOT_SCANNED);
      const lifetime = this.options.qrLifetimeMs?.(this.qrCount) ?? (this.qrCount === 1 ? 60_000 : 20_000);
      await this.setState('qr', null);
      this.lastQr = { qr: update.qr, expiresAt: new Date(this.now() + lifetime) };
      await this.options.handlers.onPairing({ qr: update.qr, qrExpiresAt: this.lastQr.expiresAt, pairingCode: this.pairingCode });
      for (const resolve of this.waitingForQr.splice(0)) resolve();
    }
    if (update.connection === 'open') {
      this.attempts = 0;
      this.qrCount = 0;
      this.pairingCode = null;
      this.lastQr = undefined;
      const user = socket.user;
      this.current = 'open';
      await this.options.handlers.onChange({
        state: 'open',
        lastError: null,
        keepRunning: true,
        ...(user && { me: { phone: digitsOf(user.id), name: user.name ?? user.notify ?? null } }),
      });
      await this.options.handlers.onPairing({ qr: null, qrExpiresAt: null, pairingCode: null });
    }
    if (update.connection !== 'close') return;
    this.socket = undefined;
    if (this.stopped) return;
    const code = statusCodeOf(update.lastDisconnect?.error);
    log.info({ code, message: update.lastDisconnect?.error?.message }, 'whatsapp web connection closed');
    if (code === RESTART_REQUIRED) return this.open(); // expected right after a successful scan
    if (code === LOGGED_OUT) {
      this.stopped = true;
      await this.options.auth.wipe();
      this.auth = undefined;
      this.current = 'logged_out';
      await this.options.handlers.onPairing({ qr: null, qrExpiresAt: null, pairingCode: null });
      return this.options.handlers.onChange({
        state: 'logged_out',
        lastError: 'LOGGED_OUT: Disconnected from the phone (logged out); press Reconnect to pair again',
        keepRunning: false,
      });
    }
    if (code !== undefined && FINAL_CODES[code]) return this.giveUp(FINAL_CODES[code]);
    if (code === TIMED_OUT && !this.auth?.state.creds.registered && this.qrCount > 0) return this.giveUp(QR_NOT_SCANNED);
    this.scheduleReconnect(code);
  }

  private scheduleReconnect(code: number | undefined) {
    const { baseMs, maxMs } = this.options.reconnect ?? { baseMs: 2_000, maxMs: 60_000 };
    const delay = Math.min(maxMs, baseMs * 2 ** this.attempts);
    this.attempts++;
    void this.setState('connecting', `RECONNECTING: Connection lost (${code ?? 'network'}); reconnecting in ${Math.round(delay / 1000)} s`);
    this.reconnectTimer = setTimeout(() => {
      if (this.stopped) return;
      this.open().catch((error: unknown) => {
        this.options.log.error({ err: error }, 'reconnect failed');
        if (!this.stopped) this.scheduleReconnect(undefined);
      });
    }, delay);
  }

  private async giveUp(reason: string) {
    this.stopped = true;
    const socket = this.socket;
    this.socket = undefined;
    socket?.end(undefined);
    this.current = 'closed';
    await this.options.handlers.onPairing({ qr: null, qrExpiresAt: null, pairingCode: null });
    await this.options.handlers.onChange({ state: 'closed', lastError: reason, keepRunning: false });
  }

  private async setState(state: SessionState, lastError: string | null) {
    this.current = state;
    await this.options.handlers.onChange({ state, lastError, keepRunning: true });
  }
}
