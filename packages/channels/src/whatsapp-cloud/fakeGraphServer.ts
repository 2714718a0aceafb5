import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asObject, asString } from '../jsonReaders.js';
import { graphErrorBody, invalidParameter, invalidToken, unknownObject, windowClosed } from './fake/graphError.js';
import type { GraphFault } from './fake/graphError.js';
import { parseMultipart } from './fake/parseMultipart.js';
import { validateMessageBody } from './fake/validateMessageBody.js';

export interface FakeGraphOptions {
  /** The only Bearer token accepted. */
  accessToken?: string;
  /** Phone numbers that exist, by phone-number id. Defaults to the fixtures' PNID_100. */
  phoneNumbers?: Record<string, { displayPhoneNumber: string; verifiedName: string }>;
  /** Approved templates by WABA id, in Meta's shape (name, language, status, category, components). */
  templates?: Record<string, Array<Record<string, unknown>>>;
  /** Caps the page size below the requested `limit`, to exercise paging. */
  templatePageSize?: number;
  /** A fixed port, for a server under test that was started pointing at it (default: any free port). */
  port?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON; for multipart `{ fields, file: { fileName, mimeType, size } }`; else null. */
  body: unknown;
}

export interface SentMessage {
  id: string;
  to: string;
  type: string;
  body: Record<string, unknown>;
}

interface StoredMedia {
  bytes: Buffer;
  mimeType: string;
  fileName?: string;
  declaredSha256?: string;
}

type Reply = { status: number; json?: unknown; bytes?: Buffer; contentType?: string };

const VERSION = /^v\d+\.\d+$/;

/**
 * A node:http stand-in for the Graph API (CHANNELS-WHATSAPP.md §1.4–1.5, §4 "Testing the Cloud adapter
 * offline"). It validates what it receives like Meta does and can be scripted to fail or stall.
 */
export class FakeGraphServer {
  readonly requests: RecordedRequest[] = [];
  readonly accessToken: string;
  private readonly server: Server;
  private readonly sent: SentMessage[] = [];
  private readonly media = new Map<string, StoredMedia>();
  private readonly closedWindows = new Set<string>();
  private readonly failures: GraphFault[] = [];
  private readonly delays: number[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly phoneNumbers: NonNullable<FakeGraphOptions['phoneNumbers']>;
  private readonly templates: Map<string, Array<Record<string, unknown>>>;
  private readonly templatePageSize: number;
  private counter = 0;
  private baseUrl = '';
  private readonly port: number;

  constructor(options: FakeGraphOptions = {}) {
    this.accessToken = options.accessToken ?? 'FAKE_TOKEN';
    this.phoneNumbers = options.phoneNumbers ?? {
      PNID_100: { displayPhoneNumber: '+55 11 90000-0000', verifiedName: 'Jimmy Test' },
    };
    this.templates = new Map(Object.entries(options.templates ?? {}));
    this.templatePageSize = options.templatePageSize ?? 100;
    this.port = options.port ?? 0;
    this.server = createServer((req, res) => {
      // A client that aborts mid-upload makes readBody reject; drop the socket like a real server.
      this.handle(req, res).catch(() => res.destroy());
    });
  }

  get url(): string {
    return this.baseUrl;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections(); // keep-alive sockets from fetch would hold close() open.
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `count` authenticated requests answer with this Meta error instead of their result. */
  failNext(count: number, fault: { status: number; code: number; message?: string; details?: string }): void {
    const full: GraphFault = { message: `Scripted failure ${fault.code}`, ...fault };
    for (let i = 0; i < count; i++) this.failures.push(full);
  }

  /** The next request is processed (a send IS recorded) but answered only after `ms`. */
  delayNext(ms: number): void {
    this.delays.push(ms);
  }

  /** Free-form sends to this number fail with 131047 as if the 24-hour window had closed. */
  windowClosedFor(to: string): void {
    this.closedWindows.add(to);
  }

  /** `declaredSha256` overrides the digest the lookup reports, to simulate a corrupted transfer. */
  addMedia(id: string, bytes: Buffer, mimeType: string, declaredSha256?: string): void {
    this.media.set(id, { bytes, mimeType, ...(declaredSha256 !== undefined && { declaredSha256 }) });
  }

  setTemplates(wabaId: string, templates: Array<Record<string, unknown>>): void {
    this.templates.set(wabaId, templates);
  }

  sentMessages(): SentMessage[] {
    return [...this.sent];
  }

  uploadedMedia(id: string): StoredMedia | undefined {
    return this.media.get(id);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const raw = await readBody(req);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: null,
    };
    this.requests.push(record);
    const delay = this.delays.shift() ?? 0;

    let reply: Reply;
    if (req.headers.authorization !== `Bearer ${this.accessToken}`) {
      reply = fault(invalidToken);
    } else {
      const scripted = this.failures.shift();
      reply = scripted ? fault(scripted) : this.route(record, url, raw, req.headers['content-type']);
    }

    if (delay > 0) await this.sleep(delay);
    if (res.destroyed) return; // the client gave up (timeout); the work above still happened.
    res.statusCode = reply.status;
    res.setHeader('Content-Type', reply.contentType ?? 'application/json');
    res.end(reply.bytes ?? JSON.stringify(reply.json ?? {}));
  }

  private route(record: RecordedRequest, url: URL, raw: Buffer, contentType: string | undefined): Reply {
    const [first, id, edge, ...rest] = url.pathname.split('/').filter(Boolean);
    if (first === 'download' && id !== undefined && edge === undefined) return this.download(id);
    if (!first || !VERSION.test(first) || !id || rest.length > 0) return fault(invalidParameter(`unknown path ${url.pathname}`));

    if (record.method === 'POST' && edge === 'media') return this.upload(record, id, raw, contentType);
    if (record.method === 'POST' && edge === 'messages') {
      try {
        record.body = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as unknown) : null;
      } catch {
        return fault(invalidParameter('body is not JSON'));
      }
      return this.messages(id, record.body);
    }
    if (record.method === 'GET' && edge === 'message_templates') return this.listTemplates(id, url);
    if (record.method === 'GET' && edge === undefined) return this.lookup(id, url);
    if (record.method === 'DELETE' && edge === undefined && this.media.delete(id)) return ok({ success: true });
    return fault(unknownObject(id));
  }

  private messages(phoneNumberId: string, body: unknown): Reply {
    if (!this.phoneNumbers[phoneNumberId]) return fault(unknownObject(phoneNumberId));
    const msg = asObject(body);
    if (msg?.['status'] === 'read') {
      return asString(msg['message_id']) && msg['messaging_product'] === 'whatsapp'
        ? ok({ success: true })
        : fault(invalidParameter('read receipts need messaging_product and message_id'));
    }
    const problem = validateMessageBody(body);
    if (problem !== undefined || !msg) return fault(invalidParameter(problem ?? 'invalid body'));

    const to = String(msg['to']).replace(/^\+/, '');
    const type = asString(msg['type']) ?? 'text';
    if (this.closedWindows.has(to) && type !== 'template') return fault(windowClosed);

    const id = `wamid.FAKE_${++this.counter}`;
    this.sent.push({ id, to, type, body: msg });
    return ok({
      messaging_product: 'whatsapp',
      contacts: [{ input: msg['to'], wa_id: to }],
      messages: [{ id, message_status: 'accepted' }],
    });
  }

  private upload(record: RecordedRequest, phoneNumberId: string, raw: Buffer, contentType: string | undefined): Reply {
    if (!this.phoneNumbers[phoneNumberId]) return fault(unknownObject(phoneNumberId));
    const parts = parseMultipart(raw, contentType);
    if (!parts) return fault(invalidParameter('expected multipart/form-data'));
    const fields = Object.fromEntries(parts.filter((p) => p.fileName === undefined).map((p) => [p.name, p.data.toString()]));
    const file = parts.find((p) => p.name === 'file' && p.fileName !== undefined);
    record.body = { fields, file: file && { fileName: file.fileName, mimeType: file.contentType, size: file.data.length } };
    if (fields['messaging_product'] !== 'whatsapp') return fault(invalidParameter('messaging_product is required'));
    if (!file) return fault(invalidParameter('file is required'));

    const id = `FAKE_MEDIA_${++this.counter}`;
    const mimeType = fields['type'] ?? file.contentType ?? 'application/octet-stream';
    this.media.set(id, { bytes: file.data, mimeType, ...(file.fileName !== undefined && { fileName: file.fileName }) });
    return ok({ id });
  }

  /** GET /{v}/{id}: a phone number (with ?fields) or a media object, as on the real Graph. */
  private lookup(id: string, url: URL): Reply {
    const phone = this.phoneNumbers[id];
    if (phone) {
      const all: Record<string, unknown> = {
        display_phone_number: phone.displayPhoneNumber,
        verified_name: phone.verifiedName,
        quality_rating: 'GREEN',
      };
      const wanted = url.searchParams.get('fields')?.split(',') ?? Object.keys(all);
      return ok({ ...Object.fromEntries(wanted.filter((f) => f in all).map((f) => [f, all[f]])), id });
    }
    const media = this.media.get(id);
    if (!media) return fault(unknownObject(id));
    return ok({
      messaging_product: 'whatsapp',
      url: `${this.baseUrl}/download/${encodeURIComponent(id)}`,
      mime_type: media.mimeType,
      sha256: media.declaredSha256 ?? createHash('sha256').update(media.bytes).digest('hex'),
      file_size: media.bytes.length,
      id,
    });
  }

  private download(id: string): Reply {
    const media = this.media.get(decodeURIComponent(id));
    if (!media) return { status: 404, bytes: Buffer.from('Not Found'), contentType: 'text/plain' };
    return { status: 200, bytes: media.bytes, contentType: media.mimeType };
  }

  private listTemplates(wabaId: string, url: URL): Reply {
    const all = this.templates.get(wabaId);
    if (!all) return fault(unknownObject(wabaId));
    const requested = Number(url.searchParams.get('limit') ?? 25);
    const size = Math.max(1, Math.min(Number.isFinite(requested) ? requested : 25, this.templatePageSize));
    const start = Number(url.searchParams.get('after') ?? 0) || 0;
    const data = all.slice(start, start + size);
    const end = start + data.length;
    const paging: Record<string, unknown> = { cursors: { before: String(start), after: String(end) } };
    if (end < all.length) paging['next'] = `${this.baseUrl}${url.pathname}?limit=${size}&after=${end}`;
    return ok({ data, paging });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

/** Starts a fake on 127.0.0.1 with a free port; remember to `close()` it. */
export async function startFakeGraphServer(options: FakeGraphOptions = {}): Promise<FakeGraphServer> {
  return new FakeGraphServer(options).listen();
}

function ok(json: unknown): Reply {
  return { status: 200, json };
}

function fault(f: GraphFault): Reply {
  return { status: f.status, json: graphErrorBody(f) };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
