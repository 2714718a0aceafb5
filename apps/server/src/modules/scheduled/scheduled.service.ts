import type pg from 'pg';
import type { ScheduledMessage } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';
import { conflict, invalid, notFound } from '../../infra/errors.js';
import type { EventBus, PendingEvent } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import { extensionFor, type Storage } from '../../infra/storage.js';
import { commit, done, type Done } from '../../infra/unit-of-work.js';
import type { AuthContext } from '../auth/index.js';
import { companySettingsOf } from '../companies/index.js';
import type { OutgoingFile } from '../messages/index.js';
import { audienceOf, type TicketLookup, type TicketsService } from '../tickets/index.js';
import { anchorRepeat, localDate, type RepeatEvery } from './repeat.js';
import { toScheduledDto } from './scheduled.mapper.js';
import type { ScheduledFilter, ScheduledRepository, ScheduledRow, TemplateRef } from './scheduled.repository.js';

/** Clock skew we forgive between the agent's browser and the server. */
const PAST_TOLERANCE_MS = 60_000;
/** WhatsApp allows free-form messages for 24 hours after the customer last wrote. */
export const WINDOW_MS = 24 * 60 * 60 * 1000;

type RepeatRequest = { every: RepeatEvery; times?: number | undefined; until?: string | undefined };

export interface ScheduleInput {
  body: string;
  sendAt: string;
  repeat?: RepeatRequest | null | undefined;
  template?: TemplateRef | null | undefined;
}

export interface ScheduleUpdate {
  body?: string | undefined;
  sendAt?: string | undefined;
  repeat?: RepeatRequest | null | undefined;
  template?: TemplateRef | null | undefined;
  status?: 'scheduled' | undefined;
}

/** Who receives a scheduled message and on which number. */
export interface ScheduleTarget {
  contactId: number;
  connectionId: number;
  ticketId: number | null;
}

export interface ScheduledServiceDeps {
  pool: pg.Pool;
  repo: ScheduledRepository;
  tickets: TicketsService;
  lookup: TicketLookup;
  jobs: Pick<Jobs, 'send' | 'nudge'>;
  events: EventBus;
  storage: Storage;
}

/** The job that sends occurrence `occurrence` of a scheduled message. */
export const sendJob = (id: number, occurrence: number) =>
  ['scheduled.send', { id, occurrence }, { singletonKey: `scheduled:${id}:${occurrence}` }] as const;

/**
 * Agents schedule, edit, cancel and retry messages. Every change and the job that will send it
 * commit together, so a schedule exists exactly when its job does.
 */
export class ScheduledService {
  private readonly repo: ScheduledRepository;

  constructor(private readonly deps: ScheduledServiceDeps) {
    this.repo = deps.repo;
  }

  /** The conversation's contact and number; 404 when the caller may not see the ticket. */
  async ticketTarget(auth: AuthContext, ticketId: number): Promise<ScheduleTarget> {
    const ticket = await this.deps.tickets.get(auth, ticketId);
    return { contactId: ticket.contact.id, connectionId: ticket.connectionId, ticketId: ticket.id };
  }

  async assertContact(auth: AuthContext, contactId: number): Promise<void> {
    if (!(await this.repo.contactExists(auth.companyId, contactId))) throw notFound('Contact');
  }

  /** Scheduling from a contact card: the list of the contact's live ticket shows it, when there is one. */
  async contactTarget(auth: AuthContext, contactId: number, connectionId: number): Promise<ScheduleTarget> {
    if (!(await this.repo.connectionOf(auth.companyId, connectionId))) throw invalid({ connectionId: 'no such connection' });
    return { contactId, connectionId, ticketId: await this.repo.liveTicketOf(auth.companyId, connectionId, contactId) };
  }

  async create(auth: AuthContext, target: ScheduleTarget, input: ScheduleInput, file?: OutgoingFile): Promise<ScheduledMessage> {
    const sendAt = futureSendAt(input.sendAt);
    const template = input.template ?? null;
    const settings = await companySettingsOf(this.deps.pool, auth.companyId);
    await this.checkContent(this.deps.pool, auth.companyId, target, { body: input.body, template, hasFile: Boolean(file), sendAt });
    checkUntil(input.repeat, sendAt, settings.timezone);
    let media: { path: string; mime: string; name: string; size: number } | null = null;
    if (file) {
      const stored = await this.deps.storage.put(auth.companyId, file.bytes, extensionFor(file.mimeType, file.fileName));
      media = { path: stored.key, mime: file.mimeType, name: file.fileName, size: stored.size };
    }
    return commit(this.deps, async (client) => {
      const id = await this.repo.with(client).insert({
        companyId: auth.companyId,
        ...target,
        createdBy: auth.userId,
        body: input.body,
        media,
        template,
        sendAt,
        repeat: input.repeat ? anchorRepeat(input.repeat, sendAt, 0) : null,
      });
      const [name, data, options] = sendJob(id, 0);
      await this.deps.jobs.send(name, data, { ...options, within: client, startAfter: sendAt });
      return this.doneWith(client, auth.companyId, id);
    });
  }

  async list(auth: AuthContext, filter: ScheduledFilter): Promise<ScheduledMessage[]> {
    const viewer = await this.deps.tickets.viewer(auth);
    return (await this.repo.list(viewer, filter)).map(toScheduledDto);
  }

  async get(auth: AuthContext, id: number, q: Queryable = this.deps.pool): Promise<ScheduledMessage> {
    return toScheduledDto(await this.visibleRow(auth, id, q));
  }

  update(auth: AuthContext, id: number, input: ScheduleUpdate): Promise<ScheduledMessage> {
    return commit(this.deps, async (client) => {
      const repo = this.repo.with(client);
      await repo.lock(id, auth.companyId);
      const row = await this.visibleRow(auth, id, client);
      const retry = input.status === 'scheduled' && row.status === 'failed';
      assertEditable(row);
      const editsContent = input.body !== undefined || input.template !== undefined || input.sendAt !== undefined;
      const sendAt = input.sendAt !== undefined ? futureSendAt(input.sendAt) : retry ? new Date() : new Date(row.send_at);
      const template = input.template !== undefined ? input.template : row.template;
      if (editsContent || retry) {
        await this.checkContent(client, auth.companyId, targetOf(row), {
          body: input.body ?? row.body,
          template,
          hasFile: row.media_path !== null,
          sendAt,
        });
      }
      const timeZone = (await companySettingsOf(client, auth.companyId)).timezone;
      const requested = input.repeat !== undefined ? input.repeat : row.repeat;
      if (input.repeat !== undefined) checkUntil(input.repeat, sendAt, timeZone);
      const moved = input.sendAt !== undefined || retry;
      // Occurrences are counted from the send time the agent sets now.
      const repeat = requested && (moved || input.repeat !== undefined) ? anchorRepeat(requested, sendAt, row.occurrence) : undefined;
      await repo.update(id, {
        ...(input.body !== undefined && { body: input.body }),
        ...(input.template !== undefined && { template: input.template }),
        ...(moved && { sendAt }),
        ...(repeat !== undefined && { repeat }),
        ...(input.repeat === null && { repeat: null }),
        ...(retry && { status: 'scheduled' as const, error: null }),
      });
      // The job of the old time finds the row not yet due and leaves it to this one.
      if (moved && (retry || row.status === 'scheduled')) {
        const [name, data, options] = sendJob(id, row.occurrence);
        await this.deps.jobs.send(name, data, { ...options, within: client, startAfter: sendAt });
      }
      return this.doneWith(client, auth.companyId, id, retry ? ['scheduled.send'] : []);
    });
  }

  /** Cancels until sent; the row stays, so the list shows what was called off. */
  cancel(auth: AuthContext, id: number): Promise<ScheduledMessage> {
    return commit(this.deps, async (client) => {
      await this.repo.with(client).lock(id, auth.companyId);
      const row = await this.visibleRow(auth, id, client);
      if (row.status === 'canceled') return done(toScheduledDto(row));
      if (row.status === 'sent') throw conflict('SCHEDULED_MESSAGE_SENT', 'This message was already sent');
      await this.repo.with(client).update(id, { status: 'canceled' });
      return this.doneWith(client, auth.companyId, id);
    });
  }

  /** The row as it is now and the event telling its audience (read through `q`, inside the caller's transaction). */
  async eventIn(q: Queryable, companyId: number, id: number): Promise<{ value: ScheduledMessage; event: PendingEvent }> {
    const row = (await this.repo.with(q).find(companyId, id))!;
    const ticket = row.ticket_id === null ? undefined : await this.deps.lookup.find(q, companyId, Number(row.ticket_id));
    const value = toScheduledDto(row);
    return {
      value,
      event: {
        event: 'scheduled.updated',
        payload: { companyId, ticket: ticket ? audienceOf(ticket) : null, createdBy: value.createdBy?.id ?? null, scheduledMessage: value },
      },
    };
  }

  private async doneWith(q: Queryable, companyId: number, id: number, wake: 'scheduled.send'[] = []): Promise<Done<ScheduledMessage>> {
    const { value, event } = await this.eventIn(q, companyId, id);
    return done(value, [event], wake);
  }

  private async visibleRow(auth: AuthContext, id: number, q: Queryable): Promise<ScheduledRow> {
    const repo = this.repo.with(q);
    const viewer = await this.deps.tickets.viewer(auth, q);
    const row = (await repo.visibleTo(viewer, id)) ? await repo.find(auth.companyId, id) : undefined;
    if (!row) throw notFound('Scheduled message');
    return row;
  }

  /**
   * What the message may carry on its connection. On the Cloud API, a send time more than 24 hours
   * after the customer last wrote needs an approved template (WhatsApp refuses free text then).
   */
  private async checkContent(
    q: Queryable,
    companyId: number,
    target: ScheduleTarget,
    content: { body: string; template: TemplateRef | null; hasFile: boolean; sendAt: Date },
  ): Promise<void> {
    const repo = this.repo.with(q);
    const connection = await repo.connectionOf(companyId, target.connectionId);
    if (!connection) throw invalid({ connectionId: 'no such connection' });
    if (content.template) {
      if (connection.type !== 'whatsapp_cloud') throw invalid({ template: 'templates exist only on WhatsApp Cloud API connections' });
      if (content.hasFile) throw invalid({ file: 'a template message carries no attachment' });
      return;
    }
    if (!content.body.trim() && !content.hasFile) throw invalid({ body: 'write a message or attach a file' });
    if (connection.type !== 'whatsapp_cloud') return;
    const last = await repo.lastInboundAt(companyId, target.connectionId, target.contactId);
    if (!last || content.sendAt.getTime() - last.getTime() >= WINDOW_MS) {
      throw invalid(
        { template: 'required: at the send time more than 24 hours will have passed since the customer last wrote' },
        'WhatsApp only allows an approved template outside the 24-hour window',
      );
    }
  }
}

function futureSendAt(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw invalid({ sendAt: 'not a date' });
  if (at.getTime() < Date.now() - PAST_TOLERANCE_MS) throw invalid({ sendAt: 'is in the past' });
  return at;
}

function checkUntil(repeat: RepeatRequest | null | undefined, sendAt: Date, timeZone: string): void {
  if (repeat?.until !== undefined && repeat.until < localDate(sendAt, timeZone))
    throw invalid({ 'repeat.until': 'is before the first send' });
}

/** Scheduled and failed rows can change (a failed one may get the template it lacked before its retry). */
function assertEditable(row: ScheduledRow): void {
  if (row.status === 'sent') throw conflict('SCHEDULED_MESSAGE_SENT', 'This message was already sent');
  if (row.status === 'canceled') throw conflict('SCHEDULED_MESSAGE_CANCELED', 'This scheduled message was canceled');
  if (row.status === 'sending') throw conflict('SCHEDULED_MESSAGE_SENDING', 'This message is being sent right now');
}

const targetOf = (row: ScheduledRow): ScheduleTarget => ({
  contactId: Number(row.contact_id),
  connectionId: Number(row.connection_id),
  ticketId: row.ticket_id === null ? null : Number(row.ticket_id),
});
