/** The plain-SQL ingest baseline: what the database alone does, so noisy-machine rates can be compared as ratios. */
import pg from 'pg';
import {
  findOrOpenTicket,
  insertInboundMessage,
  isKnownMessage,
  upsertContact,
  type IngestConnection,
} from '../apps/server/src/modules/ingest/ingest.sql.js';
import { round } from './lib.js';

export interface SqlBaseline {
  perSecond: number;
  transactions: number;
  clients: number;
  seconds: number;
}

/**
 * The same statements as IngestService.ingest (imported, not copied, so the baseline cannot drift),
 * minus HTTP, JSON and events, from `clients` direct connections for `seconds`.
 */
export async function sqlBaseline(
  target: pg.ClientConfig,
  connection: IngestConnection,
  runId: string,
  options: { clients?: number; seconds?: number; customers?: number } = {},
): Promise<SqlBaseline> {
  const clients = options.clients ?? 4;
  const seconds = options.seconds ?? 10;
  const customers = options.customers ?? 1000;
  const stopAt = performance.now() + seconds * 1000;
  let transactions = 0;
  let seq = 0;
  const worker = async () => {
    const client = new pg.Client(target);
    await client.connect();
    try {
      while (performance.now() < stopAt) {
        const n = seq++;
        const waId = String(5511900000000 + (n % customers));
        const externalId = `wamid.SQL${runId}N${n}`;
        // pg.Client and PoolClient differ only in release(), which these functions never call.
        const tx = client as unknown as pg.PoolClient;
        await tx.query('begin');
        if (!(await isKnownMessage(tx, connection.id, externalId))) {
          const contactId = await upsertContact(
            tx,
            connection.companyId,
            { waId, name: `Cliente ${waId.slice(-4)}` },
            { connectionId: connection.id, externalKey: waId, inboundAt: new Date() },
          );
          const ticket = await findOrOpenTicket(tx, connection, contactId);
          const body = `baseline ${n} Olá, boa tarde! Fiz um pedido na semana passada e até agora não recebi o código de rastreio.`;
          await insertInboundMessage(
            tx,
            connection,
            {
              ticketId: ticket.id,
              contactId,
              direction: 'in',
              author: 'customer',
              type: 'text',
              body,
              payload: null,
              mediaState: null,
              mediaMime: null,
              mediaName: null,
              externalId,
              replyToExternalId: null,
              status: 'delivered',
              providerAt: new Date(),
            },
            { preview: body.slice(0, 200), inboundAt: new Date() },
          );
        }
        await tx.query('commit');
        transactions++;
      }
    } finally {
      await client.end();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return { perSecond: round(transactions / elapsed, 1), transactions, clients, seconds: round(elapsed, 1) };
}
