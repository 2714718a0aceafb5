import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';
import { isBlockedAddress } from './network-guard.js';

/**
 * The one way the server calls a URL a tenant typed (flow HTTP and AI nodes, the simulator): only
 * http(s), no redirects, a deadline, a size cap and, unless the operator allows it, no private,
 * loopback or link-local address. It never throws: every failure is a result the flow can branch on.
 */
interface OutboundHttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

type OutboundHttpResult = { ok: true; status: number; data: unknown } | { ok: false; error: string; status?: number };

type OutboundDownload = { ok: true; bytes: Buffer; mime: string } | { ok: false; error: string };

export interface OutboundHttp {
  request(req: OutboundHttpRequest): Promise<OutboundHttpResult>;
  /** A GET for a file (Media nodes' URLs, fetched when a flow is published). */
  download(url: string, options: { timeoutMs: number; maxBytes: number }): Promise<OutboundDownload>;
}

/** Media files go up to WhatsApp's largest video/document sizes we accept; bigger is refused. */
export const MAX_DOWNLOAD_BYTES = 16 * 1024 * 1024;

const DEFAULT_MAX_BYTES = 1024 * 1024;
const EXCERPT_CHARS = 200;

class Refused extends Error {}

const refusal = (address: string) =>
  `refused: ${address} is a private, loopback or link-local address (ALLOW_PRIVATE_NETWORK_CALLS is off)`;

/**
 * Resolves like dns.lookup but hands the socket only addresses that pass the guard, so the address
 * checked is the address connected to. Node asks for `all` when it races IPv4 and IPv6 (autoSelectFamily).
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const allowed = addresses.filter((a) => !isBlockedAddress(a.address));
    const first = allowed[0];
    if (!first) return callback(new Refused(refusal(addresses[0]?.address ?? hostname)), '', 0);
    if (options.all) return (callback as unknown as (e: null, list: dns.LookupAddress[]) => void)(null, allowed); // the `all` overload
    callback(null, first.address, first.family);
  });
};

export function createOutboundHttp(options: { allowPrivate: boolean; maxBytes?: number }): OutboundHttp {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return {
    request: async (req) => {
      const raw = await exchange(req, options.allowPrivate, maxBytes);
      if (!raw.ok) return raw;
      const text = raw.bytes.toString('utf8');
      if (raw.status < 200 || raw.status >= 300) {
        const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, EXCERPT_CHARS);
        return { ok: false, status: raw.status, error: `HTTP ${raw.status}${excerpt ? `: ${excerpt}` : ''}` };
      }
      return parseBody(raw.status, text, raw.contentType);
    },
    download: async (url, { timeoutMs, maxBytes: cap }) => {
      const raw = await exchange({ method: 'GET', url, headers: {}, timeoutMs }, options.allowPrivate, Math.min(cap, MAX_DOWNLOAD_BYTES));
      if (!raw.ok) return { ok: false, error: raw.error };
      if (raw.status < 200 || raw.status >= 300) return { ok: false, error: `HTTP ${raw.status}` };
      if (raw.bytes.length === 0) return { ok: false, error: 'the file is empty' };
      const mime = raw.contentType?.split(';')[0]?.trim().toLowerCase() || 'application/octet-stream';
      return { ok: true, bytes: raw.bytes, mime };
    },
  };
}

type RawResult =
  { ok: true; status: number; bytes: Buffer; contentType: string | undefined } | { ok: false; error: string; status?: number };

function exchange(req: OutboundHttpRequest, allowPrivate: boolean, maxBytes: number): Promise<RawResult> {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return Promise.resolve({ ok: false, error: 'invalid URL' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.resolve({ ok: false, error: `unsupported scheme ${url.protocol.replace(/:$/, '')} (only http and https)` });
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // A literal IP skips the lookup entirely, so it is checked here.
  if (!allowPrivate && net.isIP(host) && isBlockedAddress(host)) return Promise.resolve({ ok: false, error: refusal(host) });

  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: RawResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const headers: Record<string, string> = { ...req.headers };
    const hasHeader = (name: string) => Object.keys(headers).some((k) => k.toLowerCase() === name);
    if (req.body !== undefined) {
      if (!hasHeader('content-type')) headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(req.body));
    }
    if (!hasHeader('user-agent')) headers['user-agent'] = 'JimmyChat-Flows/1';

    let request: http.ClientRequest;
    try {
      request = (url.protocol === 'https:' ? https : http).request({
        method: req.method,
        protocol: url.protocol,
        hostname: host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        headers,
        // A fresh socket each call: a pooled one could have been opened under another guard setting.
        agent: false,
        ...(allowPrivate ? {} : { lookup: guardedLookup }),
      });
    } catch (error) {
      // Invalid header names or values throw synchronously.
      resolve({ ok: false, error: error instanceof Error ? error.message : String(error) });
      return;
    }
    const timer = setTimeout(() => {
      finish({ ok: false, error: `timeout after ${req.timeoutMs}ms` });
      request.destroy();
    }, req.timeoutMs);

    request.on('socket', (socket) => {
      socket.once('connect', () => {
        // Belt and braces: whatever path the socket took, the peer must pass the guard too.
        if (!allowPrivate && socket.remoteAddress && isBlockedAddress(socket.remoteAddress)) {
          finish({ ok: false, error: refusal(socket.remoteAddress) });
          request.destroy();
        }
      });
    });
    request.on('error', (error) => finish({ ok: false, error: describe(error) }));
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        const location = response.headers.location;
        finish({ ok: false, status, error: `redirect ${status}${location ? ` to ${location}` : ''} not followed` });
        response.destroy();
        return;
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        finish({ ok: false, status, error: `response larger than ${maxBytes} bytes` });
        response.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          finish({ ok: false, status, error: `response larger than ${maxBytes} bytes` });
          response.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', (error) => finish({ ok: false, status, error: describe(error) }));
      response.on('end', () => finish({ ok: true, status, bytes: Buffer.concat(chunks), contentType: response.headers['content-type'] }));
    });
    request.end(req.body);
  });
}

function parseBody(status: number, text: string, contentType: string | undefined): OutboundHttpResult {
  // application/json, application/problem+json, text/json…
  if (!contentType || !/[/+]json\b/i.test(contentType)) return { ok: true, status, data: text };
  if (text.trim() === '') return { ok: true, status, data: null };
  try {
    return { ok: true, status, data: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status, error: 'response is not valid JSON' };
  }
}

function describe(error: Error): string {
  if (error instanceof Refused) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET') return 'connection reset';
  return error.message || code || 'request failed';
}
