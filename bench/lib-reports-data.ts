/**
 * The reports data set (bench/reports.ts): one company shaped like a real service team, written
 * with a handful of set-based INSERT … SELECT statements (generate_series), never through HTTP.
 *
 * Ticket i's whole life is a pure function of i, computed once into a plan table: when it was
 * created (spread over `days` local days in the company's time zone, business hours weighted), its
 * kind (bot-only, served by an agent, still live), queue, agent(s), queue wait, first response,
 * message gap, transfer, reopen, survey, callback, tags. Tickets, messages, ticket_events, surveys,
 * callback_requests and ticket_tags are then each one statement over that plan, so the numbers
 * every report shows follow from the same timeline (a reopened ticket's second cycle, a transfer
 * between two agents' messages, a callback surfacing before the agent's first reply…).
 */
import { randomBytes } from 'node:crypto';
import type { JimmyServer } from '../apps/server/src/app.js';
import { log, round } from './lib.js';

export interface ReportsShape {
  tickets: number;
  /** Local days the tickets are spread over, today included. */
  days: number;
  queues: number;
  agents: number;
  /** Mean customer + bot + agent messages per ticket (each ticket gets mean-4 … mean+4). */
  messagesPerTicket: number;
  tags: number;
  /** Share of the newest tickets still waiting or being served (pending / open). */
  liveShare: number;
  timeZone: string;
  name: string;
}

/** Sizes from the environment, so a quick PGlite run is `BENCH_TICKETS=2000 npm run bench -- reports`. */
export function shapeFromEnv(name: string, tickets: number): ReportsShape {
  const num = (key: string, fallback: number) => {
    const value = Number(process.env[key] ?? fallback);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${key} must be a positive number`);
    return value;
  };
  return {
    tickets,
    days: Math.round(num('BENCH_DAYS', 90)),
    queues: Math.round(num('BENCH_QUEUES', 5)),
    agents: Math.round(num('BENCH_AGENTS', 50)),
    messagesPerTicket: Math.max(5, Math.round(num('BENCH_MESSAGES_PER_TICKET', 10))),
    tags: Math.round(num('BENCH_TAGS', 8)),
    liveShare: 0.01,
    timeZone: process.env.BENCH_TIMEZONE ?? 'America/Sao_Paulo',
    name,
  };
}

export interface SeededReports {
  companyId: number;
  adminEmail: string;
  adminPassword: string;
  agentIds: number[];
  queueIds: number[];
  connectionIds: number[];
  tagIds: number[];
  /** The local days covered, inclusive: what a full aggregate rebuild must walk. */
  fromDay: string;
  toDay: string;
  now: Date;
  counts: Record<string, number>;
  /** Whether the reports aggregator's checkpoint existed and was moved past the load (see below). */
  aggregatorCheckpointHeld: boolean;
  eventsByKind: Record<string, number>;
  seconds: Record<string, number>;
}

const CUSTOMER_LINES = [
  'Olá, boa tarde! Gostaria de saber o status do meu pedido.',
  'Bom dia, o boleto venceu ontem, vocês podem gerar outro?',
  'Oi! Qual o prazo de entrega para o CEP 01310-100?',
  'Recebi o produto com defeito, como faço a troca?',
  'Ainda não recebi o código de rastreio.',
  'Vocês aceitam pagamento via Pix?',
  'Preciso alterar o endereço de entrega do pedido.',
  'Segue o comprovante do pagamento em anexo.',
  'Obrigado pelo retorno, vou aguardar.',
  'Perfeito, muito obrigado pela ajuda!',
];
const AGENT_LINES = [
  'Vou verificar aqui e te retorno em instantes.',
  'Seu pedido foi despachado hoje pela manhã.',
  'Pode me informar o número do pedido, por favor?',
  'Já registrei a sua solicitação no sistema.',
  'Agradecemos o contato, tenha um ótimo dia!',
  'Acabei de gerar a segunda via, segue o link.',
];
const BOT_LINES = [
  'Olá! Escolha uma opção: 1 - Vendas, 2 - Suporte, 3 - Financeiro, 4 - Trocas, 5 - Outros',
  'Certo! Já vou te transferir para um atendente.',
  'Nosso horário é de segunda a sexta, das 8h às 18h.',
];
const COMMENTS = [
  'Atendimento rápido, resolveu tudo.',
  'Demorou um pouco, mas resolveram.',
  'A atendente foi muito atenciosa!',
  'Não resolveram o meu problema.',
  'Poderiam responder mais rápido.',
  'Excelente, recomendo.',
];
/** Local hour of creation: business hours three times as likely, the evening twice, the night once. */
const HOURS = [
  ...[8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18].flatMap((h) => [h, h, h]),
  ...[19, 20, 21, 22].flatMap((h) => [h, h]),
  0,
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  23,
];
const SCORES = [5, 5, 5, 5, 5, 4, 4, 4, 4, 3, 3, 2, 1];

const sqlText = (lines: string[]) => `array[${lines.map((l) => `'${l.replace(/'/g, "''")}'`).join(',')}]::text[]`;
const sqlInts = (values: number[]) => `array[${values.join(',')}]::int[]`;

async function timed<T>(seconds: Record<string, number>, label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  seconds[label] = round((performance.now() - started) / 1000, 2);
  log(`  seed ${label}: ${seconds[label]} s`);
  return result;
}

/** The local calendar day (YYYY-MM-DD) of `at` in `timeZone`. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export async function seedReportsCompany(server: JimmyServer, shape: ReportsShape, passwordHash: string): Promise<SeededReports> {
  const seconds: Record<string, number> = {};
  const run = randomBytes(3).toString('hex');
  const adminEmail = `bench-reports-${shape.name}-${run}@example.com`;
  const adminPassword = 'bench admin password';
  const now = new Date();
  const { companyId } = await server.services.companies.createWithAdmin({
    name: `Bench Reports ${shape.name}`,
    admin: { name: 'Bench Admin', email: adminEmail, password: adminPassword },
  });
  const started = performance.now();
  const plan = `bench_reports_plan_${run}`;
  const client = await server.database.pool.connect();
  let inTransaction = false;
  try {
    await client.query(`set maintenance_work_mem = '${server.database.mode === 'postgres' ? '256MB' : '64MB'}'`);
    // One transaction for the whole load. While it holds the reports aggregator's checkpoint row
    // (report_cursor, modules/reports), the server's incremental aggregator skips its passes instead
    // of folding a million rows in while they are written; the checkpoint is then moved past this
    // transaction, so the aggregates come from the rebuild the benchmark times on its own.
    await client.query('begin');
    inTransaction = true;
    const { rows: cursorTable } = await client.query<{ present: boolean }>(`select to_regclass('report_cursor') is not null as present`);
    const holdsCheckpoint = cursorTable[0]?.present === true;
    if (holdsCheckpoint) await client.query('select 1 from report_cursor where id = 1 for update');
    const ids = async (sql: string, values: unknown[]) => (await client.query<{ id: string }>(sql, values)).rows.map((r) => Number(r.id));

    const setup = await timed(seconds, 'setup', async () => {
      await client.query('update companies set timezone = $2 where id = $1', [companyId, shape.timeZone]);
      const queueIds = await ids(
        `insert into queues (company_id, name, color)
         select $1, (array['Vendas','Suporte','Financeiro','Trocas','Outros'])[(i - 1) % 5 + 1] || case when i > 5 then ' ' || i else '' end, '#25D366'
           from generate_series(1, $2::int) i order by i returning id`,
        [companyId, shape.queues],
      );
      const agentIds = await ids(
        `insert into users (company_id, name, email, role, password_hash)
         select $1, 'Agente ' || i, 'agent' || i || '-' || $2 || '@bench.example.com', 'agent', $3
           from generate_series(1, $4::int) i order by i returning id`,
        [companyId, run, passwordHash, shape.agents],
      );
      // Agent k works in queue k % queues, so a ticket's agent can always be picked among its queue's members.
      await client.query(
        `insert into user_queues (company_id, user_id, queue_id)
         select $1::bigint, a.id, ($2::bigint[])[(a.idx - 1) % $4 + 1] from unnest($3::bigint[]) with ordinality a(id, idx)`,
        [companyId, queueIds, agentIds, shape.queues],
      );
      const connectionIds = await ids(
        `insert into connections (company_id, type, name, status, widget_key)
         select $1, 'webchat', (array['WhatsApp Loja','Site'])[i], 'open', 'wc_bench_reports_' || $2 || '_' || i
           from generate_series(1, 2) i order by i returning id`,
        [companyId, run],
      );
      const tagIds = await ids(
        `insert into tags (company_id, name, color)
         select $1, (array['Urgente','Troca','Boleto','Entrega','Elogio','Reclamação','VIP','Atacado'])[(i - 1) % 8 + 1] || case when i > 8 then ' ' || i else '' end, '#228BE6'
           from generate_series(1, $2::int) i order by i returning id`,
        [companyId, shape.tags],
      );
      return { queueIds, agentIds, connectionIds, tagIds };
    });
    const { queueIds, agentIds, connectionIds, tagIds } = setup;
    const perQueue = Math.max(1, Math.floor(shape.agents / shape.queues));
    const live = Math.max(3, Math.floor(shape.tickets * shape.liveShare));
    const contactsCount = Math.max(live, Math.floor(shape.tickets / 2));

    await timed(seconds, 'plan', async () => {
      // A plain table (not temp): PGlite and PostgreSQL alike, dropped in `finally`.
      await client.query(`drop table if exists ${plan}`);
      await client.query(
        `create table ${plan} as
         with base as (
           select i,
                  case when i < $5 then case when i % 3 = 0 then 'pending' else 'open' end
                       when i % 10 = 7 then 'bot' else 'agent' end as kind,
                  (i::bigint * $4) / $3 as day_back,
                  (${sqlInts(HOURS)})[(i::bigint * 7919 % ${HOURS.length})::int + 1] as local_hour,
                  (i::bigint * 104729) % 3600 as second_of_hour,
                  (i::bigint * 13) % $7 as queue_idx,
                  (i::bigint * 7) % $8 as agent_slot,
                  20 + (i::bigint * 7919) % 1800 as wait_s,
                  15 + (i::bigint * 104723) % 600 as frt_s,
                  30 + (i::bigint * 31) % 240 as gap_s,
                  greatest(4, $9::int - 4 + ((i::bigint * 37) % 9)::int) as m
             from generate_series(0, $2::int - 1) i
         ), timed as (
           select b.*,
                  ((date_trunc('day', $10::timestamptz at time zone $6) - make_interval(days => b.day_back::int)
                     + make_interval(hours => b.local_hour, secs => b.second_of_hour)) at time zone $6) as raw_t0
             from base b
         )
         select $1::bigint as company_id, t.i, t.kind, t.m,
                -- Closed tickets need hours of history before "now"; live ones are recent, their whole timeline so far in the past.
                case when t.kind in ('pending', 'open') then least(t.raw_t0, $10::timestamptz - make_interval(secs => 5400 + (t.i * 97) % 3600))
                     when t.raw_t0 > $10::timestamptz - interval '5 hours' then t.raw_t0 - interval '1 day'
                     else t.raw_t0 end as t0,
                case when t.kind = 'bot' or t.i % 50 = 11 then null else ($11::bigint[])[t.queue_idx + 1] end as queue_id,
                case when t.kind in ('agent', 'open') then ($12::bigint[])[least(t.agent_slot * $7 + t.queue_idx, $13 - 1) + 1] end as agent1,
                case when t.kind = 'agent' and t.i % 7 = 3 then ($12::bigint[])[least(((t.agent_slot + 1) % $8) * $7 + t.queue_idx, $13 - 1) + 1] end as agent2,
                t.kind = 'agent' and t.i % 25 = 4 as reopened,
                t.kind = 'agent' and t.i % 50 = 23 as callback,
                case when t.kind = 'agent' and t.i % 5 in (0, 1, 2) then case when t.i % 15 = 2 then 'expired' else 'answered' end else 'none' end as survey,
                (${sqlInts(SCORES)})[(t.i * 31 % ${SCORES.length})::int + 1] as score,
                case when t.i % 3 = 0 then (${sqlText(COMMENTS)})[(t.i / 3 % ${COMMENTS.length})::int + 1] end as comment,
                ($14::bigint[])[case when t.i % 4 = 0 then 2 else 1 end] as connection_id,
                case when t.kind in ('pending', 'open') then t.i else (t.i::bigint * 7919) % $15 end as contact_idx,
                make_interval(secs => t.wait_s) as wait, make_interval(secs => t.frt_s) as frt, make_interval(secs => t.gap_s) as gap
           from timed t`,
        [
          companyId,
          shape.tickets,
          shape.tickets,
          shape.days,
          live,
          shape.timeZone,
          shape.queues,
          perQueue,
          shape.messagesPerTicket,
          now,
          queueIds,
          agentIds,
          agentIds.length,
          connectionIds,
          contactsCount,
        ],
      );
      // The derived instants of each ticket's timeline, named once so every table below agrees.
      await client.query(`alter table ${plan} add column accept_at timestamptz, add column first_reply_at timestamptz,
        add column mid int, add column transfer_at timestamptz, add column close_at timestamptz, add column reopen_at timestamptz,
        add column final_close_at timestamptz, add column final_agent bigint, add column ticket_id bigint`);
      await client.query(`update ${plan} set
          accept_at = t0 + interval '40 seconds' + wait,
          first_reply_at = t0 + interval '40 seconds' + wait + frt,
          mid = 4 + (m - 4) / 2,
          final_agent = coalesce(agent2, agent1)`);
      await client.query(`update ${plan} set
          transfer_at = case when agent2 is not null then first_reply_at + gap * (mid - 4) + gap / 2 end,
          close_at = case when kind = 'bot' then t0 + make_interval(secs => m * 20 + 60)
                          when kind = 'agent' then first_reply_at + gap * (m - 4) + interval '60 seconds' end`);
      await client.query(`update ${plan} set
          reopen_at = case when reopened then close_at + interval '2 hours' end,
          final_close_at = case when reopened then close_at + interval '2 hours 25 minutes' else close_at end`);
    });

    const contactBase = await timed(seconds, 'contacts', async () => {
      await client.query(
        `insert into contacts (company_id, name, phone, wa_id, created_at)
         select $1, (array['Ana','Bruno','Carla','Diego','Elisa','Fábio','Gabriela','Heitor','Isabela','João'])[i % 10 + 1]
                    || ' ' || (array['Silva','Souza','Oliveira','Santos','Lima'])[(i / 10) % 5 + 1] || ' ' || i,
                '+55' || $3 || (900000000 + i), '55' || $3 || (900000000 + i), $4::timestamptz - interval '400 days'
           from generate_series(0, $2::int - 1) i order by i`,
        [companyId, contactsCount, String(11 + (companyId % 80)), now],
      );
      const { rows } = await client.query<{ lo: string; hi: string; n: string }>(
        'select min(id) as lo, max(id) as hi, count(*) as n from contacts where company_id = $1',
        [companyId],
      );
      const range = rows[0]!;
      if (Number(range.hi) - Number(range.lo) + 1 !== Number(range.n)) throw new Error('contact ids are not contiguous');
      return Number(range.lo);
    });

    await timed(seconds, 'tickets', async () => {
      await client.query(
        `insert into tickets (company_id, contact_id, connection_id, queue_id, user_id, status, unread_count, last_message_at, last_message_body,
                              last_message_type, last_message_direction, last_inbound_at, first_response_at, closed_at, created_at, updated_at)
         select $1, $2 + p.contact_idx, p.connection_id, p.queue_id, case when p.kind in ('agent', 'open') then p.final_agent end,
                case p.kind when 'pending' then 'pending' when 'open' then 'open' else 'closed' end,
                case when p.kind = 'pending' then 1 else 0 end,
                coalesce(p.final_close_at, least($3::timestamptz, p.first_reply_at), p.t0 + interval '40 seconds'),
                'Mensagem do cliente ' || p.i, 'text', 'in',
                coalesce(p.reopen_at, p.t0 + interval '40 seconds'),
                case when p.kind in ('agent', 'open') and p.first_reply_at <= $3::timestamptz then p.first_reply_at end,
                p.final_close_at, p.t0, coalesce(p.final_close_at, p.t0)
           from ${plan} p order by p.i`,
        [companyId, contactBase, now],
      );
      const { rows } = await client.query<{ lo: string; hi: string; n: string }>(
        'select min(id) as lo, max(id) as hi, count(*) as n from tickets where company_id = $1',
        [companyId],
      );
      const range = rows[0]!;
      if (Number(range.hi) - Number(range.lo) + 1 !== Number(range.n) || Number(range.n) !== shape.tickets)
        throw new Error('ticket ids are not contiguous');
      await client.query(`update ${plan} set ticket_id = $1::bigint + i`, [Number(range.lo)]);
      await client.query(`create index on ${plan} (ticket_id)`);
    });

    // Bulk load without the secondary indexes, then rebuild them from their own definitions (one pass
    // instead of a million incremental GIN/btree updates), as bench/lib-console-seed.ts does.
    const { rows: indexDefs } = await client.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename in ('messages', 'ticket_events')
          and indexname not in (select conname from pg_constraint where conrelid in ('messages'::regclass, 'ticket_events'::regclass))`,
    );
    for (const { indexname } of indexDefs) await client.query(`drop index "${indexname}"`);

    await timed(seconds, 'messages', async () => {
      // Global time order, as real traffic would number them: "first message of a ticket" by id is also by time.
      await client.query(
        `insert into messages (company_id, ticket_id, connection_id, contact_id, direction, author, user_id, type, body, external_id, status, provider_at, created_at)
         select $1, p.ticket_id, p.connection_id, $2 + p.contact_idx,
                case when x.author = 'customer' then 'in' else 'out' end, x.author,
                case when x.author = 'agent' then case when p.agent2 is not null and n > p.mid then p.agent2 else p.agent1 end end,
                'text',
                case x.author when 'customer' then (${sqlText(CUSTOMER_LINES)})[((p.i * 7 + n) % ${CUSTOMER_LINES.length})::int + 1]
                              when 'agent' then (${sqlText(AGENT_LINES)})[((p.i * 3 + n) % ${AGENT_LINES.length})::int + 1]
                              else (${sqlText(BOT_LINES)})[least(n / 2, ${BOT_LINES.length})::int] end,
                'wamid.reports.' || p.ticket_id || '.' || n,
                case when x.author = 'customer' then 'delivered' else 'read' end, x.at, x.at
           from ${plan} p
          cross join lateral generate_series(1, case when p.kind = 'pending' then 3 when p.reopened then p.m + 2 else p.m end) n
          cross join lateral (
            select case when p.kind = 'bot' then case when n % 2 = 1 then 'customer' else 'bot' end
                        when n in (1, 3) then 'customer' when n = 2 then 'bot'
                        when n <= p.m then case when n % 2 = 0 then 'agent' else 'customer' end
                        when n = p.m + 1 then 'customer' else 'agent' end as author,
                   case when p.kind = 'bot' then p.t0 + make_interval(secs => (n - 1) * 20)
                        when n = 1 then p.t0 when n = 2 then p.t0 + interval '10 seconds' when n = 3 then p.t0 + interval '40 seconds'
                        when n <= p.m then p.first_reply_at + p.gap * (n - 4)
                        when n = p.m + 1 then p.reopen_at else p.reopen_at + interval '330 seconds' end as at
          ) x
          where x.at <= $3::timestamptz
          order by x.at, p.ticket_id, n`,
        [companyId, contactBase, now],
      );
    });

    await timed(seconds, 'surveysCallbacksTags', async () => {
      await client.query(
        `insert into surveys (company_id, ticket_id, contact_id, connection_id, user_id, queue_id, status, score, comment, sent_at, expires_at, answered_at)
         select $1, p.ticket_id, $2 + p.contact_idx, p.connection_id, p.final_agent, p.queue_id, p.survey,
                case when p.survey = 'answered' then p.score end, case when p.survey = 'answered' then p.comment end,
                p.close_at, p.close_at + interval '24 hours', case when p.survey = 'answered' then p.close_at + interval '2 minutes' end
           from ${plan} p
          where (p.survey = 'answered' and p.close_at + interval '2 minutes' <= $3::timestamptz)
             or (p.survey = 'expired' and p.close_at + interval '24 hours' <= $3::timestamptz)
          order by p.close_at`,
        [companyId, contactBase, now],
      );
      // Asked out of hours, surfaced a minute before an agent took the ticket, done at the agent's first reply.
      await client.query(
        `insert into callback_requests (company_id, ticket_id, contact_id, queue_id, status, opens_at, surfaced_at, done_at, created_at, updated_at)
         select $1, p.ticket_id, $2 + p.contact_idx, p.queue_id, 'done', p.accept_at - interval '60 seconds', p.accept_at - interval '60 seconds',
                p.first_reply_at, p.t0 + interval '20 seconds', p.first_reply_at
           from ${plan} p where p.callback order by p.t0`,
        [companyId, contactBase],
      );
      await client.query(
        `insert into ticket_tags (company_id, ticket_id, tag_id, created_at)
         select $1, p.ticket_id, ($2::bigint[])[((p.i * 11 + k) % $3)::int + 1], p.t0 + interval '5 minutes'
           from ${plan} p cross join generate_series(0, 1) k
          where p.i % 3 = 0 and (k = 0 or p.i % 9 = 0)`,
        [companyId, tagIds, tagIds.length],
      );
    });

    await timed(seconds, 'ticketEvents', async () => {
      await client.query(
        `insert into ticket_events (company_id, ticket_id, kind, actor_user_id, data, created_at)
         select $1, p.ticket_id, e.kind, e.actor, e.data, e.at
           from ${plan} p
           left join surveys s on s.ticket_id = p.ticket_id
           left join callback_requests c on c.ticket_id = p.ticket_id
          cross join lateral (values
            ('created', null::bigint, '{}'::jsonb, p.t0, true),
            ('bot-started', null, '{}'::jsonb, p.t0, true),
            ('menu-sent', null, '{}'::jsonb, p.t0 + interval '10 seconds', p.kind <> 'bot'),
            ('callback-offered', null, jsonb_build_object('queueId', p.queue_id, 'opensAt', c.opens_at), p.t0 + interval '20 seconds', c.id is not null),
            ('callback-requested', null, '{}'::jsonb, p.t0 + interval '30 seconds', c.id is not null),
            ('queue-assigned', null, jsonb_build_object('queueId', p.queue_id), p.t0 + interval '40 seconds', p.kind <> 'bot' and p.queue_id is not null),
            ('left-unqueued', null, '{}'::jsonb, p.t0 + interval '40 seconds', p.kind <> 'bot' and p.queue_id is null),
            ('callback-surfaced', null, jsonb_build_object('callbackId', c.id), c.surfaced_at, c.id is not null),
            ('accepted', p.agent1, '{}'::jsonb, p.accept_at, p.kind in ('agent', 'open') and p.i % 4 <> 0),
            ('assigned', null, jsonb_build_object('by', 'auto', 'userId', p.agent1), p.accept_at, p.kind in ('agent', 'open') and p.i % 4 = 0),
            ('transferred', p.agent1, jsonb_build_object('fromQueueId', p.queue_id, 'toQueueId', p.queue_id, 'fromUserId', p.agent1, 'toUserId', p.agent2),
               p.transfer_at, p.agent2 is not null),
            ('closed', case when p.kind = 'agent' then p.final_agent end,
               case when p.kind = 'bot' then '{"by":"flow"}'::jsonb else '{}'::jsonb end, p.close_at, p.kind in ('agent', 'bot')),
            ('survey-sent', p.final_agent, jsonb_build_object('surveyId', s.id, 'mode', 'always'), p.close_at, s.id is not null),
            ('survey-answered', null, jsonb_build_object('surveyId', s.id, 'score', s.score), s.answered_at, s.status = 'answered'),
            ('survey-expired', null, jsonb_build_object('surveyId', s.id), s.expires_at, s.status = 'expired'),
            ('reopened', null, '{}'::jsonb, p.reopen_at, p.reopened),
            ('accepted', p.final_agent, '{}'::jsonb, p.reopen_at + interval '5 minutes', p.reopened),
            ('closed', p.final_agent, '{}'::jsonb, p.final_close_at, p.reopened)
          ) e(kind, actor, data, at, applies)
          where e.applies and e.at <= $2::timestamptz
          order by e.at, p.ticket_id`,
        [companyId, now],
      );
    });

    await timed(seconds, 'indexes', async () => {
      for (const { indexdef } of indexDefs) await client.query(indexdef);
    });
    if (holdsCheckpoint)
      await client.query(
        `update report_cursor set cursor = (pg_current_xact_id()::text::numeric + 1)::text::xid8, updated_at = now() where id = 1`,
      );
    await client.query('commit');
    inTransaction = false;
    await timed(seconds, 'vacuumAnalyze', () =>
      client.query(
        'vacuum analyze contacts, tickets, messages, ticket_events, surveys, callback_requests, ticket_tags, users, user_queues, queues, connections',
      ),
    );

    const count = async (sql: string) => Number((await client.query<{ n: string }>(sql, [companyId])).rows[0]!.n);
    const counts = {
      tickets: await count('select count(*) as n from tickets where company_id = $1'),
      messages: await count('select count(*) as n from messages where company_id = $1'),
      messagesIn: await count(`select count(*) as n from messages where company_id = $1 and direction = 'in'`),
      messagesByAgents: await count(`select count(*) as n from messages where company_id = $1 and author = 'agent'`),
      messagesByBot: await count(`select count(*) as n from messages where company_id = $1 and author = 'bot'`),
      ticketEvents: await count('select count(*) as n from ticket_events where company_id = $1'),
      surveys: await count('select count(*) as n from surveys where company_id = $1'),
      surveysAnswered: await count(`select count(*) as n from surveys where company_id = $1 and status = 'answered'`),
      surveyComments: await count(`select count(*) as n from surveys where company_id = $1 and comment is not null`),
      callbacks: await count('select count(*) as n from callback_requests where company_id = $1'),
      taggedTickets: await count('select count(distinct ticket_id) as n from ticket_tags where company_id = $1'),
      contacts: await count('select count(*) as n from contacts where company_id = $1'),
      liveTickets: await count(`select count(*) as n from tickets where company_id = $1 and status <> 'closed'`),
    };
    const { rows: kinds } = await client.query<{ kind: string; n: string }>(
      'select kind, count(*) as n from ticket_events where company_id = $1 group by kind order by kind',
      [companyId],
    );
    const { rows: span } = await client.query<{ first: Date }>('select min(created_at) as first from tickets where company_id = $1', [
      companyId,
    ]);
    seconds.total = round((performance.now() - started) / 1000, 2);
    return {
      companyId,
      adminEmail,
      adminPassword,
      agentIds,
      queueIds,
      connectionIds,
      tagIds,
      fromDay: localDay(new Date(span[0]!.first), shape.timeZone),
      toDay: localDay(now, shape.timeZone),
      now,
      counts,
      eventsByKind: Object.fromEntries(kinds.map((row) => [row.kind, Number(row.n)])),
      aggregatorCheckpointHeld: holdsCheckpoint,
      seconds,
    };
  } finally {
    if (inTransaction) await client.query('rollback').catch(() => undefined);
    await client.query(`drop table if exists ${plan}`).catch(() => undefined);
    client.release();
  }
}
