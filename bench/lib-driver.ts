/**
 * The open-loop webhook sender shared by the forked load drivers (ingest-driver.ts, routing-driver.ts).
 * Only node:http and the webhook signer: a driver must stay light, it shares the cores with the server.
 *
 * Open-loop: message k of a step is due at start + k/rate whatever the server does. When the
 * in-flight cap is reached a due message is shed (counted, never sent), so a slow server shows up
 * as a lower achieved rate instead of silently slowing the generator down.
 */
import http from 'node:http';
import { signWebhook } from '@jimmy/channels/testing';
import { wamidFor, type DriverConfig, type StepCommand, type StepReport } from './lib-ingest.js';

export interface OpenLoopOptions {
  url: URL;
  agent: http.Agent;
  appSecret: string;
  rate: number;
  /** How many messages the step sends (the step lasts count / rate seconds). */
  count: number;
  maxInFlight: number;
  /** The webhook body of message `seq`, built at its send time (`sentAt`, wall clock in ms). */
  bodyOf(seq: number, sentAt: number): string;
}

export interface OpenLoopResult {
  intended: number;
  sent: number;
  shed: number;
  errors: number;
  errorKinds: Record<string, number>;
  /** Sequence numbers answered 200, in answer order. */
  ackedSeqs: number[];
  /** Wall-clock send and answer times per sequence number (NaN: never sent / never answered 200). */
  sentAt: number[];
  ackedAt: number[];
  /** Round-trip times of every answered request (any status). */
  httpMs: number[];
  /** From the first due time to the last answer, so a backlog drained after the schedule counts against the rate. */
  elapsedMs: number;
  bodyBytes: number;
}

/** The same clock in every process: wall-clock milliseconds with sub-millisecond precision. */
export const wallClock = () => performance.timeOrigin + performance.now();

export function percentileOf(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 100) / 100;
}

export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { url, agent, appSecret, rate, count: intended, maxInFlight, bodyOf } = options;
  const errorKinds: Record<string, number> = {};
  const ackedSeqs: number[] = [];
  const sentAt = new Array<number>(intended).fill(Number.NaN);
  const ackedAt = new Array<number>(intended).fill(Number.NaN);
  const httpMs: number[] = [];
  let inFlight = 0;
  let sent = 0;
  let shed = 0;
  let errors = 0;
  let next = 0;
  let bodyBytes = 0;
  let lastAnswerAt = 0;
  const start = performance.now();
  const fail = (kind: string) => {
    errors++;
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  };

  const send = (seq: number) => {
    const at = wallClock();
    sentAt[seq] = at;
    const body = Buffer.from(bodyOf(seq, at));
    bodyBytes = body.length;
    const signature = signWebhook(body, appSecret);
    const t0 = performance.now();
    inFlight++;
    sent++;
    let settled = false;
    const settle = (outcome: { status: number } | { error: string }) => {
      if (settled) return;
      settled = true;
      inFlight--;
      lastAnswerAt = performance.now();
      if ('error' in outcome) return fail(outcome.error);
      httpMs.push(lastAnswerAt - t0);
      if (outcome.status === 200) {
        ackedSeqs.push(seq);
        ackedAt[seq] = wallClock();
      } else fail(`http_${outcome.status}`);
    };
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': String(body.length), 'x-hub-signature-256': signature },
      },
      (res) => {
        res.resume();
        res.on('end', () => settle({ status: res.statusCode ?? 0 }));
        res.on('error', (error) => settle({ error: error.message.slice(0, 60) }));
      },
    );
    // Meta gives up after roughly this long; a webhook this slow counts as an error, not a success.
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => settle({ error: error.code ?? error.message.slice(0, 60) }));
    req.end(body);
  };

  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(intended, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
      while (next < due) {
        if (inFlight >= maxInFlight) shed++;
        else send(next);
        next++;
      }
      if (next < intended) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  // Drain what is still in flight; every request has its own 30 s timeout, so this ends.
  while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const durationMs = (intended * 1000) / rate;
  return {
    intended,
    sent,
    shed,
    errors,
    errorKinds,
    ackedSeqs,
    sentAt,
    ackedAt,
    httpMs,
    elapsedMs: Math.max(durationMs, (lastAnswerAt || performance.now()) - start),
    bodyBytes,
  };
}

const FILLER =
  'Olá, boa tarde! Fiz um pedido na semana passada e até agora não recebi o código de rastreio. ' +
  'Já verifiquei o e-mail e a caixa de spam, mas não encontrei nada. O pagamento foi feito por boleto ' +
  'e aparece como compensado no aplicativo do banco. Vocês poderiam verificar, por favor, se houve algum ' +
  'problema com a separação ou com a transportadora? Preciso do produto até sexta-feira porque é um ' +
  'presente de aniversário. Se não for possível entregar a tempo, gostaria de saber como funciona o ' +
  'cancelamento e o reembolso. Obrigado desde já pela atenção e aguardo o retorno.';

/** The ingest benchmark's message: `customers` senders in turn, a long realistic text with its send time in front. */
export function ingestWebhookBody(cfg: DriverConfig, stepId: string, seq: number, sentAt: number): string {
  const from = String(5511900000000 + (seq % cfg.customers));
  return cloudWebhook(cfg, from, wamidFor(cfg.runId, stepId, seq), sentAt, {
    type: 'text',
    text: { body: `[t=${sentAt.toFixed(3)}] #${seq} ${FILLER}` },
  });
}

/** One Cloud API webhook carrying one customer message (`message` is the type-specific part). */
export function cloudWebhook(
  target: { wabaId: string; phoneNumberId: string },
  from: string,
  id: string,
  sentAt: number,
  message: Record<string, unknown>,
): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: target.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '5511900000000', phone_number_id: target.phoneNumberId },
              contacts: [{ wa_id: from, profile: { name: `Cliente ${from.slice(-4)}` } }],
              messages: [{ id, from, timestamp: String(Math.floor(sentAt / 1000)), ...message }],
            },
          },
        ],
      },
    ],
  });
}

/** One step of the ingest benchmark; ingest-driver.ts and routing-driver.ts both run it, so both send the very same traffic. */
export async function runIngestStep(cfg: DriverConfig, agent: http.Agent, command: StepCommand): Promise<StepReport> {
  const { stepId, rate, durationMs } = command;
  const result = await runOpenLoop({
    url: new URL('/webhooks/whatsapp', cfg.baseUrl),
    agent,
    appSecret: cfg.appSecret,
    rate,
    count: Math.round((rate * durationMs) / 1000),
    maxInFlight: cfg.maxInFlight,
    bodyOf: (seq, sentAt) => ingestWebhookBody(cfg, stepId, seq, sentAt),
  });
  return {
    type: 'stepDone',
    stepId,
    rate,
    intended: result.intended,
    sent: result.sent,
    shed: result.shed,
    acked: result.ackedSeqs.length,
    errors: result.errors,
    errorKinds: result.errorKinds,
    ackedSeqs: result.ackedSeqs,
    elapsedMs: Math.max(durationMs, result.elapsedMs),
    httpP50: percentileOf(result.httpMs, 50),
    httpP99: percentileOf(result.httpMs, 99),
    bodyBytes: result.bodyBytes,
  };
}
