/**
 * The load generator of bench/ingest.ts, forked as its own process so that building, signing and
 * sending webhooks does not steal the server's event loop (it still shares the machine's cores).
 *
 * Open-loop: message k of a step is due at start + k/rate whatever the server does. When the
 * in-flight cap is reached a due message is shed (counted, never sent), so a slow server shows up
 * as a lower achieved rate instead of silently slowing the generator down.
 */
import http from 'node:http';
import { signWebhook } from '@jimmy/channels/testing';
import { wamidFor, type DriverCommand, type DriverConfig, type StepCommand, type StepReport } from './lib-ingest.js';

const FILLER =
  'Olá, boa tarde! Fiz um pedido na semana passada e até agora não recebi o código de rastreio. ' +
  'Já verifiquei o e-mail e a caixa de spam, mas não encontrei nada. O pagamento foi feito por boleto ' +
  'e aparece como compensado no aplicativo do banco. Vocês poderiam verificar, por favor, se houve algum ' +
  'problema com a separação ou com a transportadora? Preciso do produto até sexta-feira porque é um ' +
  'presente de aniversário. Se não for possível entregar a tempo, gostaria de saber como funciona o ' +
  'cancelamento e o reembolso. Obrigado desde já pela atenção e aguardo o retorno.';

let config: DriverConfig | undefined;
let agent: http.Agent | undefined;

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return Math.round(values[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]! * 100) / 100;
}

function webhookBody(cfg: DriverConfig, stepId: string, seq: number, sentAt: number): string {
  const from = String(5511900000000 + (seq % cfg.customers));
  const id = wamidFor(cfg.runId, stepId, seq);
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: cfg.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '5511900000000', phone_number_id: cfg.phoneNumberId },
              contacts: [{ wa_id: from, profile: { name: `Cliente ${from.slice(-4)}` } }],
              messages: [
                {
                  id,
                  from,
                  timestamp: String(Math.floor(sentAt / 1000)),
                  type: 'text',
                  text: { body: `[t=${sentAt.toFixed(3)}] #${seq} ${FILLER}` },
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

async function runStep(cfg: DriverConfig, command: StepCommand): Promise<StepReport> {
  const { stepId, rate, durationMs } = command;
  const intended = Math.round((rate * durationMs) / 1000);
  const url = new URL('/webhooks/whatsapp', cfg.baseUrl);
  const errorKinds: Record<string, number> = {};
  const ackedSeqs: number[] = [];
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
    const sentAt = performance.timeOrigin + performance.now();
    const body = Buffer.from(webhookBody(cfg, stepId, seq, sentAt));
    bodyBytes = body.length;
    const signature = signWebhook(body, cfg.appSecret);
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
      if (outcome.status === 200) ackedSeqs.push(seq);
      else fail(`http_${outcome.status}`);
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
        if (inFlight >= cfg.maxInFlight) shed++;
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
  return {
    type: 'stepDone',
    stepId,
    rate,
    intended,
    sent,
    shed,
    acked: ackedSeqs.length,
    errors,
    errorKinds,
    ackedSeqs,
    elapsedMs: Math.max(durationMs, (lastAnswerAt || performance.now()) - start),
    httpP50: percentile(httpMs, 50),
    httpP99: percentile(httpMs, 99),
    bodyBytes,
  };
}

process.on('message', (command: DriverCommand) => {
  if (command.type === 'config') {
    config = command;
    agent = new http.Agent({ keepAlive: true, maxSockets: command.maxInFlight });
    process.send?.({ type: 'ready' });
  } else if (command.type === 'step') {
    if (!config) throw new Error('step before config');
    runStep(config, command).then(
      (report) => process.send?.(report),
      (error: unknown) => process.send?.({ type: 'failed', error: String(error) }),
    );
  } else if (command.type === 'stop') {
    agent?.destroy();
    process.disconnect();
  }
});
// An orphaned driver (parent killed) must not keep hammering a port that may be reused.
process.on('disconnect', () => process.exit(0));
