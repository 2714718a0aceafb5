import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { notFoundBody } from './infra/http-errors.js';

/** Vite names every file under /assets after its content hash: a changed file is a new URL. */
const HASHED_ASSET = /^assets[\\/]/;
const HASHED_CACHE = 'public, max-age=31536000, immutable';
// index.html (and the favicon) keep their names across deploys: always revalidate them.
const REVALIDATE = 'no-cache';

/** The SPA's index.html may carry a tiny inline script (theme before first paint); CSP allows exactly those bytes. */
export function inlineScriptHashes(distDir: string): string[] {
  const file = path.join(distDir, 'index.html');
  if (!existsSync(file)) return [];
  const html = readFileSync(file, 'utf8');
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) =>
      `'sha256-${createHash('sha256')
        .update(m[1] ?? '')
        .digest('base64')}'`,
  );
}

/**
 * The built SPA: real files as they are, any other page path gets index.html so client routes
 * survive a reload. The web build writes .br and .gz beside each text file (apps/web/compress.mjs);
 * preCompressed picks the one the browser accepts, so nothing is compressed per request.
 */
export async function serveWebApp(http: FastifyInstance, distDir: string): Promise<void> {
  const hasBuild = existsSync(path.join(distDir, 'index.html'));
  if (hasBuild) {
    await http.register(fastifyStatic, {
      root: distDir,
      wildcard: false,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', HASHED_ASSET.test(path.relative(distDir, filePath)) ? HASHED_CACHE : REVALIDATE);
      },
    });
  }
  const isApiPath = (url: string) => /^\/(api|socket\.io|webhooks)(\/|$|\?)/.test(url);
  http.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !isApiPath(request.url) && request.headers.accept?.includes('text/html')) {
      if (hasBuild) return reply.header('cache-control', REVALIDATE).sendFile('index.html');
      return reply
        .type('text/html')
        .send(
          '<!doctype html><meta charset="utf-8"><title>Jimmy Chat</title><p>The web app is not built yet. Run <code>npm start</code> (or <code>npm run build</code>).</p>',
        );
    }
    return reply.status(404).send(notFoundBody(request.method, request.url));
  });
}
