import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const urlWithProtocols = (protocols: string[]) =>
  z.url().refine((value) => protocols.some((p) => value.startsWith(`${p}://`)), {
    message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
  });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: urlWithProtocols(['postgres', 'postgresql']).optional(),
  /** Connections per process to DATABASE_URL (the embedded database always uses one). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(20),
  REDIS_URL: urlWithProtocols(['redis', 'rediss']).optional(),
  /** Prefix of the realtime channels in Redis (default socket.io); one per deployment sharing a Redis. */
  REDIS_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,60}$/)
    .optional(),
  APP_SECRET: z.string().min(32, 'must be at least 32 characters (try: openssl rand -hex 32)').optional(),
  PUBLIC_URL: urlWithProtocols(['http', 'https']).optional(),
  WHATSAPP_GRAPH_URL: urlWithProtocols(['http', 'https']).default('https://graph.facebook.com'),
  WHATSAPP_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'must look like v23.0')
    .default('v23.0'),
  /** How long a Graph API call may take before it counts as a timeout (the send may still have reached Meta). */
  WHATSAPP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** Deadlines of the integrations' calls: the company's AI endpoint (assist, AI nodes) and its Typebot. */
  AI_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  TYPEBOT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** Outgoing mail (verification, invitations, password resets, billing reminders); unset: written to the log. */
  SMTP_URL: urlWithProtocols(['smtp', 'smtps']).optional(),
  MAIL_FROM: z.string().min(3).max(200).default('Jimmy Chat <no-reply@jimmy.chat>'),
  /** Tests and demos: append every mail as a JSON line to this file as well. */
  MAIL_LOG_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  /** SAAS=on: the platform operator (super_admin) created at first start; never changed afterwards. */
  PLATFORM_ADMIN_EMAIL: z.email().default('platform@demo.jimmy.chat'),
  PLATFORM_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('jimmy-platform-2026'),
  WEB_DIST_DIR: z.string().optional(),
  /** Seconds an access token lives; short on purpose, the refresh token rotates behind it. */
  ACCESS_TOKEN_TTL: z.coerce.number().int().min(10).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Sign-ups per minute from one IP address (SAAS=on). */
  SIGNUP_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(5),
  /** Requests per minute each API token may make (docs/api.md); over it: 429 with Retry-After. */
  API_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(300),
  /**
   * `off`: customer messages are stored and shown but nothing routes them (no menu, no hours
   * messages, no survey answers). An operator's kill switch, and the benchmark's baseline.
   */
  INBOUND_PIPELINE: z.enum(['on', 'off']).default('on'),
  /** This process's name in leases (which node runs which QR connection); unique per running process. */
  NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,60}$/, 'letters, digits, dot, dash or underscore')
    .optional(),
  /** `fake`: an offline stand-in for WhatsApp's servers (tests, demos); never for real numbers. */
  WHATSAPP_WEB_SOCKET: z.enum(['baileys', 'fake']).default('baileys'),
  WHATSAPP_WEB_FAKE_QR_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
  WHATSAPP_WEB_FAKE_AUTOPAIR_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  /** fake mode: customer messages per second on every open QR connection (the memory benchmark). */
  WHATSAPP_WEB_FAKE_INBOUND_PER_S: z.coerce.number().min(0).max(1000).default(0),
  /** fake mode: append every send as a JSON line to this file (multi-process tests count them). */
  WHATSAPP_WEB_FAKE_LOG: z.string().optional(),
  /** How long a node owns a QR connection without renewing; another node takes over after it. */
  WHATSAPP_WEB_LEASE_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  /** QR codes shown before a pairing attempt stops (each lives 20–60 s). */
  WHATSAPP_WEB_QR_LIMIT: z.coerce.number().int().min(1).max(100).default(5),
  /** Minimum gap between two sends on one QR number (ban risk). */
  WHATSAPP_WEB_SEND_SPACING_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  /**
   * Tests only: a repeating scheduled message's "day" lasts this many milliseconds (a week 7, a month
   * 30) instead of calendar days in the company's time zone. Unset in production.
   */
  SCHEDULE_REPEAT_UNIT_MS: z.coerce.number().int().min(100).optional(),
  /** Outbound webhooks: how long one POST may take before it counts as failed. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Outbound webhooks: the first retry's delay; each next one doubles (capped at an hour). */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  /** Outbound webhooks: a delivery still failing this long after its event is given up (24 h). */
  WEBHOOK_RETRY_WINDOW_MS: z.coerce.number().int().min(100).default(86_400_000),
  /** Outbound webhooks: a subscription failing without a single success this long is switched off (3 days). */
  WEBHOOK_DISABLE_AFTER_MS: z.coerce.number().int().min(100).default(259_200_000),
  /** Outbound webhooks: how often the relay looks for new events (it is also woken by local changes). */
  WEBHOOK_RELAY_INTERVAL_MS: z.coerce.number().int().min(20).max(60_000).default(1_000),
  /**
   * `on`: Jimmy Chat sold as a service: public site, sign-up with a trial, plans and limits, billing, the
   * platform admin. `off`: one company, self-hosted: none of that shows, no limits apply, `/` is the
   * console's login (PUBLIC_SITE is then off whatever it says).
   */
  SAAS: z.enum(['on', 'off']).default('on'),
  /** Days a company keeps working after an invoice's due date before it turns read-only. */
  BILLING_GRACE_DAYS: z.coerce.number().int().min(0).max(60).default(5),
  /** Where companies pay (docs/billing.md): `manual` (no charge; an operator marks invoices as paid) or `asaas`. */
  BILLING_GATEWAY: z.enum(['manual', 'asaas']).default('manual'),
  /** Asaas REST API v3 (sandbox: https://api-sandbox.asaas.com/v3). */
  ASAAS_URL: urlWithProtocols(['http', 'https']).default('https://api.asaas.com/v3'),
  ASAAS_API_KEY: z.string().min(10).optional(),
  /** The token set on the Asaas webhook; Asaas sends it back in `asaas-access-token`. */
  ASAAS_WEBHOOK_TOKEN: z.string().min(32, 'must be at least 32 characters (Asaas accepts 32 to 255)').optional(),
  /** Days before an invoice's due date that the reminder e-mail goes out (another on the due date). */
  BILLING_REMINDER_DAYS: z.coerce.number().int().min(0).max(30).default(3),
  /**
   * The public site (home, policies, contact form, sitemap) for signed-out visitors at `/`. `off`: a
   * self-hosted single-company install; `/` is the console's login and the site's routes answer 404.
   */
  PUBLIC_SITE: z.enum(['on', 'off']).default('on'),
  /** The company the site's contact form files its leads into (default: the first company, the seeded Demo). */
  SITE_COMPANY_ID: z.coerce.number().int().min(1).optional(),
  /** Data controller named in the privacy policy (LGPD art. 5 VI), its CNPJ/CPF and the DPO's e-mail (art. 41). */
  SITE_CONTROLLER_NAME: z.string().min(1).max(200).default('Jimmy Chat'),
  SITE_CONTROLLER_DOCUMENT: z.string().max(40).optional(),
  SITE_DPO_EMAIL: z.email().default('privacidade@jimmy.chat'),
  /** Analytics site id (a Plausible domain or a GA4 id): the loader runs only after analytics consent; unset = nothing loads. */
  SITE_ANALYTICS_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,100}$/, 'letters, digits, dot, dash or underscore')
    .optional(),
  /** The analytics loader's URL (default Plausible's script); its origin is the only one the site's CSP adds. */
  SITE_ANALYTICS_SRC: urlWithProtocols(['http', 'https']).default('https://plausible.io/js/script.js'),
  /**
   * Outbound HTTP (flow HTTP and AI nodes) refuses private, loopback and link-local addresses unless
   * this is true: on-premises installs that call their own intranet, and tests talking to local fakes.
   */
  ALLOW_PRIVATE_NETWORK_CALLS: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
});

type Env = z.infer<typeof envSchema>;
export interface Config extends Omit<Env, 'APP_SECRET'> {
  appSecret: string;
  /** NODE_ID, or host + port: stable across restarts, so a restarted node resumes its own leases and queue. */
  nodeId: string;
  dataDir: string;
  embedded: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, so `DATABASE_URL=` in a .env file means "embedded". */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`));
  }
  const values = parsed.data;
  const dataDir = path.resolve(values.DATA_DIR);
  const embedded = !values.DATABASE_URL;
  let appSecret = values.APP_SECRET;
  if (!appSecret) {
    if (!embedded && values.NODE_ENV === 'production') {
      throw new ConfigError(['APP_SECRET: required when DATABASE_URL is set (every node must share it; try: openssl rand -hex 32)']);
    }
    appSecret = readOrCreateSecret(dataDir);
  }
  const { APP_SECRET: _omit, ...rest } = values;
  const nodeId =
    values.NODE_ID ??
    `${os
      .hostname()
      .replace(/[^A-Za-z0-9_.-]/g, '-')
      .slice(0, 40)}-${values.PORT === 0 ? randomBytes(4).toString('hex') : values.PORT}`;
  // A self-hosted single company has no public site: `/` is its console's login.
  const PUBLIC_SITE = values.SAAS === 'off' ? 'off' : values.PUBLIC_SITE;
  if (values.SAAS === 'on' && values.BILLING_GATEWAY === 'asaas') {
    const missing = (['ASAAS_API_KEY', 'ASAAS_WEBHOOK_TOKEN'] as const).filter((name) => !values[name]);
    if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name}: required when BILLING_GATEWAY is asaas`));
  }
  return { ...rest, PUBLIC_SITE, appSecret, dataDir, embedded, nodeId };
}

/** The embedded mode keeps its secret beside its data, so a restart can still decrypt what it stored. */
function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'app-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
