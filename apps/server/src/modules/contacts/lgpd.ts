import { Readable } from 'node:stream';
import type pg from 'pg';
import { withTransaction } from '../../infra/db/index.js';
import { invalid } from '../../infra/errors.js';
import type { EventBus, PendingEvent } from '../../infra/events.js';
import type { Logger } from '../../infra/logger.js';
import type { Storage } from '../../infra/storage.js';
import { recordAudit } from '../audit/index.js';
import type { TicketLookup } from '../tickets/index.js';
import { lockContact } from './contact-admin.service.js';
import yazl from 'yazl';

const ANONYMIZED_NAME = 'Contato anonimizado';
const REMOVED_TEXT = '[removido]';

export interface LgpdDeps {
  pool: pg.Pool;
  events: EventBus;
  storage: Storage;
  lookup: TicketLookup;
  logger: Logger;
}
type Actor = { companyId: number; userId: number };

const rowsOf = async (q: pg.Pool, text: string, values: unknown[]) => (await q.query<Record<string, unknown>>(text, values)).rows;

/** A stored media key as a file name inside the ZIP: the key's own name, prefixed by the row it belongs to. */
const zipName = (prefix: string, key: string) => `media/${prefix}-${key.split('/').pop() ?? 'file'}`;

export class LgpdService {
  constructor(private readonly deps: LgpdDeps) {}

  /**
   * Everything held about a contact, as a ZIP streamed to the caller: contact.json (contact, tags,
   * tickets, messages and notes, surveys, scheduled messages) and media/ with every stored file.
   * The rows are read first (one contact's history fits in memory); the files are streamed.
   */
  async exportZip(actor: Actor, contactId: number): Promise<{ stream: Readable; fileName: string }> {
    const { pool } = this.deps;
    const companyId = actor.companyId;
    const contact = await withTransaction(pool, async (q) => {
      const row = await lockContact(q, companyId, contactId);
      await recordAudit(q, {
        companyId,
        actorUserId: actor.userId,
        action: 'contact.exported',
        targetType: 'contact',
        targetId: contactId,
      });
      return row;
    });
    const [full] = await rowsOf(
      pool,
      `select id, name, phone, email, wa_id, bsuid, avatar_url, custom_fields, blocked_at, anonymized_at, created_at, updated_at
         from contacts where id = $1`,
      [contactId],
    );
    const tags = await rowsOf(
      pool,
      'select t.id, t.name, t.color, ct.created_at from contact_tags ct join tags t on t.id = ct.tag_id where ct.contact_id = $1',
      [contactId],
    );
    const tickets = await rowsOf(
      pool,
      `select t.id, t.status, t.connection_id, c.name as connection, q.name as queue, u.name as agent, t.created_at, t.closed_at
         from tickets t left join connections c on c.id = t.connection_id left join queues q on q.id = t.queue_id left join users u on u.id = t.user_id
        where t.company_id = $1 and t.contact_id = $2 order by t.id`,
      [companyId, contactId],
    );
    const messages = await rowsOf(
      pool,
      `select m.id, m.ticket_id, m.direction, m.author, u.name as agent, m.type, m.body, m.payload, m.media_path, m.media_mime, m.media_name,
              m.status, m.created_at, m.edited_at
         from messages m left join users u on u.id = m.user_id where m.company_id = $1 and m.contact_id = $2 order by m.id`,
      [companyId, contactId],
    );
    const surveys = await rowsOf(
      pool,
      'select id, ticket_id, status, score, comment, sent_at, answered_at from surveys where company_id = $1 and contact_id = $2 order by id',
      [companyId, contactId],
    );
    const scheduled = await rowsOf(
      pool,
      `select id, ticket_id, body, media_path, media_mime, media_name, send_at, status, sent_at, created_at
         from scheduled_messages where company_id = $1 and contact_id = $2 order by id`,
      [companyId, contactId],
    );
    const zip = new yazl.ZipFile();
    const withFile = (prefix: string) => (row: Record<string, unknown>) => {
      const key = row.media_path;
      const { media_path: _dropped, ...rest } = row;
      if (typeof key !== 'string') return rest;
      const file = zipName(`${prefix}-${String(row.id)}`, key);
      // Opened only when the writer reaches this entry, so many files never hold many descriptors at once.
      zip.addReadStreamLazy(file, (callback) => {
        this.deps.storage.open(key).then(
          (opened) => callback(null, opened?.stream ?? Readable.from([])),
          (error: unknown) => callback(error as Error, Readable.from([])),
        );
      });
      return { ...rest, media_file: file };
    };
    const document = {
      exportedAt: new Date().toISOString(),
      contact: { ...full, tags },
      tickets,
      messages: messages.map(withFile('message')),
      surveys,
      scheduledMessages: scheduled.map(withFile('scheduled')),
    };
    zip.addBuffer(Buffer.from(JSON.stringify(document, null, 2)), 'contact.json');
    zip.end();
    const safeName =
      contact.name
        .normalize('NFKD')
        .replace(/[^A-Za-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 40) || 'contato';
    return { stream: zip.outputStream, fileName: `contato-${contactId}-${safeName}.zip` };
  }

  /**
   * LGPD erasure. Personal fields are cleared and every text replaced; tickets stay (statistics).
   * The contact's channel rows are deleted and wa_id/bsuid cleared, so the same number writing again
   * becomes a NEW contact instead of re-attaching its messages to the anonymised one. Files are
   * removed after the commit: a rolled-back anonymisation must not have lost them.
   */
  async anonymize(actor: Actor, contactId: number, confirmName: string): Promise<void> {
    const companyId = actor.companyId;
    const { keys, events } = await withTransaction(this.deps.pool, async (q) => {
      const contact = await lockContact(q, companyId, contactId);
      if (confirmName.trim().toLocaleLowerCase() !== contact.name.trim().toLocaleLowerCase())
        throw invalid({ confirmName: "must be the contact's current name" });
      // A file the company sent from a quick response (or to other contacts too) is the company's
      // material, not this person's data: deleting it would break that response for everyone else.
      const media = await q.query<{ key: string }>(
        `select k.key from (
           select media_path as key from messages where company_id = $1 and contact_id = $2 and media_path is not null
           union select media_path from scheduled_messages where company_id = $1 and contact_id = $2 and media_path is not null
         ) k
         where not exists (select 1 from quick_response_attachments a where a.company_id = $1 and a.media_path = k.key)
           and not exists (select 1 from messages o where o.company_id = $1 and o.contact_id <> $2 and o.media_path = k.key)
           and not exists (select 1 from scheduled_messages o where o.company_id = $1 and o.contact_id <> $2 and o.media_path = k.key)`,
        [companyId, contactId],
      );
      const keys = media.rows.map((r) => r.key);
      await q.query(
        `update contacts set name = $2, phone = null, email = null, wa_id = null, bsuid = null, avatar_url = null, custom_fields = '{}',
                anonymized_at = now(), updated_at = now() where id = $1`,
        [contactId, ANONYMIZED_NAME],
      );
      await q.query('delete from contact_channels where contact_id = $1', [contactId]);
      await q.query('update webchat_visitors set active = false where contact_id = $1', [contactId]);
      // WhatsApp-by-QR keeps each message's protobuf (its text, media keys) to quote or re-download it.
      await q.query(
        `delete from wa_messages w using messages m
          where m.contact_id = $1 and m.external_id is not null and w.connection_id = m.connection_id and w.key_id = m.external_id`,
        [contactId],
      );
      const counted = await q.query(
        `update messages set body = $2, payload = null, media_path = null, media_mime = null, media_name = null, media_size = null,
                media_state = null, reactions = '[]', error_message = null where contact_id = $1`,
        [contactId, REMOVED_TEXT],
      );
      await q.query('update tickets set last_message_body = $2 where contact_id = $1 and last_message_body is not null', [
        contactId,
        REMOVED_TEXT,
      ]);
      await q.query('update surveys set comment = $2 where contact_id = $1 and comment is not null', [contactId, REMOVED_TEXT]);
      await q.query(
        `update scheduled_messages set body = $2, template = null, media_path = null, media_mime = null, media_name = null, media_size = null,
                status = case when status in ('scheduled', 'sending') then 'canceled' else status end, updated_at = now()
          where contact_id = $1`,
        [contactId, REMOVED_TEXT],
      );
      if (keys.length > 0)
        await q.query('delete from provider_media where company_id = $1 and media_path = any($2::text[])', [companyId, keys]);
      await recordAudit(q, {
        companyId,
        actorUserId: actor.userId,
        action: 'contact.anonymized',
        targetType: 'contact',
        targetId: contactId,
        data: { messages: counted.rowCount ?? 0, mediaFiles: keys.length },
      });
      const live = await q.query<{ id: number }>(`select id from tickets where contact_id = $1 and status <> 'closed'`, [contactId]);
      const events: PendingEvent[] = [];
      for (const { id } of live.rows) events.push((await this.deps.lookup.updated(q, companyId, id)).event);
      return { keys, events };
    });
    for (const key of keys) {
      await this.deps.storage
        .remove(key)
        .catch((error: unknown) => this.deps.logger.error({ err: error, key }, 'could not delete an anonymised media file'));
    }
    this.deps.events.publishAll(events);
  }
}
