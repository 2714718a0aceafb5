import { CLOUD, type ConversationApp } from './conversations.harness.js';
import type { TestApp, TestCompany } from './harness.js';

let counter = 0;

/** A customer's tap on a reply button or list row, as Cloud posts it. */
export function choiceWebhook(from: string, reply: { type: 'button_reply' | 'list_reply'; id: string; title: string }) {
  const id = `wamid.C_${Date.now().toString(36)}_${counter++}`;
  return {
    id,
    body: {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: CLOUD.wabaId,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '5511900000000', phone_number_id: CLOUD.phoneNumberId },
                contacts: [{ wa_id: from, profile: { name: `Cliente ${from.slice(-4)}` } }],
                messages: [
                  {
                    id,
                    from,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: 'interactive',
                    interactive: { type: reply.type, [reply.type]: { id: reply.id, title: reply.title } },
                  },
                ],
              },
            },
          ],
        },
      ],
    },
  };
}

export async function createQueue(app: TestApp, company: TestCompany, name: string, userIds: number[] = [], greeting?: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/queues',
    token: company.adminToken,
    payload: { name, userIds, ...(greeting && { greeting }) },
  });
  if (response.statusCode !== 201) throw new Error(`queue: ${response.statusCode} ${response.body}`);
  return response.json<{ id: number; name: string }>();
}

/** The connection's menu, in order (what PATCH /api/connections/:id { queueIds } stores). */
export async function setMenu(app: TestApp, companyId: number, connectionId: number, queueIds: number[]) {
  const pool = app.server.database.pool;
  await pool.query('delete from connection_queues where connection_id = $1', [connectionId]);
  for (const [position, queueId] of queueIds.entries()) {
    await pool.query('insert into connection_queues (company_id, connection_id, queue_id, position) values ($1, $2, $3, $4)', [
      companyId,
      connectionId,
      queueId,
      position,
    ]);
  }
}

export async function patchSettings(app: TestApp, companyId: number, settings: Record<string, unknown>) {
  await app.server.database.pool.query('update companies set settings = settings || $2::jsonb where id = $1', [
    companyId,
    JSON.stringify(settings),
  ]);
}

/** Polls until `probe` returns a value (not undefined/false), or fails with what it last saw. */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function ticketOfPhone(app: ConversationApp, phone: string) {
  const { rows } = await app.server.database.pool.query<{ id: string; status: string; queue_id: string | null }>(
    `select t.id, t.status, t.queue_id from tickets t join contacts c on c.id = t.contact_id
      where c.phone = $1 and t.connection_id = $2 order by t.id desc limit 1`,
    [`+${phone}`, app.cloudConnectionId],
  );
  const row = rows[0];
  return row && { id: Number(row.id), status: row.status, queueId: row.queue_id === null ? null : Number(row.queue_id) };
}

export async function eventKinds(app: TestApp, ticketId: number): Promise<string[]> {
  const { rows } = await app.server.database.pool.query<{ kind: string }>(
    'select kind from ticket_events where ticket_id = $1 order by id',
    [ticketId],
  );
  return rows.map((row) => row.kind);
}
