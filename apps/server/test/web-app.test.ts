import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JimmyServer } from '../src/app.js';
import { bootServer, createTestDatabase, testEnv, type TestDatabase } from './harness.js';

/** A fake web build: index.html, one hashed asset with its precompressed copies, a favicon. */
const dist = mkdtempSync(path.join(os.tmpdir(), 'jimmy-web-dist-'));
const js = `console.log(${JSON.stringify('jimmy '.repeat(400))});\n`;
const html =
  '<!doctype html><html><head><script>window.theme = 1;</script><script type="module" src="/assets/index-AbC123.js"></script></head><body></body></html>';

let database: TestDatabase;
let server: JimmyServer;

beforeAll(async () => {
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), html);
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(dist, 'assets/index-AbC123.js'), js);
  writeFileSync(path.join(dist, 'assets/index-AbC123.js.br'), zlib.brotliCompressSync(js));
  writeFileSync(path.join(dist, 'assets/index-AbC123.js.gz'), zlib.gzipSync(js));
  database = await createTestDatabase();
  server = await bootServer(testEnv(database, { WEB_DIST_DIR: dist }));
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
  rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => server.http.inject({ method: 'GET', url, headers });

describe('serving the web app', () => {
  it.each([
    ['br, gzip', 'br', (b: Buffer) => zlib.brotliDecompressSync(b)],
    ['gzip', 'gzip', (b: Buffer) => zlib.gunzipSync(b)],
    ['gzip, deflate, br;q=0.5', 'gzip', (b: Buffer) => zlib.gunzipSync(b)],
  ])('sends the precompressed copy the browser accepts (Accept-Encoding: %s → %s)', async (accept, encoding, decode) => {
    const response = await get('/assets/index-AbC123.js', { 'accept-encoding': accept });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe(encoding);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(decode(response.rawPayload).toString()).toBe(js);
  });

  it('sends the plain file to a client that accepts no encoding', async () => {
    const response = await get('/assets/index-AbC123.js', { 'accept-encoding': 'identity' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body).toBe(js);
  });

  it('caches hashed assets for a year as immutable, and makes index.html and other files revalidate', async () => {
    const asset = await get('/assets/index-AbC123.js', { 'accept-encoding': 'br' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const page = await get('/tickets/12?tab=all', { accept: 'text/html' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain('/assets/index-AbC123.js');

    const direct = await get('/index.html');
    expect(direct.headers['cache-control']).toBe('no-cache');
    const favicon = await get('/favicon.svg');
    expect(favicon.headers['cache-control']).toBe('no-cache');
  });

  it('allows exactly the inline script of index.html in the CSP', async () => {
    const page = await get('/login', { accept: 'text/html' });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
  });

  it('still answers unknown API paths with a JSON 404, not the app', async () => {
    const response = await get('/api/nope', { accept: 'text/html' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('ROUTE_NOT_FOUND');
  });
});
