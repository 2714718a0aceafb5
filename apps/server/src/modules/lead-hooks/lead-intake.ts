import type { LeadAccepted, Message, Ticket } from '@jimmy/contracts';
import type pg from 'pg';
import { withTransaction, type Queryable } from '../../infra/db/index.js';
import { DomainError } from '../../infra/errors.js';
import type { EventBus, PendingEvent } from '../../infra/events.js';
import type { JobName, Jobs } from '../../infra/jobs.js';
import type { Done } from '../../infra/unit-of-work.js';
import { listCustomFields } from '../contacts/index.js';
import type { TicketLookup } from '../tickets/index.js';
import { leadTagIds, tagContact, upsertLeadContact } from './lead-contact.js';
import { leadOf } from './lead-mapping.js';
import { openLeadTicket } from './lead-ticket.js';
import type { StoredHook } from './lead-hooks.repository.js';

interface Outcome {
  events: PendingEvent[];
  wake: JobName[];
}

/** The seams the intake needs from other modules, narrowed to what it calls. */
export interface LeadIntakeDeps {
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
        author: 'bot';
        userId: null;
        type: string;
        body: string;
        payload: Record<string, unknown>;
        status: 'pending';
        send: true;
      },
    ): Promise<Done<Message>>;
  };
  /** Ticket tags go through the tags module: the ticket's history records them like any other tagging. */
  tags: {
    addTicketTagIn(
      q: Queryable,
      companyId: number,
      ticketId: number,
      tagId: number,
      actor: { userId: null; via: 'lead' },
    ): Promise<Done<boolean>>;
  };
  flows: {
    startForLeadIn(q: Queryable, companyId: number, ticketId: number, flowId: number, text: string, outcome: Outcome): Promise<boolean>;
  };
  assignment?: { assignIn(q: Queryable, companyId: number, ticketId: number): Promise<Done<unknown>> };
}

/** Leads are reached by number: a WhatsApp connection that was not deleted (web chat has no numbers). */
export const PHONE_CONNECTION = `select 1 from connections where company_id = $1 and id = $2 and deleted_at is null and type in ('whatsapp_cloud', 'whatsapp_web')`;

const misconfigured = (message: string, field: string) => new DomainError('LEAD_HOOK_MISCONFIGURED', message, 422, { [field]: message });

/**
 * One lead, all or nothing: contact, tags, ticket (queue or flow) and the first message's send job
 * commit in one transaction or not at all; events and queue wake-ups follow the commit. Throws a
 * DomainError (4xx, naming the field) for a payload or a configuration it cannot apply.
 */
export async function applyLead(deps: LeadIntakeDeps, hook: StoredHook, payload: unknown): Promise<LeadAccepted> {
  const { companyId, actions } = hook;
  const outcome: Outcome = { events: [], wake: [] };
  const accepted = await withTransaction(deps.pool, async (client): Promise<LeadAccepted> => {
    const lead = leadOf(payload, hook.mapping, await listCustomFields(client, companyId));
    const contact = await upsertLeadContact(client, companyId, lead);
    const tagIds = await leadTagIds(client, companyId, lead.tagNames, actions.tagIds);
    await tagContact(client, companyId, contact.id, tagIds);
    outcome.events.push({ event: 'contact.changed', payload: { companyId, contactId: contact.id } });
    if (lead.tagNames.length > 0) outcome.events.push({ event: 'tags.changed', payload: { companyId } });
    if (actions.route === 'none' || actions.connectionId === null) return { contactId: contact.id };

    const connection = await client.query(PHONE_CONNECTION, [companyId, actions.connectionId]);
    if (!connection.rows[0]) throw misconfigured('The hook’s connection no longer exists', 'actions.connectionId');
    if (actions.route === 'queue') {
      const queue = await client.query('select 1 from queues where company_id = $1 and id = $2', [companyId, actions.queueId]);
      if (!queue.rows[0]) throw misconfigured('The hook’s queue no longer exists', 'actions.queueId');
    }
    const ticket = await openLeadTicket(client, {
      companyId,
      connectionId: actions.connectionId,
      contactId: contact.id,
      queueId: actions.queueId,
      bot: actions.route === 'flow',
      hookId: hook.id,
    });
    for (const tagId of tagIds) {
      const tagged = await deps.tags.addTicketTagIn(client, companyId, ticket.id, tagId, { userId: null, via: 'lead' });
      outcome.events.push(...tagged.events);
    }
    // The message goes before the flow's first step: a template opens the 24-hour window the flow needs.
    const origin = { via: 'lead', id: hook.id, name: hook.name };
    const body = (actions.firstMessage ?? '').replaceAll('{{name}}', lead.name || '').trim();
    if (actions.template || body) {
      const message = await deps.outbound.insertIn(
        client,
        companyId,
        { id: ticket.id },
        {
          author: 'bot',
          userId: null,
          // Marked with its origin, as the platform's outreach marks its messages (modules/outreach).
          ...(actions.template
            ? { type: 'template', body: body || actions.template.name, payload: { template: actions.template, origin } }
            : { type: 'text', body, payload: { origin } }),
          status: 'pending',
          send: true,
        },
      );
      outcome.events.push(...message.events);
      outcome.wake.push(...message.wake);
    }
    if (actions.route === 'flow' && ticket.created) {
      const started = await deps.flows.startForLeadIn(client, companyId, ticket.id, actions.flowId ?? 0, lead.name, outcome);
      if (!started) throw misconfigured('The hook’s flow is missing or not published', 'actions.flowId');
    }
    if (ticket.created) {
      const assigned = actions.route === 'queue' ? await deps.assignment?.assignIn(client, companyId, ticket.id) : undefined;
      if (assigned) outcome.wake.push(...assigned.wake);
      // The ticket as it is now (a flow may have moved it), announced after everything else was written.
      outcome.events.unshift((await deps.lookup.created(client, companyId, ticket.id)).event);
      if (assigned) outcome.events.push(...assigned.events);
    } else {
      outcome.events.push((await deps.lookup.updated(client, companyId, ticket.id)).event);
    }
    return { contactId: contact.id, ticketId: ticket.id };
  });
  for (const name of new Set(outcome.wake)) deps.jobs.nudge(name);
  deps.events.publishAll(outcome.events);
  return accepted;
}
