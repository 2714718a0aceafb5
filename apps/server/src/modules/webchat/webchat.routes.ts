import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { LinkSigner } from '../../infra/crypto.js';
import { notFound } from '../../infra/errors.js';
import { sendStoredFile } from '../../infra/http-files.js';
import type { Storage } from '../../infra/storage.js';
import type { ConnectionsService } from '../connections/index.js';
import { demoPage } from './demo-page.js';
import type { WebchatRepository } from './webchat.repository.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The built bundle sits beside dist/main.js; when running from sources (dev, tests) the widget is
 * bundled on first request with esbuild, which the dev dependencies provide.
 */
let widgetScript: Promise<string> | undefined;
function loadWidget(): Promise<string> {
  widgetScript ??= (async () => {
    const built = path.join(here, 'widget.js');
    if (existsSync(built)) return readFileSync(built, 'utf8');
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [path.join(here, 'widget/widget.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      minify: true,
    });
    return result.outputFiles[0]!.text;
  })();
  return widgetScript;
}

const mediaRequest = {
  params: z.object({ id: z.coerce.number().int().positive() }),
  querystring: z.object({ sig: z.string().min(1).max(64) }),
};

export const webchatRoutes: FastifyPluginAsync<{
  connections: ConnectionsService;
  visitors: WebchatRepository;
  storage: Storage;
  mediaLinks: LinkSigner;
}> = async (app, { connections, visitors, storage, mediaLinks }) => {
  app.get('/widget.js', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      // Embedded on customers' own sites.
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(await loadWidget()),
  );

  app.get('/widget-demo', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const key = (request.query as { key?: string }).key;
    const connection = key ? await connections.findByWidgetKey(key) : await connections.firstWebchat();
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(demoPage(connection?.widgetKey ?? null));
  });

  // A file we sent to a web-chat visitor, opened from the widget on the customer's site. A wrong
  // signature answers exactly like a missing file.
  app.get('/webchat/media/:id', { config: { public: true }, schema: { hide: true, ...mediaRequest } }, async (request, reply) => {
    const { id } = mediaRequest.params.parse(request.params);
    const { sig } = mediaRequest.querystring.parse(request.query);
    const media = mediaLinks.verify(String(id), sig) ? await visitors.mediaOf(id) : undefined;
    const file = media && (await storage.open(media.path));
    if (!media || !file) throw notFound('Media');
    // Read from the customer's site, where the widget runs.
    reply.header('cross-origin-resource-policy', 'cross-origin');
    return sendStoredFile(reply, { ...file, mimeType: media.mime ?? 'application/octet-stream', fileName: media.name });
  });
};
