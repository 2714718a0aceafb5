import type pg from 'pg';
import type { Queryable } from '../../infra/db/index.js';
import type { EventBus, PendingEvent } from '../../infra/events.js';
import type { Jobs } from '../../infra/jobs.js';
import { commit, done, type Done } from '../../infra/unit-of-work.js';
import { companySettingsOf } from '../companies/index.js';
import { mediaTypeFor, type OutboundMessages } from '../messages/index.js';
import { recordTicketEvent, type TicketLookup } from '../tickets/index.js';
import { occurrenceAt, type RepeatClock } from './repeat.js';
import type { ScheduledRepository, ScheduledRow } from './scheduled.repository.js';
import { sendJob, WINDOW_MS, type ScheduledService } from './scheduled.service.js';

const SEND_RETRY_LIMIT = 5;

declare module '../../infra/jobs.js' {
  interface JobPayloads {
    /** Sends occurrence `occurrence` of a scheduled message; a job of another occurrence or time is stale. */
    'scheduled.send': { id: number; occurrence: number };
  }
}

export interface ScheduledJobDeps {
  pool: pg.Pool;
  jobs: Jobs;
  events: EventBus;
  repo: ScheduledRepository;
  scheduled: ScheduledService;
  lookup: TicketLookup;
  outbound: OutboundMessages;
  /** SCHEDULE_REPEAT_UNIT_MS: see RepeatClock. */
  repeatUnitMs?: number | undefined;
}

/**
 * Turns a due schedule into an outbound message, once. One transaction locks the row, checks it is
 * still this occurrence and due, writes the message (whose own job then sends it, with retries) and
 * moves the row on. A second process, a restart or a stale job finds the row changed and does nothing.
 */
export async function registerScheduledJobs(deps: ScheduledJobDeps): Promise<void> {
  const { repo, scheduled } = deps;

  const sendDueIn = async (q: pg.PoolClient, id: number, occurrence: number): Promise<Done<undefined>> => {
    const locked = await repo.with(q).lock(id);
    if (!locked) return done(undefined);
    const companyId = Number(locked.company_id);
    const row = (await repo.with(q).find(companyId, id))!;
    if (row.status !== 'scheduled' || row.occurrence !== occurrence || !(await repo.with(q).isDue(id))) return done(undefined);

    const fail = async (failed: ScheduledRow, code: string, message: string): Promise<Done<undefined>> => {
      await repo.with(q).update(failed.id, { status: 'failed', error: { code, message } });
      return done(undefined, [(await scheduled.eventIn(q, companyId, id)).event]);
    };

    const connection = await repo.with(q).connectionOf(companyId, Number(row.connection_id));
    if (!connection) return fail(row, 'CONNECTION_REMOVED', 'The connection of this conversation was removed');
    if (connection.type === 'whatsapp_cloud' && !row.template) {
      const last = await repo.with(q).lastInboundAt(companyId, connection.id, Number(row.contact_id));
      if (!last || Date.now() - last.getTime() >= WINDOW_MS) {
        return fail(row, 'WINDOW_CLOSED', 'More than 24 hours since the customer last wrote: choose an approved template and try again');
      }
    }
    const settings = await companySettingsOf(q, companyId);
    const { ticketId, events } = await ticketFor(deps, q, row, settings.scheduling.reuseLiveTicket, connection.default_queue_id);
    const ticket = (await deps.lookup.find(q, companyId, ticketId))!;
    const sent = await deps.outbound.insertIn(q, companyId, ticket, {
      author: 'agent',
      userId: row.created_by === null ? null : Number(row.created_by),
      ...contentOf(row),
      status: 'pending',
      send: true,
    });
    events.push(...sent.events);
    await recordTicketEvent(q, {
      companyId,
      ticketId,
      kind: 'scheduled-message-sent',
      actorUserId: row.created_by === null ? null : Number(row.created_by),
      data: { scheduledMessageId: id, occurrence, messageId: sent.value.id },
    });

    const next = row.repeat
      ? occurrenceAt(row.repeat, occurrence + 1, {
          timeZone: settings.timezone,
          ...(deps.repeatUnitMs !== undefined && { unitMs: deps.repeatUnitMs }),
        } satisfies RepeatClock)
      : null;
    await repo.with(q).update(id, {
      sent: { messageId: sent.value.id, ticketId },
      error: null,
      ...(next ? { status: 'scheduled', occurrence: occurrence + 1, sendAt: next } : { status: 'sent' }),
    });
    if (next) {
      const [name, data, options] = sendJob(id, occurrence + 1);
      await deps.jobs.send(name, data, { ...options, within: q, startAfter: next });
    }
    events.push((await scheduled.eventIn(q, companyId, id)).event);
    return done(undefined, events, sent.wake);
  };

  // An unexpected error (the database, a bug) is retried; after the last try the row shows it, so
  // the agent sees a failure with a retry instead of a schedule that silently never leaves.
  const giveUpIn = async (q: pg.PoolClient, id: number, occurrence: number, error: unknown): Promise<Done<undefined>> => {
    const locked = await repo.with(q).lock(id);
    if (!locked) return done(undefined);
    const row = (await repo.with(q).find(Number(locked.company_id), id))!;
    if (row.status !== 'scheduled' || row.occurrence !== occurrence) return done(undefined);
    await repo.with(q).update(id, {
      status: 'failed',
      error: { code: 'SCHEDULE_FAILED', message: error instanceof Error ? error.message : String(error) },
    });
    return done(undefined, [(await scheduled.eventIn(q, Number(locked.company_id), id)).event]);
  };

  await deps.jobs.register(
    'scheduled.send',
    async ({ id, occurrence }, job) => {
      try {
        await commit(deps, (client) => sendDueIn(client, id, occurrence));
      } catch (error) {
        if (job.retryCount >= SEND_RETRY_LIMIT) await commit(deps, (client) => giveUpIn(client, id, occurrence, error));
        throw error;
      }
    },
    { retryLimit: SEND_RETRY_LIMIT, retryDelaySeconds: 5 },
  );
}

/**
 * The ticket the message goes to. With `scheduling.reuseLiveTicket` (default) the contact's live
 * ticket on the connection; otherwise a new ticket, and since the database allows one live ticket
 * per contact and connection, a live one is closed first. A new ticket opens for the scheduling
 * agent, in the queue of the conversation it was scheduled from (or the connection's default).
 */
async function ticketFor(
  deps: Pick<ScheduledJobDeps, 'repo' | 'lookup'>,
  q: Queryable,
  row: ScheduledRow,
  reuseLive: boolean,
  defaultQueueId: number | null,
): Promise<{ ticketId: number; events: PendingEvent[] }> {
  const repo = deps.repo.with(q);
  const companyId = Number(row.company_id);
  const connectionId = Number(row.connection_id);
  const contactId = Number(row.contact_id);
  const creator = row.created_by === null ? null : Number(row.created_by);
  const events: PendingEvent[] = [];
  const live = await repo.liveTicketOf(companyId, connectionId, contactId);
  if (live !== null && reuseLive) return { ticketId: live, events };
  if (live !== null) {
    const before = await deps.lookup.find(q, companyId, live);
    await repo.closeTicket(companyId, live);
    await recordTicketEvent(q, { companyId, ticketId: live, kind: 'closed', data: { reason: 'scheduled-message-new-ticket' } });
    events.push((await deps.lookup.updated(q, companyId, live, before)).event);
  }
  const queueId = (await repo.queueOfTicket(companyId, row.ticket_id === null ? null : Number(row.ticket_id))) ?? defaultQueueId;
  const userId = (await repo.userIsActive(companyId, creator)) ? creator : null;
  const opened = await repo.openTicket({ companyId, connectionId, contactId, queueId, userId });
  if (opened.created) {
    await recordTicketEvent(q, {
      companyId,
      ticketId: opened.id,
      kind: 'created',
      actorUserId: userId,
      data: { source: 'scheduled-message', scheduledMessageId: Number(row.id) },
    });
    events.push((await deps.lookup.created(q, companyId, opened.id)).event);
  }
  return { ticketId: opened.id, events };
}

function contentOf(row: ScheduledRow): {
  type: string;
  body: string;
  payload: Record<string, unknown> | null;
  media?: { path: string; mime: string; name: string; size: number };
} {
  if (row.template) return { type: 'template', body: row.body || row.template.name, payload: { template: row.template } };
  if (row.media_path && row.media_mime) {
    return {
      type: mediaTypeFor(row.media_mime, false),
      body: row.body,
      payload: null,
      media: { path: row.media_path, mime: row.media_mime, name: row.media_name ?? 'file', size: row.media_size ?? 0 },
    };
  }
  return { type: 'text', body: row.body, payload: null };
}
