import type pg from 'pg';
import { renderQuickResponse, type Message, type RenderedQuickResponse, type Ticket } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';
import { conflict, DomainError, invalid } from '../../infra/errors.js';
import type { EventBus, PendingEvent } from '../../infra/events.js';
import type { JobName, Jobs } from '../../infra/jobs.js';
import type { Storage } from '../../infra/storage.js';
import { commit, done } from '../../infra/unit-of-work.js';
import type { AuthContext } from '../auth/index.js';
import { companySettingsOf } from '../companies/index.js';
import type { OutboundMessages } from '../messages/index.js';
import type { TicketsService } from '../tickets/index.js';
import type { AttachmentRow } from './quick-responses.repository.js';
import type { QuickResponsesService } from './quick-responses.service.js';

export interface QuickResponseSenderDeps {
  pool: pg.Pool;
  events: EventBus;
  jobs: Jobs;
  storage: Storage;
  tickets: TicketsService;
  outbound: OutboundMessages;
  responses: QuickResponsesService;
  now?: () => Date;
}

/**
 * Fills a quick response's variables for one ticket and sends it: the text, then each attachment as
 * its own message, all written in one transaction so their send jobs run in that order (the outbound
 * writer gives older messages the higher job priority).
 */
export class QuickResponseSender {
  constructor(private readonly deps: QuickResponseSenderDeps) {}

  /** The response's text filled for this ticket, with the variables nobody could fill. */
  async preview(auth: AuthContext, ticketId: number, quickResponseId: number): Promise<RenderedQuickResponse> {
    const ticket = await this.deps.tickets.get(auth, ticketId);
    const { row } = await this.deps.responses.visibleWithAttachments(auth, quickResponseId);
    return this.render(this.deps.pool, auth, ticket, row.body);
  }

  async send(
    auth: AuthContext,
    ticketId: number,
    quickResponseId: number,
    input: { body: string; attachmentIds?: number[] | undefined },
  ): Promise<{ items: Message[] }> {
    const ticket = await this.deps.tickets.get(auth, ticketId);
    const all = (await this.deps.responses.visibleWithAttachments(auth, quickResponseId)).attachments;
    const kept = input.attachmentIds && new Set(input.attachmentIds);
    if (kept && [...kept].some((id) => !all.some((a) => Number(a.id) === id))) {
      throw invalid({ attachmentIds: 'not an attachment of this quick response' });
    }
    const attachments = kept ? all.filter((a) => kept.has(Number(a.id))) : all;
    const body = input.body;
    assertCanReply(ticket);
    const rendered = await this.render(this.deps.pool, auth, ticket, body);
    if (rendered.unknown.length > 0) {
      throw new DomainError('UNKNOWN_VARIABLE', `Fill or remove ${rendered.unknown.join(', ')} before sending`, 422, {
        body: `unknown variable ${rendered.unknown.join(', ')}`,
      });
    }
    const text = rendered.body.trim();
    if (!text && attachments.length === 0) throw invalid({ body: 'write a message; this response has no attachments' });
    await this.assertFilesPresent(attachments);

    return commit(this.deps, async (client) => {
      const events: PendingEvent[] = [];
      const wake: JobName[] = [];
      let current = ticket;
      // Replying to a waiting ticket takes it, as sending any message does.
      if (current.status === 'pending') {
        const accepted = await this.deps.tickets.acceptIn(client, auth, ticketId);
        current = accepted.value;
        events.push(...accepted.events);
      }
      const items: Message[] = [];
      const insert = async (input: Parameters<OutboundMessages['insertIn']>[3]) => {
        const written = await this.deps.outbound.insertIn(client, auth.companyId, current, input);
        items.push(written.value);
        events.push(...written.events);
        wake.push(...written.wake);
      };
      const base = { author: 'agent' as const, userId: auth.userId, status: 'pending' as const, send: true };
      if (text) await insert({ ...base, type: 'text', body: text, payload: { quickResponseId } });
      for (const attachment of attachments) await insert({ ...base, ...messageOf(attachment, quickResponseId) });
      return done({ items }, events, wake);
    });
  }

  /** The text filled for this ticket, read through `q` (an outreach renders inside its own transaction). */
  async render(q: Queryable, auth: AuthContext, ticket: Ticket, text: string): Promise<RenderedQuickResponse> {
    const { rows } = await q.query<{ custom_fields: Record<string, string> | null; queue_name: string | null }>(
      `select c.custom_fields, (select name from queues where id = $3 and company_id = $1) as queue_name
         from contacts c where c.id = $2 and c.company_id = $1`,
      [auth.companyId, ticket.contact.id, ticket.queueId],
    );
    const keys = await q.query<{ key: string }>('select key from custom_field_definitions where company_id = $1', [auth.companyId]);
    const settings = await companySettingsOf(q, auth.companyId);
    return renderQuickResponse(text, {
      contactName: ticket.contact.name,
      agentName: auth.user.name,
      ticketId: ticket.id,
      queueName: rows[0]?.queue_name ?? null,
      customFields: rows[0]?.custom_fields ?? {},
      fieldKeys: keys.rows.map((r) => r.key),
      now: this.deps.now?.() ?? new Date(),
      timeZone: settings.timezone,
    });
  }

  /** A file gone from disk would fail its send after the text went out: refuse before anything is written. */
  private async assertFilesPresent(attachments: AttachmentRow[]): Promise<void> {
    for (const attachment of attachments) {
      if (!attachment.media_path) continue;
      const file = await this.deps.storage.open(attachment.media_path);
      if (file) {
        file.stream.destroy();
        continue;
      }
      const name = attachment.media_name ?? attachment.kind;
      throw new DomainError('QUICK_RESPONSE_MEDIA_MISSING', `The file "${name}" of this quick response is missing; attach it again`, 422, {
        [`attachments.${attachment.position}`]: `file "${name}" is missing`,
      });
    }
  }
}

function assertCanReply(ticket: Ticket): void {
  if (ticket.status === 'closed') throw conflict('TICKET_CLOSED', 'This ticket is closed; reopen it to reply');
  const cloud = ticket.connectionType === 'whatsapp_cloud';
  const expired = ticket.windowExpiresAt ? new Date(ticket.windowExpiresAt).getTime() < Date.now() : cloud;
  if (expired) {
    throw new DomainError(
      'WINDOW_CLOSED',
      'More than 24 hours since the customer last wrote: WhatsApp only allows a template message now',
      422,
    );
  }
}

/** One attachment as the message that carries it (the public API's quick responses send them too). */
export function messageOf(attachment: AttachmentRow, quickResponseId: number) {
  const media = {
    path: attachment.media_path!,
    mime: attachment.media_mime ?? 'application/octet-stream',
    name: attachment.media_name ?? 'file',
    size: attachment.media_size ?? 0,
  };
  if (attachment.kind === 'contact') {
    const card = attachment.contact!;
    // The same shape inbound contact messages store, so the console draws both alike.
    const contacts = [{ name: card.name, phones: [{ phone: card.phone, waId: card.phone.replace(/\D/g, '') }] }];
    return { type: 'contacts', body: `${card.name} ${card.phone}`, payload: { quickResponseId, contacts }, media };
  }
  const voice = attachment.kind === 'audio' && attachment.as_voice;
  return { type: attachment.kind, body: '', payload: { quickResponseId, ...(voice && { voice: true }) }, media };
}
