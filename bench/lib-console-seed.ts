/**
 * The console data set (bench/console.ts), shared with bench/search.ts: one company, 5 queues, 50
 * agents, `size` tickets and ~10 messages each (one conversation of 1,000), seeded set-based.
 * A benchmark may pass its own message text as an SQL expression over the ticket `t` and the
 * message's number `n` in its ticket.
 */
import { randomBytes } from 'node:crypto';
import type { JimmyServer } from '../apps/server/src/app.js';
import { log, round } from './lib.js';

/** Seeding is abandoned (and the size reported as skipped) when it is projected to take longer than this. */
export const SEED_BUDGET_MS = Number(process.env.BENCH_SEED_BUDGET_S ?? 600) * 1000;
export const AGENT_PASSWORD = 'bench agent password';
const BIG_CONVERSATION = 1000;

const PHRASES = [
  'Olá, boa tarde! Gostaria de saber o status do meu pedido.',
  'Bom dia, o boleto venceu ontem, vocês podem gerar outro?',
  'Oi! Qual o prazo de entrega para o CEP 01310-100?',
  'Obrigado pelo retorno, vou aguardar.',
  'Recebi o produto com defeito, como faço a troca?',
  'Perfeito, muito obrigado pela ajuda!',
  'Ainda não recebi o código de rastreio.',
  'Vocês aceitam pagamento via Pix?',
  'Preciso alterar o endereço de entrega do pedido.',
  'Segue o comprovante do pagamento em anexo.',
  'Consegue me passar a segunda via do boleto?',
  'A entrega está atrasada há três dias.',
  'Tudo certo, pode fechar o atendimento.',
  'Qual o horário de funcionamento da loja?',
  'Estou tentando acessar minha conta e não consigo.',
  'Vou verificar aqui e te retorno em instantes.',
  'Seu pedido foi despachado hoje pela manhã.',
  'Pode me informar o número do pedido, por favor?',
  'Já registrei a sua solicitação no sistema.',
  'Agradecemos o contato, tenha um ótimo dia!',
];

export interface Seeded {
  tickets: number;
  messages: number;
  contacts: number;
  companyId: number;
  adminEmail: string;
  adminPassword: string;
  agentEmail: string;
  bigTicketId: number;
  historyContactId: number;
  seconds: Record<string, number>;
}

export class SeedBudgetExceeded extends Error {}

async function timed<T>(seconds: Record<string, number>, label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  seconds[label] = round((performance.now() - started) / 1000, 1);
  log(`  seed ${label}: ${seconds[label]} s`);
  return result;
}

/**
 * A few set-based statements. Ticket i's status, queue, agent and contact are pure functions of i,
 * which keeps "one live ticket per contact" true by construction: live tickets (i % 10 ≤ 2) each
 * get their own contact; closed ones share contacts; every (N/200)th closed ticket belongs to the
 * one contact with 200 tickets.
 */
export interface SeedOptions {
  /** SQL for a message's text, over `t` (the ticket row) and `n` (1-based number in its ticket). */
  bodySql?: string;
}

export async function seedConsole(server: JimmyServer, size: number, passwordHash: string, options: SeedOptions = {}): Promise<Seeded> {
  const seconds: Record<string, number> = {};
  const run = randomBytes(3).toString('hex');
  const adminEmail = `bench-admin-${run}@example.com`;
  const adminPassword = 'bench admin password';
  const { companyId } = await server.services.companies.createWithAdmin({
    name: 'Bench Console',
    admin: { name: 'Bench Admin', email: adminEmail, password: adminPassword },
  });
  const started = performance.now();
  const client = await server.database.pool.connect();
  try {
    await client.query(`set maintenance_work_mem = '${server.database.mode === 'postgres' ? '256MB' : '64MB'}'`);
    const ids = async (sql: string, values: unknown[]) => (await client.query<{ id: number }>(sql, values)).rows.map((r) => Number(r.id));

    const { queues, agents, connectionId } = await timed(seconds, 'setup', async () => {
      await client.query(`insert into queues (company_id, name, color) select $1, 'Fila ' || i, '#25D366' from generate_series(1, 5) i`, [
        companyId,
      ]);
      const queues = await ids('select id from queues where company_id = $1 order by id', [companyId]);
      await client.query(
        `insert into users (company_id, name, email, role, password_hash) select $1, 'Agente ' || i, 'agent' || i || '-' || $2 || '@bench.example.com', 'agent', $3 from generate_series(1, 50) i`,
        [companyId, run, passwordHash],
      );
      const agents = await ids(`select id from users where company_id = $1 and role = 'agent' order by id`, [companyId]);
      await client.query(
        `insert into user_queues (company_id, user_id, queue_id)
         select $1::bigint, a.id, ($2::bigint[])[(a.idx - 1) % 5 + 1] from unnest($3::bigint[]) with ordinality a(id, idx)
         union all
         select $1::bigint, a.id, ($2::bigint[])[a.idx % 5 + 1] from unnest($3::bigint[]) with ordinality a(id, idx) where (a.idx - 1) % 3 = 0`,
        [companyId, queues, agents],
      );
      const [connectionId] = await ids(
        `insert into connections (company_id, type, name, status, widget_key) values ($1, 'webchat', 'Site', 'open', 'wc_bench_' || $2) returning id`,
        [companyId, run],
      );
      return { queues, agents, connectionId: connectionId! };
    });

    const regularContacts = size / 2;
    const contactBase = await timed(seconds, 'contacts', async () => {
      await client.query(
        `insert into contacts (company_id, name, phone, wa_id, created_at)
         select $1, (array['Ana','Bruno','Carla','Diego','Elisa','Fábio','Gabriela','Heitor','Isabela','João','Karina','Lucas','Mariana','Nicolas','Olívia','Paulo','Renata','Samuel','Tatiane','Vitor'])[i % 20 + 1]
                    || ' ' || (array['Silva','Souza','Oliveira','Santos','Lima','Pereira','Costa','Rodrigues','Almeida','Nascimento'])[(i / 20) % 10 + 1] || ' ' || i,
                '+5511' || (900000000 + i), '5511' || (900000000 + i), now() - interval '120 days'
           from generate_series(0, $2) i order by i`,
        [companyId, regularContacts],
      );
      const { rows } = await client.query<{ lo: number; hi: number; n: number }>(
        'select min(id)::int as lo, max(id)::int as hi, count(*)::int as n from contacts where company_id = $1',
        [companyId],
      );
      const range = rows[0]!;
      // The ticket insert addresses contacts by offset, which only works on a contiguous id range.
      if (range.hi - range.lo + 1 !== range.n) throw new Error('contact ids are not contiguous');
      return range.lo;
    });

    const ticketBase = await timed(seconds, 'tickets', async () => {
      await client.query(
        `insert into tickets (company_id, contact_id, connection_id, queue_id, user_id, status, unread_count, last_message_at, last_message_body, last_message_type,
                              last_message_direction, last_inbound_at, first_response_at, closed_at, created_at, updated_at)
         select $1, $6 + s.contact_idx, $2, s.queue_id, s.user_id, s.status, case when s.status = 'pending' then s.i % 5 else 0 end, s.at,
                'Mensagem do cliente ' || s.i, 'text', 'in', s.at,
                case when s.status <> 'pending' then s.at - interval '50 minutes' end, case when s.status = 'closed' then s.at end, s.at - interval '1 hour', s.at
           from (select i,
                        case when i % 10 = 0 then 'pending' when i % 10 in (1, 2) then 'open' else 'closed' end as status,
                        case when i % 10 <= 2 then (i / 10) * 3 + i % 10 when i % $8 = $8 - 1 then $7 else (i::bigint * 7919) % $7 end as contact_idx,
                        case when i % 10 = 0 then case when i % 100 = 0 then null else ($3::bigint[])[(i / 10) % 5 + 1] end
                             when i % 10 in (1, 2) then ($3::bigint[])[((i / 10) % 50) % 5 + 1]
                             else ($3::bigint[])[((i * 13) % 50) % 5 + 1] end as queue_id,
                        case when i % 10 = 0 then null when i % 10 in (1, 2) then ($4::bigint[])[(i / 10) % 50 + 1] else ($4::bigint[])[(i * 13) % 50 + 1] end as user_id,
                        now() - make_interval(secs => case when i % 10 <= 2 then (i::bigint * 7919) % 259200 else (i::bigint * 7919) % 7776000 end) as at
                   from generate_series(0, $5 - 1) i) s
          order by s.i`,
        [companyId, connectionId, queues, agents, size, contactBase, regularContacts, size / 200],
      );
      const { rows } = await client.query<{ lo: number; hi: number; n: number }>(
        'select min(id)::int as lo, max(id)::int as hi, count(*)::int as n from tickets where company_id = $1',
        [companyId],
      );
      const range = rows[0]!;
      if (range.hi - range.lo + 1 !== range.n || range.n !== size) throw new Error('ticket ids are not contiguous');
      return range.lo;
    });

    // Bulk load without the secondary indexes, then rebuild them from their own definitions: the
    // same indexes the migrations create, built in one pass instead of a million incremental GIN updates.
    const { rows: indexDefs } = await client.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = 'messages'
          and indexname not in (select conname from pg_constraint where conrelid = 'messages'::regclass)`,
    );
    for (const { indexname } of indexDefs) await client.query(`drop index "${indexname}"`);

    const messageCount = `case when t.id - $2 = 1 then ${BIG_CONVERSATION} else 2 + ((t.id - $2) * 37) % 17 end`;
    const phrases = `array[${PHRASES.map((p) => `'${p.replace(/'/g, "''")}'`).join(',')}]`;
    const defaultBody = `(${phrases})[((t.id * 7 + n) % 20)::int + 1] || case when (t.id * 31 + n) % 97 = 0 then ' Quero o reembolso do pedido ' || t.id || '.' else '' end`;
    const chunks = size >= 10_000 ? 20 : 1;
    const messagesStarted = performance.now();
    for (let chunk = 0; chunk < chunks; chunk++) {
      const lo = ticketBase + Math.floor((chunk * size) / chunks);
      const hi = ticketBase + Math.floor(((chunk + 1) * size) / chunks);
      await client.query(
        `insert into messages (company_id, ticket_id, connection_id, contact_id, direction, author, user_id, type, body, external_id, status, provider_at, created_at)
         select t.company_id, t.id, t.connection_id, t.contact_id,
                case when n % 2 = 1 then 'in' else 'out' end,
                case when n % 2 = 1 then 'customer' when t.user_id is null then 'bot' else 'agent' end,
                case when n % 2 = 1 then null else t.user_id end,
                'text',
                ${options.bodySql ?? defaultBody},
                'wamid.seed.' || t.id || '.' || n,
                case when n % 2 = 1 then 'delivered' else 'read' end,
                t.created_at + make_interval(mins => n::int), t.created_at + make_interval(mins => n::int)
           from tickets t cross join lateral generate_series(1, ${messageCount}) n
          where t.company_id = $1 and t.id >= $3 and t.id < $4
          order by t.id, n`,
        [companyId, ticketBase, lo, hi],
      );
      const elapsed = performance.now() - started;
      const projected = elapsed + ((performance.now() - messagesStarted) / (chunk + 1)) * (chunks - chunk - 1);
      if (chunks > 1)
        log(
          `  messages chunk ${chunk + 1}/${chunks}: ${round(elapsed / 1000, 1)} s elapsed, ~${round(projected / 1000)} s projected before indexes`,
        );
      if (projected > SEED_BUDGET_MS)
        throw new SeedBudgetExceeded(
          `seeding projected at ${round(projected / 1000)} s (> ${SEED_BUDGET_MS / 1000} s budget) after chunk ${chunk + 1}/${chunks}`,
        );
    }
    seconds.messages = round((performance.now() - messagesStarted) / 1000, 1);
    log(`  seed messages: ${seconds.messages} s`);
    await timed(seconds, 'indexes', async () => {
      for (const { indexdef } of indexDefs) await client.query(indexdef);
    });
    await timed(seconds, 'vacuumAnalyze', () =>
      client.query('vacuum analyze contacts, tickets, messages, users, user_queues, queues, connections'),
    );
    const { rows } = await client.query<{ n: number }>('select count(*)::int as n from messages where company_id = $1', [companyId]);
    seconds.total = round((performance.now() - started) / 1000, 1);
    return {
      tickets: size,
      messages: rows[0]!.n,
      contacts: regularContacts + 1,
      companyId,
      adminEmail,
      adminPassword,
      agentEmail: `agent1-${run}@bench.example.com`,
      bigTicketId: ticketBase + 1,
      historyContactId: contactBase + regularContacts,
      seconds,
    };
  } finally {
    client.release();
  }
}
