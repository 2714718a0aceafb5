import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as connectSocket, type Socket } from 'socket.io-client';
import pg from 'pg';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createServer, type JimmyServer, type ServerOverrides } from '../src/app.js';
import { loadConfig } from '../src/infra/config.js';
import { createLogger } from '../src/infra/logger.js';

/**
 * A real server on a real database for one test file: embedded PGlite in a temp folder by default,
 * a fresh database on TEST_DATABASE_URL's server when set, and the Redis adapter with TEST_REDIS_URL.
 */
export interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'jimmy-test-'));
    return { env: { DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `jimmy_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'jimmy-test-'));
  return {
    env: { DATABASE_URL: url.toString(), DATA_DIR: dataDir },
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function testEnv(database: TestDatabase, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    APP_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    // Never a real WhatsApp socket from a test: QR connections talk to the offline stand-in.
    WHATSAPP_WEB_SOCKET: 'fake',
    // Flow HTTP and AI nodes call fakes on 127.0.0.1, which the SSRF guard refuses by default.
    ALLOW_PRIVATE_NETWORK_CALLS: 'true',
    // Each test file's servers get their own Redis channels: company ids repeat across test databases.
    ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL, REDIS_KEY: `jimmy-test-${process.pid}` } : {}),
    ...database.env,
    ...extra,
  };
}

export async function bootServer(env: NodeJS.ProcessEnv, overrides: ServerOverrides = {}): Promise<JimmyServer> {
  const config = loadConfig(env);
  return createServer(config, createLogger(config.LOG_LEVEL), overrides);
}

export interface TestApp {
  server: JimmyServer;
  database: TestDatabase;
  /** Demo company (id) and its admin, created fresh for this file. */
  companyA: TestCompany;
  companyB: TestCompany;
  inject(options: InjectOptions & { token?: string }): Promise<LightMyRequestResponse>;
  login(email: string, password: string): Promise<string>;
  createCompany(name: string): Promise<TestCompany>;
  createUser(
    company: TestCompany,
    role: 'admin' | 'supervisor' | 'agent',
    name?: string,
  ): Promise<{ id: number; email: string; password: string; token: string }>;
  close(): Promise<void>;
}

export interface TestCompany {
  id: number;
  adminId: number;
  adminEmail: string;
  adminPassword: string;
  adminToken: string;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

export async function startTestApp(extraEnv: Record<string, string> = {}, overrides: ServerOverrides = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  // A test may restart the server on the same database by replacing app.server; everything follows it.
  const current = { server: await bootServer(testEnv(database, extraEnv), overrides) };

  const inject: TestApp['inject'] = ({ token, headers, ...options }) =>
    current.server.http.inject({ ...options, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

  const login = async (email: string, password: string) => {
    const response = await inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    if (response.statusCode !== 200) throw new Error(`login failed for ${email}: ${response.statusCode} ${response.body}`);
    return response.json<{ accessToken: string }>().accessToken;
  };

  const createCompany = async (name: string): Promise<TestCompany> => {
    const adminEmail = `admin-${unique()}@example.com`;
    const adminPassword = 'correct horse battery';
    const { companyId, adminId } = await current.server.services.companies.createWithAdmin({
      name,
      admin: { name: `${name} Admin`, email: adminEmail, password: adminPassword },
    });
    return { id: companyId, adminId, adminEmail, adminPassword, adminToken: await login(adminEmail, adminPassword) };
  };

  const createUser: TestApp['createUser'] = async (company, role, name = `${role} ${unique()}`) => {
    const email = `${role}-${unique()}@example.com`;
    const password = 'a long enough password';
    const response = await inject({
      method: 'POST',
      url: '/api/users',
      token: company.adminToken,
      payload: { name, email, password, role },
    });
    if (response.statusCode !== 201) throw new Error(`createUser failed: ${response.statusCode} ${response.body}`);
    return { id: response.json<{ id: number }>().id, email, password, token: await login(email, password) };
  };

  const companyA = await createCompany('Company A');
  const companyB = await createCompany('Company B');
  return {
    get server() {
      return current.server;
    },
    set server(next: JimmyServer) {
      current.server = next;
    },
    database,
    companyA,
    companyB,
    inject,
    login,
    createCompany,
    createUser,
    async close() {
      await current.server.close();
      await database.drop();
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/**
 * A server as its own OS process (the multi-process tests and the memory benchmark), answering
 * /readyz before this resolves. `args` choose the entry: the sources through tsx or the bundle.
 */
export async function spawnServer(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..'),
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while ((await fetch(`${url}/readyz`).catch(() => undefined))?.status !== 200) {
    if (child.exitCode !== null) throw new Error(`server process exited with ${child.exitCode}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server process not ready within ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { child, url };
}

/** A Socket.IO client signed in with `token`, its rooms joined (the ping answers after the join). */
export async function openSocket(baseUrl: string, token: string, sockets: Socket[]): Promise<Socket> {
  const socket = connectSocket(baseUrl, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  await socket.timeout(2000).emitWithAck('ping');
  return socket;
}
