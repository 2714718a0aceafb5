import { ConfigError, loadConfig } from './infra/config.js';
import { DataDirLockedError } from './infra/db/embedded.js';
import { createLogger } from './infra/logger.js';
import { createServer } from './app.js';
import { seedPlatformOperator } from './modules/platform/index.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  let server;
  try {
    server = await createServer(config, logger);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      // Printed plainly: this is for the person at the terminal, whatever LOG_LEVEL says.
      console.error(error.message);
      process.exit(75); // EX_TEMPFAIL
    }
    throw error;
  }

  const seed = await server.services.companies.seedDemo({ email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
  if (config.SAAS === 'on') await server.services.plans.seedDefaults();
  const operator =
    config.SAAS === 'on'
      ? await seedPlatformOperator(server.database.pool, server.services.companies, {
          email: config.PLATFORM_ADMIN_EMAIL,
          password: config.PLATFORM_ADMIN_PASSWORD,
        })
      : undefined;
  const address = await server.listen();
  // Listening on every interface: the address a person types is localhost.
  const shown = ['0.0.0.0', '::'].includes(config.HOST) ? `http://localhost:${new URL(address).port}` : address;
  logger.info({ address, database: server.database.mode }, 'Jimmy Chat is ready');
  const passwordHint = seed.usingDefaults ? 'jimmy-demo-2026' : '(the ADMIN_PASSWORD you set)';
  process.stdout.write(
    `\n  Jimmy Chat is running at ${shown}\n` +
      (seed.created
        ? `  Demo company created. Sign in as ${seed.email} / ${passwordHint}\n`
        : `  Demo admin: ${seed.email} (password as set at first start)\n`) +
      (operator?.created ? `  Platform admin created: ${operator.email} (PLATFORM_ADMIN_PASSWORD or the README's default)\n` : '') +
      `  Database: ${server.database.mode === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}\n\n`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests and jobs');
    const forced = setTimeout(() => {
      logger.error('shutdown took longer than 25 s; exiting');
      process.exit(1);
    }, 25_000);
    forced.unref();
    try {
      await server.close();
      logger.info('stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error while shutting down');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
