import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBlockedAddress } from './network-guard.js';
import { createOutboundHttp } from './outbound-http.js';

/** A local server whose routes exercise each outcome; `hits` proves what reached it. */
let server: http.Server;
let base: string;
let port: number;
const hits: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      switch (req.url) {
        case '/json':
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          return res.end(JSON.stringify({ hello: 'world', n: 1 }));
        case '/text':
          res.writeHead(200, { 'content-type': 'text/plain' });
          return res.end('plain words');
        case '/echo':
          res.writeHead(201, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ method: req.method, body, type: req.headers['content-type'], auth: req.headers.authorization }));
        case '/fail':
          res.writeHead(500, { 'content-type': 'text/plain' });
          return res.end(`boom ${'x'.repeat(1000)}`);
        case '/bad-json':
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end('{not json');
        case '/redirect':
          res.writeHead(302, { location: '/json' });
          return res.end();
        case '/big-declared':
          res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5000' });
          return res.end('y'.repeat(5000));
        case '/big-chunked':
          res.writeHead(200, { 'content-type': 'text/plain' });
          for (let i = 0; i < 10; i++) res.write('z'.repeat(500));
          return res.end();
        case '/logo.png':
          res.writeHead(200, { 'content-type': 'image/png; charset=binary' });
          return res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]));
        case '/slow':
          // Never answers in time; the client's deadline must end the call.
          setTimeout(() => res.end('late'), 5_000).unref();
          return;
        default:
          res.writeHead(404);
          return res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const open = createOutboundHttp({ allowPrivate: true });
const guarded = createOutboundHttp({ allowPrivate: false });
const get = (url: string, timeoutMs = 2_000) => ({ method: 'GET' as const, url, headers: {}, timeoutMs });

describe('createOutboundHttp with private calls allowed', () => {
  it('parses JSON bodies and returns other bodies as text', async () => {
    expect(await open.request(get(`${base}/json`))).toEqual({ ok: true, status: 200, data: { hello: 'world', n: 1 } });
    expect(await open.request(get(`${base}/text`))).toEqual({ ok: true, status: 200, data: 'plain words' });
  });

  it('sends the method, headers and body (JSON by default)', async () => {
    const result = await open.request({
      method: 'PATCH',
      url: `${base}/echo`,
      headers: { Authorization: 'Bearer k' },
      body: '{"a":1}',
      timeoutMs: 2_000,
    });
    expect(result).toEqual({
      ok: true,
      status: 201,
      data: { method: 'PATCH', body: '{"a":1}', type: 'application/json', auth: 'Bearer k' },
    });
  });

  it('answers a non-2xx status with the status and a short excerpt of the body', async () => {
    const result = await open.request(get(`${base}/fail`));
    expect(result).toMatchObject({ ok: false, status: 500 });
    if (result.ok) throw new Error('expected a failure');
    expect(result.error).toMatch(/^HTTP 500: boom x+$/);
    expect(result.error.length).toBeLessThan(250);
  });

  it('reports JSON that does not parse', async () => {
    expect(await open.request(get(`${base}/bad-json`))).toEqual({ ok: false, status: 200, error: 'response is not valid JSON' });
  });

  it('does not follow a redirect', async () => {
    hits.length = 0;
    const result = await open.request(get(`${base}/redirect`));
    expect(result).toEqual({ ok: false, status: 302, error: 'redirect 302 to /json not followed' });
    expect(hits).toEqual(['GET /redirect']);
  });

  it('gives up after the timeout', async () => {
    const started = Date.now();
    expect(await open.request(get(`${base}/slow`, 200))).toEqual({ ok: false, error: 'timeout after 200ms' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('caps the response size, declared or streamed', async () => {
    const small = createOutboundHttp({ allowPrivate: true, maxBytes: 1_000 });
    for (const path of ['/big-declared', '/big-chunked']) {
      expect(await small.request(get(`${base}${path}`))).toEqual({ ok: false, status: 200, error: 'response larger than 1000 bytes' });
    }
    expect(await open.request(get(`${base}/big-chunked`))).toMatchObject({ ok: true, data: 'z'.repeat(5000) });
  });

  it('refuses schemes other than http and https, and bad URLs, without throwing', async () => {
    expect(await open.request(get('ftp://example.com/file'))).toEqual({ ok: false, error: 'unsupported scheme ftp (only http and https)' });
    expect(await open.request(get('file:///etc/passwd'))).toEqual({ ok: false, error: 'unsupported scheme file (only http and https)' });
    expect(await open.request(get('not a url'))).toEqual({ ok: false, error: 'invalid URL' });
    expect(await open.request({ ...get(`${base}/json`), headers: { 'bad header': 'x' } })).toMatchObject({ ok: false });
  });
});

describe('download', () => {
  const opts = { timeoutMs: 2_000, maxBytes: 1_000 };
  it('answers the bytes and the type without its parameters', async () => {
    expect(await open.download(`${base}/logo.png`, opts)).toEqual({
      ok: true,
      bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]),
      mime: 'image/png',
    });
  });
  it('refuses a non-2xx status, a redirect, a file over the cap and, with the guard on, a private address', async () => {
    expect(await open.download(`${base}/missing`, opts)).toEqual({ ok: false, error: 'HTTP 404' });
    expect(await open.download(`${base}/redirect`, opts)).toEqual({ ok: false, error: 'redirect 302 to /json not followed' });
    expect(await open.download(`${base}/big-chunked`, opts)).toEqual({ ok: false, error: 'response larger than 1000 bytes' });
    const refused = await guarded.download(`${base}/logo.png`, opts);
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('refused: 127.0.0.1') });
  });
});

describe('createOutboundHttp with the SSRF guard on', () => {
  it.each([
    ['127.0.0.1', () => `${base}/json`],
    ['localhost (resolved)', () => `http://localhost:${port}/json`],
    ['::1', () => `http://[::1]:${port}/json`],
    ['IPv4-mapped 127.0.0.1', () => `http://[::ffff:127.0.0.1]:${port}/json`],
    ['10.x', () => 'http://10.1.2.3/'],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['0.0.0.0', () => `http://0.0.0.0:${port}/json`],
    ['decimal 127.0.0.1', () => `http://2130706433:${port}/json`],
  ])('refuses %s before anything is sent', async (_name, url) => {
    hits.length = 0;
    const result = await guarded.request(get(url(), 1_000));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^refused: .* private, loopback or link-local/);
    expect(hits).toEqual([]);
  });

  it('still refuses schemes before resolving', async () => {
    expect(await guarded.request(get('gopher://127.0.0.1/'))).toMatchObject({ ok: false, error: /unsupported scheme/ });
  });
});

describe('isBlockedAddress', () => {
  it.each([
    ['8.8.8.8', false],
    ['1.1.1.1', false],
    ['172.32.0.1', false],
    ['100.128.0.1', false],
    ['2001:4860:4860::8888', false],
    ['::ffff:8.8.8.8', false],
    ['10.0.0.1', true],
    ['172.16.5.4', true],
    ['172.31.255.255', true],
    ['192.168.1.1', true],
    ['100.64.0.1', true],
    ['127.8.9.10', true],
    ['169.254.169.254', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['fe80::1%eth0', true],
    ['fd12:3456::1', true],
    ['fc00::1', true],
    ['ff02::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:a9fe:a9fe', true],
    ['::ffff:10.0.0.1', true],
    ['64:ff9b::7f00:1', true],
    ['::127.0.0.1', true],
    ['[::1]', true],
    ['not-an-ip', true],
  ])('%s → %s', (address, expected) => {
    expect(isBlockedAddress(address)).toBe(expected);
  });
});
