import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import type { ConnectionsService } from '../connections/index.js';
import { demoPage } from './demo-page.js';

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

export const webchatRoutes: FastifyPluginAsync<{ connections: ConnectionsService }> = async (app, { connections }) => {
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
};
