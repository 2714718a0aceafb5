import type pg from 'pg';

/**
 * Raw rows with fixed timestamps for the report tests: historical times (a DST change in 2018)
 * cannot be produced through the HTTP API, whose rows take `now()`. The rows are the ones the
 * pipeline writes (ticket_events, messages, surveys, ticket_tags); the aggregator then runs as usual.
 */
export class RawRows {
  private contacts = 0;
  constructor(
    private readonly pool: pg.Pool,
    readonly companyId: number,
  ) {}

  async one<T>(sql: string, values: unknown[]): Promise<T> {
    const { rows } = await this.pool.query(sql, values);
    return rows[0] as T;
  }

  async connection(name = 'Site'): Promise<number> {
    const row = await this.one<{ id: number }>(
      `insert into connections (company_id, type, name, status) values ($1, 'webchat', $2, 'open') returning id`,
      [this.companyId, name],
    );
    return Number(row.id);
  }

  async queue(name: string): Promise<number> {
    return Number(
      (await this.one<{ id: number }>('insert into queues (company_id, name) values ($1, $2) returning id', [this.companyId, name])).id,
    );
  }

  async tag(name: string): Promise<number> {
    return Number(
      (
        await this.one<{ id: number }>("insert into tags (company_id, name, color) values ($1, $2, '#888888') returning id", [
          this.companyId,
          name,
        ])
      ).id,
    );
  }

  async ticket(input: {
    connectionId: number;
    status: string;
    queueId?: number | null;
    userId?: number | null;
    at: string;
    contactName?: string;
  }) {
    const contact = await this.one<{ id: number }>('insert into contacts (company_id, name) values ($1, $2) returning id', [
      this.companyId,
      input.contactName ?? `Contato ${++this.contacts}`,
    ]);
    const ticket = await this.one<{ id: number }>(
      `insert into tickets (company_id, contact_id, connection_id, queue_id, user_id, status, created_at, closed_at)
       values ($1, $2, $3, $4, $5, $6, $7, case when $6 = 'closed' then $7::timestamptz end) returning id`,
      [this.companyId, contact.id, input.connectionId, input.queueId ?? null, input.userId ?? null, input.status, input.at],
    );
    return { id: Number(ticket.id), contactId: Number(contact.id), connectionId: input.connectionId };
  }

  async event(ticketId: number, kind: string, at: string, options: { actor?: number | null; data?: Record<string, unknown> } = {}) {
    await this.pool.query(
      `insert into ticket_events (company_id, ticket_id, kind, actor_user_id, data, created_at) values ($1, $2, $3, $4, $5, $6)`,
      [this.companyId, ticketId, kind, options.actor ?? null, options.data ?? {}, at],
    );
  }

  async message(
    ticket: { id: number; contactId: number; connectionId: number },
    author: 'customer' | 'agent' | 'bot' | 'system',
    at: string,
    options: { userId?: number; type?: string } = {},
  ) {
    await this.pool.query(
      `insert into messages (company_id, ticket_id, connection_id, contact_id, direction, author, user_id, type, body, status, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, 'x', 'sent', $9)`,
      [
        this.companyId,
        ticket.id,
        ticket.connectionId,
        ticket.contactId,
        author === 'customer' ? 'in' : 'out',
        author,
        options.userId ?? null,
        options.type ?? 'text',
        at,
      ],
    );
  }

  async survey(
    ticket: { id: number; contactId: number; connectionId: number },
    input: { score: number; comment?: string; userId: number | null; queueId: number | null; at: string },
  ) {
    await this.pool.query(
      `insert into surveys (company_id, ticket_id, contact_id, connection_id, user_id, queue_id, status, score, comment, sent_at, expires_at, answered_at)
       values ($1, $2, $3, $4, $5, $6, 'answered', $7, $8, $9, $9::timestamptz + interval '1 day', $9)`,
      [
        this.companyId,
        ticket.id,
        ticket.contactId,
        ticket.connectionId,
        input.userId,
        input.queueId,
        input.score,
        input.comment ?? null,
        input.at,
      ],
    );
  }

  async tagTicket(ticketId: number, tagId: number) {
    await this.pool.query('insert into ticket_tags (company_id, ticket_id, tag_id) values ($1, $2, $3) on conflict do nothing', [
      this.companyId,
      ticketId,
      tagId,
    ]);
  }
}

/** Within the histogram's documented bound (±6.5 % above 1 s). */
export function near(actual: number | null, expectedMs: number): boolean {
  return actual !== null && Math.abs(actual - expectedMs) <= expectedMs * 0.065 + 1;
}
