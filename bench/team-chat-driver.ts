/**
 * The clients of bench/team-chat.ts, forked so that 200 sockets and the posting loop do not share
 * the server's event loop: one socket.io-client connection per agent, an open-loop poster over
 * keep-alive HTTP, and a spare socket measuring the ping round trip as the same-run baseline.
 */
import http from 'node:http';
import { io, type Socket } from 'socket.io-client';
import { percentileOf, wallClock } from './lib-driver.js';
import type {
  ChatConversation,
  ChatUser,
  ConnectCommand,
  Distribution,
  RunCommand,
  RunReport,
  TeamChatDriverCommand,
} from './lib-team-chat.js';

const sockets = new Map<number, Socket>();
const outsiderSockets: Socket[] = [];
let pinger: Socket | undefined;
/** One server per entry; with two, agents alternate between them and posts go to each in turn. */
let baseUrls: string[] = [];
const nodeOf = new Map<number, number>();
let tokens = new Map<number, string>();
/** Called for every `chat.message` any socket receives; replaced per run. */
let onMessage: (receiverId: number, payload: unknown, at: number) => void = () => undefined;

const distribution = (values: number[]): Distribution => ({
  n: values.length,
  p50Ms: percentileOf(values, 50),
  p95Ms: percentileOf(values, 95),
  p99Ms: percentileOf(values, 99),
  maxMs: values.length > 0 ? Math.round(Math.max(...values) * 100) / 100 : null,
});

function open(user: ChatUser, receiverId: number, node: number): Promise<Socket> {
  // forceNew: one connection (and one handshake token) per agent, never multiplexed on a shared manager.
  const socket = io(baseUrls[node], { auth: { token: user.token }, transports: ['websocket'], reconnection: false, forceNew: true });
  socket.on('chat.message', (payload: unknown) => onMessage(receiverId, payload, wallClock()));
  return new Promise((resolve, reject) => {
    socket.once('connect_error', reject);
    // The gateway answers a ping once the socket joined its rooms: from then on nothing is missed.
    socket.emit('ping', () => resolve(socket));
  });
}

async function connect(command: ConnectCommand) {
  const started = performance.now();
  baseUrls = command.baseUrls;
  tokens = new Map(command.users.map((user) => [user.userId, user.token]));
  // A few at a time: 200 simultaneous handshakes would measure the login storm, not the chat.
  const queue = [...command.users];
  const worker = async () => {
    for (let user = queue.shift(); user; user = queue.shift()) {
      const node = command.users.indexOf(user) % baseUrls.length;
      nodeOf.set(user.userId, node);
      sockets.set(user.userId, await open(user, user.userId, node));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  for (const outsider of command.outsiders)
    outsiderSockets.push(await open(outsider, -outsider.userId, outsiderSockets.length % baseUrls.length));
  pinger = await open(command.users[0]!, 0, 0);
  return { type: 'connected', sockets: sockets.size + outsiderSockets.length + 1, seconds: (performance.now() - started) / 1000 };
}

async function pingSeries(count: number, everyMs: number, stopAt?: () => boolean): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count && !stopAt?.(); i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve) => pinger!.emit('ping', () => resolve()));
    times.push(performance.now() - t0);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return times;
}

function post(agent: http.Agent, node: number, conversationId: number, token: string, body: string): Promise<number> {
  const url = new URL(`/api/chat/conversations/${conversationId}/messages`, baseUrls[node]);
  const payload = JSON.stringify({ body });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(payload)),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

/** GET /api/me at the run's rate for a few seconds, as each agent in turn: the server's plainest authenticated request. */
async function getBaseline(rate: number, seconds: number, userTokens: string[]): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const url = new URL('/api/me', baseUrls[0]);
  const times: number[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let seq = 0; seq < rate * seconds; seq++) {
    const due = start + (seq * 1000) / rate;
    while (performance.now() < due) await new Promise((resolve) => setTimeout(resolve, 1));
    const t0 = performance.now();
    pending.push(
      new Promise<void>((resolve) => {
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            agent,
            headers: { authorization: `Bearer ${userTokens[seq % userTokens.length]}` },
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              if (res.statusCode === 200) times.push(performance.now() - t0);
              resolve();
            });
          },
        );
        req.on('error', () => resolve());
        req.end();
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  return times;
}

async function run(command: RunCommand): Promise<RunReport> {
  const groups = command.conversations.filter((c) => c.kind === 'group');
  const directs = command.conversations.filter((c) => c.kind === 'direct');
  const intended = Math.round(command.rate * command.seconds);
  // No '#' in the marker: `#123` is a ticket chip to the server, which would change what is measured.
  const marker = new RegExp(`^bench ${command.runId} n(\\d+)\\b`);
  const plan: { conversation: ChatConversation; authorId: number }[] = Array.from({ length: intended }, (_, seq) => {
    const direct = command.directEvery > 0 && directs.length > 0 && seq % command.directEvery === command.directEvery - 1;
    const conversation = direct ? directs[seq % directs.length]! : groups[seq % groups.length]!;
    // The author rotates among the members, so every agent both posts and receives.
    return { conversation, authorId: conversation.memberIds[Math.floor(seq / groups.length) % conversation.memberIds.length]! };
  });
  const sentAt = new Array<number>(intended).fill(Number.NaN);
  const created = new Array<boolean>(intended).fill(false);
  const received = new Map<number, Set<number>>();
  const latencies: number[] = [];
  const groupLatencies: number[] = [];
  const directLatencies: number[] = [];
  const sameNode: number[] = [];
  const crossNode: number[] = [];
  let duplicates = 0;
  let leaked = 0;
  let authorEchoes = 0;
  let lastDeliveryAt = 0;
  let lastPostAnsweredAt = 0;
  onMessage = (receiverId, payload, at) => {
    const message = (payload as { message?: { body?: unknown } }).message;
    const match = typeof message?.body === 'string' ? marker.exec(message.body) : null;
    if (!match) return;
    const seq = Number(match[1]);
    const entry = plan[seq];
    if (!entry) return;
    if (receiverId === entry.authorId) {
      authorEchoes++;
      return;
    }
    if (receiverId <= 0 || !entry.conversation.memberIds.includes(receiverId)) {
      // The pinger (0) shares the first user's token, so it legitimately hears that user's conversations.
      if (receiverId !== 0) leaked++;
      return;
    }
    const seen = received.get(seq) ?? new Set<number>();
    if (seen.has(receiverId)) {
      duplicates++;
      return;
    }
    seen.add(receiverId);
    received.set(seq, seen);
    const ms = at - sentAt[seq]!;
    lastDeliveryAt = Math.max(lastDeliveryAt, at);
    latencies.push(ms);
    (entry.conversation.kind === 'group' ? groupLatencies : directLatencies).push(ms);
    (nodeOf.get(receiverId) === seq % baseUrls.length ? sameNode : crossNode).push(ms);
  };

  const pingIdle = await pingSeries(50, 20);
  const httpBaseline = await getBaseline(command.rate, 5, [...tokens.values()]);
  const agents = baseUrls.map(() => new http.Agent({ keepAlive: true, maxSockets: command.maxInFlight }));
  const postMs: number[] = [];
  const postErrors: Record<string, number> = {};
  let inFlight = 0;
  let posted = 0;
  let shed = 0;
  let running = true;
  const pingDuring = pingSeries(Number.MAX_SAFE_INTEGER, 100, () => !running);
  const start = performance.now();
  const postingFrom = wallClock();
  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = () => {
      const due = Math.min(intended, Math.floor(((performance.now() - start) * command.rate) / 1000) + 1);
      for (; next < due; next++) {
        if (inFlight >= command.maxInFlight) {
          shed++;
          continue;
        }
        const seq = next;
        const { conversation, authorId } = plan[seq]!;
        inFlight++;
        posted++;
        sentAt[seq] = wallClock();
        const t0 = performance.now();
        const ref = command.refEvery > 0 && seq % command.refEvery === 0 ? ` Olhem o #${command.refTicketId}, por favor.` : '';
        post(
          agents[seq % baseUrls.length]!,
          seq % baseUrls.length,
          conversation.id,
          tokens.get(authorId)!,
          `bench ${command.runId} n${seq} Pessoal, alguém pode olhar o ticket do cliente?${ref}`,
        )
          .then(
            (status) => {
              postMs.push(performance.now() - t0);
              lastPostAnsweredAt = wallClock();
              if (status === 201) created[seq] = true;
              else postErrors[`http_${status}`] = (postErrors[`http_${status}`] ?? 0) + 1;
            },
            (error: NodeJS.ErrnoException) => {
              const kind = error.code ?? error.message.slice(0, 40);
              postErrors[kind] = (postErrors[kind] ?? 0) + 1;
            },
          )
          .finally(() => inFlight--);
      }
      if (next < intended) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const elapsedMs = performance.now() - start;
  const postingTo = wallClock();
  let expected = 0;
  const expectedOf = (seq: number) => (created[seq] ? plan[seq]!.conversation.memberIds.length - 1 : 0);
  for (let seq = 0; seq < intended; seq++) expected += expectedOf(seq);
  // Late is not lost: wait while deliveries still arrive (quiet for settleMs ends it), at most a minute.
  const hardStop = performance.now() + 60_000;
  let seen = latencies.length;
  let quietSince = performance.now();
  while (latencies.length < expected && performance.now() < hardStop && performance.now() - quietSince < command.settleMs) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (latencies.length !== seen) {
      seen = latencies.length;
      quietSince = performance.now();
    }
  }
  running = false;
  const pingTimes = await pingDuring;
  for (const agent of agents) agent.destroy();
  onMessage = () => undefined;
  return {
    type: 'runDone',
    intended,
    posted,
    shed,
    postErrors,
    achievedPerSecond: Math.round((created.filter(Boolean).length / (elapsedMs / 1000)) * 10) / 10,
    expected,
    delivered: latencies.length,
    lost: expected - latencies.length,
    lastDeliveryAfterLastPostMs: Math.round(Math.max(0, lastDeliveryAt - lastPostAnsweredAt)),
    duplicates,
    leaked,
    authorEchoes,
    delivery: distribution(latencies),
    deliveryGroups: distribution(groupLatencies),
    deliveryDirect: distribution(directLatencies),
    deliverySameNode: distribution(sameNode),
    deliveryCrossNode: distribution(crossNode),
    post: distribution(postMs),
    pingDuringRun: distribution(pingTimes),
    pingIdle: distribution(pingIdle),
    httpBaseline: distribution(httpBaseline),
    postingWindow: { from: postingFrom, to: postingTo },
  };
}

function reply(work: Promise<object>) {
  work.then(
    (message) => process.send?.(message),
    (error: unknown) => process.send?.({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
}

process.on('message', (command: TeamChatDriverCommand) => {
  switch (command.type) {
    case 'connect':
      reply(connect(command));
      break;
    case 'run':
      reply(run(command));
      break;
    case 'stop':
      for (const socket of [...sockets.values(), ...outsiderSockets, ...(pinger ? [pinger] : [])]) socket.close();
      process.disconnect();
      break;
  }
});
// An orphaned driver (parent killed) must not keep sockets open against a port that may be reused.
process.on('disconnect', () => process.exit(0));
