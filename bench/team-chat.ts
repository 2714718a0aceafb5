/**
 * Internal chat benchmark (issue 13): 200 agents online, 50 messages/s in groups, delivery latency.
 *
 * One server (in this process) on a fresh database; 200 agents of one company (rows written with
 * SQL for speed, then each logs in through POST /api/auth/login), 10 groups of 20 created through
 * POST /api/chat/conversations, plus 1:1 conversations. A forked driver holds one socket.io-client
 * connection per agent (and two sockets of another company, which must hear nothing) and posts
 * through POST /api/chat/conversations/:id/messages, open-loop at BENCH_CHAT_RATE per second for
 * BENCH_CHAT_SECONDS. Latency runs from just before each POST to each member's `chat.message`
 * (the author's own echo is not counted); delivered/expected shows anything lost. The same-run
 * baseline is the Socket.IO ping round trip, idle and during the run, on a spare socket.
 *
 * Quick run: `BENCH_CHAT_AGENTS=40 BENCH_CHAT_GROUPS=4 BENCH_CHAT_SECONDS=5 npm run bench -- team-chat`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JimmyServer } from '../apps/server/src/app.js';
import { hashPassword } from '../apps/server/src/infra/passwords.js';
import type { ChatConversation, ChatUser, Connected, RunReport, TeamChatDriverCommand } from './lib-team-chat.js';
import {
  BENCH_APP_SECRET,
  bootBenchServer,
  createBenchDatabase,
  forkDriver,
  httpClient,
  installDeadline,
  instrumentPool,
  log,
  login,
  nextMessage,
  printResult,
  round,
  sleep,
  summarizeStatements,
  type BenchDatabase,
} from './lib.js';

const AGENTS = Number(process.env.BENCH_CHAT_AGENTS ?? 200);
const GROUPS = Number(process.env.BENCH_CHAT_GROUPS ?? 10);
const DIRECTS = Number(process.env.BENCH_CHAT_DIRECTS ?? 10);
const RATE = Number(process.env.BENCH_CHAT_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_CHAT_SECONDS ?? 20);
/** One message in this many goes to a 1:1 conversation; the rest to groups. */
const DIRECT_EVERY = 10;
/** One message in this many names a ticket (`#n`): the server then renders it per reader. 0: plain text only. */
const REF_EVERY = Number(process.env.BENCH_CHAT_REF_EVERY ?? 0);
const GOAL_P99_MS = 100;
const PASSWORD = 'bench agent password';
/** 2: a second server process on the same PostgreSQL and Redis (needs BENCH_DATABASE_URL and BENCH_REDIS_URL). */
const NODES = Number(process.env.BENCH_CHAT_NODES ?? 1);
const REDIS_URL = process.env.BENCH_REDIS_URL;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The second node: the real entry point (apps/server/src/main.ts) in its own process, like the *-nodes tests. */
async function spawnNode(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while ((await fetch(`${url}/readyz`).catch(() => undefined))?.status !== 200) {
    if (child.exitCode !== null) throw new Error(`second node exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('second node not ready within 90 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { child, url };
}

type Client = ReturnType<typeof httpClient>;

async function seedAgents(server: JimmyServer, companyId: number, run: string, count: number): Promise<{ id: number; email: string }[]> {
  const passwordHash = await hashPassword(PASSWORD);
  const { rows } = await server.database.pool.query<{ id: string; email: string }>(
    `insert into users (company_id, name, email, role, password_hash)
     select $1, 'Agente ' || i, 'chat' || i || '-' || $2 || '@bench.example.com', 'agent', $3 from generate_series(1, $4::int) i
     order by i returning id, email`,
    [companyId, run, passwordHash, count],
  );
  return rows.map((row) => ({ id: Number(row.id), email: row.email }));
}

async function loginAll(client: Client, users: { id: number; email: string }[]): Promise<ChatUser[]> {
  const tokens = new Map<number, string>();
  const queue = [...users];
  // argon2 verification is the cost here; two at a time matches the machine's two cores.
  const worker = async () => {
    for (let user = queue.shift(); user; user = queue.shift()) tokens.set(user.id, await login(client, user.email, PASSWORD));
  };
  await Promise.all([worker(), worker()]);
  return users.map((user) => ({ userId: user.id, token: tokens.get(user.id)! }));
}

async function createConversations(client: Client, users: ChatUser[]): Promise<ChatConversation[]> {
  const conversations: ChatConversation[] = [];
  const size = Math.floor(users.length / GROUPS);
  for (let g = 0; g < GROUPS; g++) {
    const members = users.slice(g * size, (g + 1) * size);
    const [creator, ...others] = members;
    const answer = await client.postJson(
      '/api/chat/conversations',
      { kind: 'group', name: `Equipe ${g + 1}`, memberIds: others.map((m) => m.userId) },
      creator!.token,
    );
    if (answer.status !== 201) throw new Error(`create group: ${answer.status} ${answer.body.slice(0, 300)}`);
    const created = JSON.parse(answer.body) as { id: number; members?: { id: number }[] };
    const memberIds = created.members?.map((m) => Number(m.id)) ?? members.map((m) => m.userId);
    if (memberIds.length !== members.length)
      throw new Error(`group ${created.id} has ${memberIds.length} members, expected ${members.length}`);
    conversations.push({ id: Number(created.id), kind: 'group', memberIds });
  }
  for (let d = 0; d < DIRECTS && d + users.length / 2 < users.length; d++) {
    const a = users[d]!;
    const b = users[d + Math.floor(users.length / 2)]!;
    const answer = await client.postJson('/api/chat/conversations', { kind: 'direct', userId: b.userId }, a.token);
    if (answer.status !== 200 && answer.status !== 201) throw new Error(`create direct: ${answer.status} ${answer.body.slice(0, 300)}`);
    conversations.push({ id: Number((JSON.parse(answer.body) as { id: number }).id), kind: 'direct', memberIds: [a.userId, b.userId] });
  }
  return conversations;
}

async function main() {
  let database: BenchDatabase | undefined;
  let server: JimmyServer | undefined;
  let driver: ChildProcess | undefined;
  let second: ChildProcess | undefined;
  const cleanup = async () => {
    if (driver?.connected) driver.send({ type: 'stop' } satisfies TeamChatDriverCommand);
    driver?.kill();
    driver = undefined;
    // The second node goes first, and is waited for: a node still asking the adapter while the
    // other one closes its Redis clients would crash on a closed client after the result is printed.
    const child = second;
    second = undefined;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await server?.close().catch((error: unknown) => log(`server close: ${String(error)}`));
    server = undefined;
    await database?.drop();
    database = undefined;
  };
  const disarm = installDeadline(15 * 60_000, cleanup);
  try {
    database = await createBenchDatabase('teamchat');
    log(`booting server on ${database.kind} database`);
    const run = randomBytes(3).toString('hex');
    if (NODES > 1 && (database.kind !== 'postgres' || !REDIS_URL))
      throw new Error('BENCH_CHAT_NODES=2 needs BENCH_DATABASE_URL and BENCH_REDIS_URL (the embedded database serves one process)');
    const shared = {
      LOGIN_RATE_LIMIT: '10000',
      ...(NODES > 1 && { REDIS_URL: REDIS_URL!, REDIS_KEY: `jimmy-bench-chat-${run}` }),
    };
    const booted = await bootBenchServer(database, { ...shared, ...(NODES > 1 && { NODE_ID: 'bench-a' }) });
    server = booted.server;
    const baseUrls = [booted.baseUrl];
    if (NODES > 1) {
      const node = await spawnNode({
        ...database.env,
        ...shared,
        NODE_ENV: 'production',
        NODE_ID: 'bench-b',
        APP_SECRET: BENCH_APP_SECRET,
        ACCESS_TOKEN_TTL: '3600',
        LOG_LEVEL: 'warn',
        WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9',
      });
      second = node.child;
      baseUrls.push(node.url);
      log(`second node on ${node.url}, Redis adapter key ${shared.REDIS_KEY}`);
    }
    const client = httpClient(booted.baseUrl, { maxSockets: 2 });
    try {
      const { companyId } = await server.services.companies.createWithAdmin({
        name: 'Bench Team Chat',
        admin: { name: 'Bench Admin', email: `bench-chat-admin-${run}@example.com`, password: PASSWORD },
      });
      const other = await server.services.companies.createWithAdmin({
        name: 'Bench Other Company',
        admin: { name: 'Other Admin', email: `bench-chat-other-${run}@example.com`, password: PASSWORD },
      });
      const setupStarted = performance.now();
      const agents = await seedAgents(server, companyId, run, AGENTS);
      const outsiderRows = await seedAgents(server, other.companyId, `${run}o`, 1);
      const users = await loginAll(client, agents);
      const outsiders = [
        ...(await loginAll(client, outsiderRows)),
        { userId: -1, token: await login(client, `bench-chat-other-${run}@example.com`, PASSWORD) },
      ].map((user, i) => ({ ...user, userId: user.userId > 0 ? user.userId : 1_000_000 + i }));
      log(`${users.length} agents logged in (${round((performance.now() - setupStarted) / 1000, 1)} s)`);
      const conversations = await createConversations(client, users);
      log(
        `${conversations.filter((c) => c.kind === 'group').length} groups, ${conversations.filter((c) => c.kind === 'direct').length} 1:1`,
      );

      driver = forkDriver('team-chat-driver.ts');
      const connected = nextMessage<Connected>(driver, 'connected', 180_000);
      driver.send({ type: 'connect', baseUrls, users, outsiders } satisfies TeamChatDriverCommand);
      const sockets = await connected;
      log(`${sockets.sockets} sockets connected in ${round(sockets.seconds, 1)} s`);

      log(`posting ${RATE}/s for ${SECONDS} s`);
      const done = nextMessage<RunReport>(driver, 'runDone', (SECONDS + 90) * 1000);
      driver.send({
        type: 'run',
        runId: run,
        conversations,
        rate: RATE,
        seconds: SECONDS,
        directEvery: DIRECT_EVERY,
        refEvery: REF_EVERY,
        // Any number will do: a ticket that does not exist is a chip nobody may see, still resolved per reader.
        refTicketId: 1234,
        settleMs: 5_000,
        maxInFlight: 64,
      } satisfies TeamChatDriverCommand);
      // Observation only: what each POST costs the database, by statement shape.
      const recorder = instrumentPool(server.database.pool);
      recorder.start();
      const report = await done;
      const statements = summarizeStatements(
        recorder.stop().filter((statement) => statement.at >= report.postingWindow.from && statement.at <= report.postingWindow.to),
        report.posted,
      );
      const { type: _type, postingWindow: _window, ...result } = report;
      log(
        `delivery p50 ${report.delivery.p50Ms} p99 ${report.delivery.p99Ms} max ${report.delivery.maxMs} ms; ${report.delivered}/${report.expected}`,
      );
      const p99 = report.delivery.p99Ms;
      printResult({
        benchmark: 'team-chat',
        database: database.kind,
        nodes: baseUrls.length,
        agents: users.length,
        sockets: sockets.sockets,
        groups: conversations.filter((c) => c.kind === 'group').map((c) => c.memberIds.length),
        directs: conversations.filter((c) => c.kind === 'direct').length,
        targetPerSecond: RATE,
        ticketChipEvery: REF_EVERY,
        seconds: SECONDS,
        ...result,
        statementsPerMessage: { total: statements.total, top: statements.shapes.slice(0, 8) },
        postP50OverHttpBaselineP50:
          report.post.p50Ms !== null && report.httpBaseline.p50Ms ? round(report.post.p50Ms / report.httpBaseline.p50Ms, 1) : null,
        deliveryP99OverPingP99: p99 !== null && report.pingDuringRun.p99Ms ? round(p99 / report.pingDuringRun.p99Ms, 1) : null,
        goal: {
          p99UnderMs: GOAL_P99_MS,
          p99Ms: p99,
          p99Met: p99 !== null && p99 < GOAL_P99_MS,
          noneLost: report.lost === 0 && report.expected > 0,
          noneLeaked: report.leaked === 0,
          rateMet: report.achievedPerSecond >= RATE * 0.95,
        },
      });
    } finally {
      client.close();
    }
  } finally {
    disarm();
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
