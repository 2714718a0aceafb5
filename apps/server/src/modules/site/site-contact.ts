import type { Message, Ticket } from '@jimmy/contracts';
import type pg from 'pg';
import { z } from 'zod';
import { withTransaction, type Queryable } from '../../infra/db/index.js';
import { DomainError, invalid } from '../../infra/errors.js';
import type { EventBus, PendingEvent } from '../../infra/events.js';
import type { JobName, Jobs } from '../../infra/jobs.js';
import type { Done } from '../../infra/unit-of-work.js';
import { normalizePhone } from '../contact-imports/index.js';
import { leadTagIds, tagContact, upsertLeadContact } from '../lead-hooks/index.js';
import { findOrOpenTicketIn } from '../outreach/index.js';
import { recordTicketEvent, type TicketLookup } from '../tickets/index.js';

/** What the form sends; the WhatsApp number is checked with libphonenumber (normalizePhone), not here. */
export const contactRequestSchema = z.object({
  name: z.string().trim().min(1, 'required').max(120),
  whatsapp: z.string().trim().max(40),
  company: z.string().trim().max(120).optional(),
  message: z.string().trim().max(2000).optional(),
  /** The form's language, for the no-JavaScript answer page. */
  lang: z.enum(['pt-BR', 'en']).optional(),
});
type ContactRequest = z.infer<typeof contactRequestSchema>;

export interface SiteContactDeps {
  pool: pg.Pool;
  events: EventBus;
  jobs: Pick<Jobs, 'nudge'>;
  lookup: Pick<TicketLookup, 'created' | 'updated'>;
  outbound: {
    insertIn(
      q: Queryable,
      companyId: number,
      ticket: Pick<Ticket, 'id'>,
      input: {
        author: 'system';
        userId: null;
        type: 'system';
        body: string;
        payload: Record<string, unknown>;
        status: 'sent';
        send: false;
      },
    ): Promise<Done<Message>>;
  };
  tags: {
    addTicketTagIn(
      q: Queryable,
      companyId: number,
      ticketId: number,
      tagId: number,
      actor: { userId: null; via: 'lead' },
    ): Promise<Done<boolean>>;
  };
  assignment?: { assignIn(q: Queryable, companyId: number, ticketId: number): Promise<Done<unknown>> };
  /** SITE_COMPANY_ID; unset: the first company (the seeded Demo is the operator's own). */
  companyId?: number;
}

const SITE_TAG = 'site';

/** The field errors a visitor can fix, in the error shape every route uses. */
function checkContact(input: ContactRequest): { e164: string } {
  const phone = normalizePhone(input.whatsapp);
  if (!phone.ok)
    throw invalid(
      { whatsapp: phone.reason === 'phone_missing' ? 'required' : 'not a valid WhatsApp number' },
      phone.reason === 'phone_missing' ? 'The WhatsApp number is required' : 'The WhatsApp number is not valid',
    );
  return { e164: phone.e164 };
}

/**
 * A visitor who left their number becomes a lead of the operator's own company, filed the way lead
 * webhooks file one (the contact found by number in either Brazilian form, tagged `site`), with a
 * ticket on the company's WhatsApp connection (else its first connection) carrying what they wrote.
 */
export class SiteContact {
  constructor(private readonly deps: SiteContactDeps) {}

  async submit(input: ContactRequest): Promise<{ contactId: number; ticketId: number | null }> {
    const { e164 } = checkContact(input);
    const events: PendingEvent[] = [];
    const wake: JobName[] = [];
    const result = await withTransaction(this.deps.pool, async (client) => {
      const companyId = await this.companyIn(client);
      const contact = await upsertLeadContact(client, companyId, {
        e164,
        name: input.name,
        email: null,
        customFields: {},
        tagNames: [SITE_TAG],
      });
      const tagIds = await leadTagIds(client, companyId, [SITE_TAG], []);
      await tagContact(client, companyId, contact.id, tagIds);
      events.push(
        { event: 'contact.changed', payload: { companyId, contactId: contact.id } },
        { event: 'tags.changed', payload: { companyId } },
      );
      const { rows } = await client.query<{ id: string; default_queue_id: string | null }>(
        `select id, default_queue_id from connections where company_id = $1 and deleted_at is null
          order by (type in ('whatsapp_cloud', 'whatsapp_web')) desc, id limit 1`,
        [companyId],
      );
      const connection = rows[0];
      if (!connection) return { contactId: contact.id, ticketId: null };
      const opened = await findOrOpenTicketIn(client, {
        companyId,
        contactId: contact.id,
        connectionId: Number(connection.id),
        queueId: connection.default_queue_id === null ? null : Number(connection.default_queue_id),
        userId: null,
      });
      const ticketId = opened.ticketId;
      if (opened.created) await recordTicketEvent(client, { companyId, ticketId, kind: 'created', data: { source: 'site' } });
      for (const tagId of tagIds)
        events.push(...(await this.deps.tags.addTicketTagIn(client, companyId, ticketId, tagId, { userId: null, via: 'lead' })).events);
      // A system line, not a customer message: the visitor wrote on the site, not on WhatsApp (nothing to reply to there yet).
      const lines = [`Contato pelo site: ${input.name}`, `WhatsApp: ${e164}`];
      if (input.company) lines.push(`Empresa: ${input.company}`);
      if (input.message) lines.push(`Mensagem: ${input.message}`);
      const note = await this.deps.outbound.insertIn(
        client,
        companyId,
        { id: ticketId },
        {
          author: 'system',
          userId: null,
          type: 'system',
          body: lines.join('\n'),
          payload: { origin: { via: 'site' }, company: input.company ?? null },
          status: 'sent',
          send: false,
        },
      );
      events.push(...note.events);
      if (opened.created) {
        const assigned = await this.deps.assignment?.assignIn(client, companyId, ticketId);
        if (assigned) {
          wake.push(...assigned.wake);
          events.push(...assigned.events);
        }
        events.unshift((await this.deps.lookup.created(client, companyId, ticketId)).event);
      } else {
        events.push((await this.deps.lookup.updated(client, companyId, ticketId)).event);
      }
      return { contactId: contact.id, ticketId };
    });
    for (const name of new Set(wake)) this.deps.jobs.nudge(name);
    this.deps.events.publishAll(events);
    return result;
  }

  private async companyIn(q: Queryable): Promise<number> {
    const { rows } = await q.query<{ id: string }>(
      this.deps.companyId === undefined ? 'select id from companies order by id limit 1' : 'select id from companies where id = $1',
      this.deps.companyId === undefined ? [] : [this.deps.companyId],
    );
    if (!rows[0]) throw new DomainError('SITE_CONTACT_UNAVAILABLE', 'The contact form is not set up yet (no company to receive it)', 503);
    return Number(rows[0].id);
  }
}
