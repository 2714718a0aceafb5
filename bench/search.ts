/**
 * Message full-text search (issue #10): p50/p95 of GET /api/search/messages for a common word, a
 * rare word and a quoted phrase, as admin and as agent, on the console data set at 1k and 100k
 * tickets (~11k and ~1M messages), over real loopback HTTP. A same-run baseline (one ticket by id)
 * lets the figures be read on a noisy machine, and the search statement's plan is checked for the
 * full-text index at the largest size.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JimmyServer } from '../apps/server/src/app.js';
import { hashPassword } from '../apps/server/src/infra/passwords.js';
import {
  bootBenchServer,
  createBenchDatabase,
  httpClient,
  indexesInPlan,
  installDeadline,
  instrumentPool,
  log,
  login,
  percentile,
  printResult,
  round,
  sampleGet,
  type BenchDatabase,
  type CapturedStatement,
} from './lib.js';
import { AGENT_PASSWORD, SeedBudgetExceeded, seedConsole, type Seeded } from './lib-console-seed.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SIZES: Record<string, number> = { '1k': 1_000, '100k': 100_000 };
const requestedSizes = (process.env.BENCH_SIZES ?? '1k,100k')
  .split(',')
  .map((s) => s.trim())
  .filter((s) => s in SIZES);
const WARMUP = 10;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const QUERY_BUDGET_MS = 15_000;

/**
 * Chat lines of a Brazilian shop. Each message joins two of them, so words recur at realistic rates:
 * "pedido" is in a fifth of the lines (common), "segunda via do boleto" in one (the phrase, whose
 * words also appear apart: "segunda-feira", "via Pix", "boleto vencido"), and "reembolso" is added to
 * about one message in a thousand (rare).
 */
const LINES = [
  'Olá, boa tarde! Gostaria de saber o status do meu pedido.',
  'Bom dia, o boleto venceu ontem, vocês podem gerar outro?',
  'Oi! Qual o prazo de entrega para o CEP 01310-100?',
  'Obrigado pelo retorno, vou aguardar.',
  'Recebi o produto com defeito, como faço a troca?',
  'Perfeito, muito obrigado pela ajuda!',
  'Ainda não recebi o código de rastreio do pedido.',
  'Vocês aceitam pagamento via Pix?',
  'Preciso alterar o endereço de entrega do pedido.',
  'Segue o comprovante do pagamento em anexo.',
  'Consegue me passar a segunda via do boleto?',
  'A entrega está atrasada há três dias.',
  'Tudo certo, pode fechar o atendimento.',
  'Qual o horário de funcionamento da loja no sábado?',
  'Estou tentando acessar minha conta e não consigo.',
  'Vou verificar aqui e te retorno em instantes.',
  'Seu pedido foi despachado hoje pela manhã.',
  'Pode me informar o número do pedido, por favor?',
  'Já registrei a sua solicitação no sistema.',
  'Agradecemos o contato, tenha um ótimo dia!',
  'O orçamento da reforma fica pronto na segunda-feira.',
  'A nota fiscal vem junto com a mercadoria?',
  'Meu cartão foi recusado, posso pagar no boleto vencido mesmo?',
  'Quero cancelar o pedido que fiz ontem à noite.',
  'A cor azul está disponível no tamanho médio?',
  'Vocês entregam em Campinas e região?',
  'O atendente anterior prometeu um desconto.',
  'Chegou tudo certinho, adorei o produto!',
  'Tem previsão de reposição do estoque?',
  'O frete grátis vale para compras acima de quanto?',
  'Preciso da garantia estendida para o pedido.',
  'Estou aguardando a confirmação do pagamento.',
  'A embalagem chegou amassada, mas o produto está bom.',
  'Consigo retirar o pedido na loja física?',
  'Vou enviar a foto do defeito por aqui.',
  'Qual o valor das parcelas sem juros?',
  'Obrigada, a atendente foi muito atenciosa.',
  'Não encontrei o botão para trocar a senha.',
  'Me manda o link de pagamento, por favor.',
  'Bom dia! Ainda está de pé a promoção de ontem?',
];

const lines = `array[${LINES.map((l) => `'${l.replace(/'/g, "''")}'`).join(',')}]`;
const BODY_SQL = `(${lines})[((t.id * 7 + n) % ${LINES.length})::int + 1] || ' ' || (${lines})[((t.id * 13 + n * 5) % ${LINES.length - 3})::int + 1]
  || case when (t.id * 31 + n) % 997 = 0 then ' Quero o reembolso integral, protocolo ' || t.id || '.' else '' end`;

const QUERIES = { common: 'pedido', rare: 'reembolso', phrase: '"segunda via do boleto"' } as const;

interface Sample {
  p50: number | null;
  p95: number | null;
  samples: number;
  items: number;
}

async function sampleUrl(http: ReturnType<typeof httpClient>, url: string, token: string): Promise<Sample> {
  const { first, times } = await sampleGet(http, url, token, { warmup: WARMUP, samples: SAMPLES, budgetMs: QUERY_BUDGET_MS });
  const items = (JSON.parse(first.body) as { items?: unknown[] }).items?.length ?? 1;
  return { p50: percentile(times, 50), p95: percentile(times, 95), samples: times.length, items };
}

async function measure(server: JimmyServer, baseUrl: string, seeded: Seeded) {
  const http = httpClient(baseUrl);
  const recorder = instrumentPool(server.database.pool);
  try {
    const tokens = {
      admin: await login(http, seeded.adminEmail, seeded.adminPassword),
      agent: await login(http, seeded.agentEmail, AGENT_PASSWORD),
    };
    const baseline = await sampleUrl(http, `/api/tickets/${seeded.bigTicketId}`, tokens.admin);
    log(`  baseline (GET one ticket) p50 ${baseline.p50} ms  p95 ${baseline.p95} ms`);
    const queries: Record<string, Sample> = {};
    const statements: Record<string, CapturedStatement | undefined> = {};
    for (const as of ['admin', 'agent'] as const) {
      for (const [kind, q] of Object.entries(QUERIES)) {
        const name = `${as}${kind[0]!.toUpperCase()}${kind.slice(1)}`;
        const url = `/api/search/messages?q=${encodeURIComponent(q)}&limit=20`;
        recorder.start();
        await http.get(url, tokens[as]);
        statements[name] = recorder.stop().find((s) => /from messages m/.test(s.text) && /@@/.test(s.text));
        queries[name] = await sampleUrl(http, url, tokens[as]);
        log(`  ${name.padEnd(12)} p50 ${queries[name].p50} ms  p95 ${queries[name].p95} ms  (${queries[name].items} items)`);
      }
    }
    return { baseline, queries, statements };
  } finally {
    http.close();
  }
}

async function explain(server: JimmyServer, statements: Record<string, CapturedStatement | undefined>, file: string) {
  const out: Record<string, { indexes: string[]; seqScanOnMessages: boolean; executionMs: number | null }> = {};
  const plans: string[] = [];
  for (const [name, statement] of Object.entries(statements)) {
    if (!statement) continue;
    const { rows } = await server.database.pool.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers) ${statement.text}`,
      statement.values,
    );
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    plans.push(`=== ${name}\n-- values: ${JSON.stringify(statement.values)}\n${plan}\n`);
    out[name] = {
      indexes: indexesInPlan(plan),
      seqScanOnMessages: /Seq Scan on messages/.test(plan),
      executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN) || null,
    };
  }
  writeFileSync(file, plans.join('\n'));
  return out;
}

async function main() {
  let database: BenchDatabase | undefined;
  let server: JimmyServer | undefined;
  const cleanup = async () => {
    await server?.close().catch((error: unknown) => log(`server close: ${String(error)}`));
    server = undefined;
    await database?.drop();
    database = undefined;
  };
  const disarm = installDeadline(40 * 60_000, cleanup);
  try {
    const passwordHash = await hashPassword(AGENT_PASSWORD);
    const sizes: Record<string, unknown> = {};
    const measured: Record<string, { baseline: Sample; queries: Record<string, Sample> }> = {};
    let explainResult: Record<string, unknown> | null = null;
    let databaseKind: 'embedded' | 'postgres' = process.env.BENCH_DATABASE_URL ? 'postgres' : 'embedded';
    const resultsDir = path.join(here, 'results');
    mkdirSync(resultsDir, { recursive: true });

    for (const [index, label] of requestedSizes.entries()) {
      const size = SIZES[label]!;
      database = await createBenchDatabase(`search${label}`);
      databaseKind = database.kind;
      log(`size ${label}: booting server on ${database.kind} database and seeding ${size} tickets`);
      const booted = await bootBenchServer(database);
      server = booted.server;
      let seeded: Seeded;
      try {
        seeded = await seedConsole(server, size, passwordHash, { bodySql: BODY_SQL });
      } catch (error) {
        if (!(error instanceof SeedBudgetExceeded)) throw error;
        log(`size ${label} skipped: ${error.message}`);
        sizes[label] = { skipped: error.message };
        await cleanup();
        continue;
      }
      const { rows } = await server.database.pool.query<{ common: number; rare: number; phrase: number }>(
        `select count(*) filter (where search_tsv @@ websearch_to_tsquery('portuguese', jimmy_unaccent($1)))::int as common,
                count(*) filter (where search_tsv @@ websearch_to_tsquery('portuguese', jimmy_unaccent($2)))::int as rare,
                count(*) filter (where search_tsv @@ websearch_to_tsquery('portuguese', jimmy_unaccent($3)))::int as phrase
           from messages where company_id = $4`,
        [QUERIES.common, QUERIES.rare, QUERIES.phrase, seeded.companyId],
      );
      log(`size ${label}: ${seeded.messages} messages seeded in ${seeded.seconds.total} s; matches ${JSON.stringify(rows[0])}`);
      const result = await measure(server, booted.baseUrl, seeded);
      measured[label] = result;
      sizes[label] = {
        tickets: seeded.tickets,
        messages: seeded.messages,
        matchingMessages: rows[0],
        seedSeconds: seeded.seconds.total,
        baseline: result.baseline,
        queries: result.queries,
      };
      if (index === requestedSizes.length - 1) {
        log(`size ${label}: EXPLAIN (ANALYZE, BUFFERS) of each search statement`);
        const planFile = path.join(resultsDir, `search-explain-${database.kind}-${label}.txt`);
        explainResult = {
          size: label,
          planFile: path.relative(path.resolve(here, '..'), planFile),
          queries: await explain(server, result.statements, planFile),
        };
      }
      await cleanup();
    }

    const p95Ratio: Record<string, number | null> = {};
    let worstP95 = 0;
    for (const sample of Object.values(measured)) for (const q of Object.values(sample.queries)) worstP95 = Math.max(worstP95, q.p95 ?? 0);
    if (measured['1k'] && measured['100k']) {
      for (const name of Object.keys(measured['1k'].queries)) {
        const small = measured['1k'].queries[name]?.p95;
        const large = measured['100k'].queries[name]?.p95;
        p95Ratio[name] = small && large ? round(large / small, 2) : null;
      }
    }
    const ratios = Object.values(p95Ratio).filter((r): r is number => r !== null);
    printResult({
      benchmark: 'search',
      database: databaseKind,
      queries: QUERIES,
      sizes,
      p95Ratio,
      goal: {
        p95UnderMs: 150,
        worstP95: round(worstP95),
        p95Met: worstP95 > 0 && worstP95 < 150,
        ratioWithin: 2,
        worstRatio: ratios.length ? Math.max(...ratios) : null,
        ratioMet: ratios.length ? Math.max(...ratios) <= 2 : null,
      },
      explain: explainResult,
    });
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
