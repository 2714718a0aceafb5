import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Liveness and readiness for process managers and load balancers (API-CONTRACT.md, "Process"). Not under /api, not in OpenAPI. */
export const healthRoutes: FastifyPluginAsyncZod<{ ping: () => Promise<void>; isShuttingDown: () => boolean }> = async (
  app,
  { ping, isShuttingDown },
) => {
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (isShuttingDown()) return reply.status(503).send({ status: 'unavailable', reason: 'shutting down' });
    try {
      await Promise.race([
        ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('database did not answer within 2 s')), 2000).unref()),
      ]);
      return { status: 'ok' };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.status(503).send({ status: 'unavailable', reason: `database: ${(error as Error).message}` });
    }
  });
};
