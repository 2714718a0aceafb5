import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import type { Contact, TagRef } from '@jimmy/contracts';
import { dbOf, escapeLike, isUniqueViolation, withTransaction, type Db } from '../../infra/db/index.js';
import { recordWebhookEvent } from '../webhooks/index.js';
import { contacts } from '../../infra/db/schema.js';
import { conflict, invalid, notFound } from '../../infra/errors.js';
import { addContactTag, removeContactTag, tagsOfContacts } from './contact-tags.js';
import { listCustomFields, validateCustomFields } from './custom-fields.js';

type ContactRow = typeof contacts.$inferSelect;

function toContactDto(row: ContactRow, tags: TagRef[] = []): Contact {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    avatarUrl: row.avatarUrl,
    waId: row.waId,
    bsuid: row.bsuid,
    customFields: row.customFields,
    tags,
    blockedAt: row.blockedAt?.toISOString() ?? null,
    anonymizedAt: row.anonymizedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export class ContactsService {
  constructor(
    private readonly db: Db,
    private readonly pool: pg.Pool,
  ) {}

  private async withTags(companyId: number, rows: ContactRow[]): Promise<Contact[]> {
    const tags = await tagsOfContacts(
      this.pool,
      companyId,
      rows.map((r) => r.id),
    );
    return rows.map((row) => toContactDto(row, tags.get(row.id)));
  }

  async list(
    companyId: number,
    query: { q?: string; tagIds?: number[] | undefined; tagMode?: 'any' | 'all'; cursor?: string; limit: number },
  ): Promise<{ items: Contact[]; nextCursor: string | null }> {
    const where: (SQL | undefined)[] = [eq(contacts.companyId, companyId)];
    if (query.q) {
      const digits = query.q.replace(/\D/g, '');
      where.push(
        sql`(${contacts.name} ilike ${`%${escapeLike(query.q)}%`} or ${contacts.email} ilike ${`%${escapeLike(query.q)}%`}${digits.length >= 3 ? sql` or ${contacts.phone} like ${`%${digits}%`}` : sql``})`,
      );
    }
    if (query.tagIds && query.tagIds.length > 0) {
      const ids = sql.raw(`array[${query.tagIds.map(Number).join(',')}]::bigint[]`);
      where.push(
        query.tagMode === 'all'
          ? sql`(select count(distinct ct.tag_id) from contact_tags ct where ct.contact_id = ${contacts.id} and ct.tag_id = any(${ids})) = ${new Set(query.tagIds).size}`
          : sql`exists (select 1 from contact_tags ct where ct.contact_id = ${contacts.id} and ct.tag_id = any(${ids}))`,
      );
    }
    const after = query.cursor ? Number(query.cursor) : undefined;
    if (after && Number.isSafeInteger(after)) where.push(sql`${contacts.id} < ${after}`);
    const rows = await this.db
      .select()
      .from(contacts)
      .where(and(...where))
      .orderBy(desc(contacts.id))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    return {
      items: await this.withTags(companyId, page),
      nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null,
    };
  }

  async get(companyId: number, contactId: number): Promise<Contact> {
    const [row] = await this.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.companyId, companyId), eq(contacts.id, contactId)));
    if (!row) throw notFound('Contact');
    return (await this.withTags(companyId, [row]))[0]!;
  }

  async update(
    companyId: number,
    contactId: number,
    patch: Partial<{ name: string; email: string | null; phone: string | null; customFields: Record<string, string> }>,
  ): Promise<Contact> {
    if (patch.customFields)
      patch = { ...patch, customFields: validateCustomFields(await listCustomFields(this.pool, companyId), patch.customFields) };
    const phone = patch.phone === undefined ? undefined : patch.phone === null ? null : `+${patch.phone.replace(/\D/g, '')}`;
    // The edit and its contact.updated webhook event commit together.
    const row = await withTransaction(this.pool, async (client) => {
      const [updated] = await dbOf(client)
        .update(contacts)
        .set({ ...patch, ...(phone !== undefined && { phone }), updatedAt: new Date() })
        .where(and(eq(contacts.companyId, companyId), eq(contacts.id, contactId)))
        .returning();
      if (updated) {
        const { id, name, phone: newPhone, email, customFields, updatedAt } = updated;
        await recordWebhookEvent(client, {
          companyId,
          event: 'contact.updated',
          contactId,
          data: { contact: { id, name, phone: newPhone, email, customFields, updatedAt }, changed: Object.keys(patch) },
        });
      }
      return updated;
    });
    if (!row) throw notFound('Contact');
    return (await this.withTags(companyId, [row]))[0]!;
  }

  /** A contact made by hand or by the public API; its number must be new (409 names the one that has it). */
  async create(
    companyId: number,
    actorUserId: number,
    input: {
      name: string;
      phone: string;
      email?: string | null | undefined;
      customFields?: Record<string, string> | undefined;
      tagIds?: number[] | undefined;
    },
  ): Promise<Contact> {
    const digits = input.phone.replace(/\D/g, '');
    const customFields = input.customFields ? validateCustomFields(await listCustomFields(this.pool, companyId), input.customFields) : {};
    const id = await withTransaction(this.pool, async (client) => {
      let inserted: number;
      try {
        const { rows } = await client.query<{ id: number }>(
          `insert into contacts (company_id, name, phone, wa_id, email, custom_fields) values ($1, $2, $3, $4, $5, $6::jsonb) returning id`,
          [companyId, input.name, `+${digits}`, digits, input.email ?? null, JSON.stringify(customFields)],
        );
        inserted = Number(rows[0]!.id);
      } catch (error) {
        if (isUniqueViolation(error, 'contacts_company_wa_id_unique'))
          throw conflict('CONTACT_EXISTS', 'A contact with this number already exists', { phone: 'already a contact' });
        throw error;
      }
      for (const [index, tagId] of (input.tagIds ?? []).entries()) {
        await addContactTag(client, companyId, actorUserId, inserted, tagId).catch((error: unknown) => {
          throw error instanceof Error && 'status' in error && error.status === 404
            ? invalid({ [`tagIds.${index}`]: 'no such tag' })
            : error;
        });
      }
      return inserted;
    });
    return this.get(companyId, id);
  }

  /** Makes the contact's tags exactly these (each change audited, as when an agent does it). */
  async setTags(companyId: number, actorUserId: number, contactId: number, tagIds: number[]): Promise<Contact> {
    const current = (await this.get(companyId, contactId)).tags.map((t) => t.id);
    await withTransaction(this.pool, async (client) => {
      for (const [index, tagId] of tagIds.entries()) {
        if (current.includes(tagId)) continue;
        await addContactTag(client, companyId, actorUserId, contactId, tagId).catch((error: unknown) => {
          throw error instanceof Error && 'status' in error && error.status === 404
            ? invalid({ [`tagIds.${index}`]: 'no such tag' })
            : error;
        });
      }
      for (const tagId of current) if (!tagIds.includes(tagId)) await removeContactTag(client, companyId, actorUserId, contactId, tagId);
    });
    return this.get(companyId, contactId);
  }

  /**
   * Deletes a contact that never had a conversation. One with tickets keeps its history: anonymise
   * it instead (LGPD), which the console offers.
   */
  async remove(companyId: number, contactId: number): Promise<void> {
    await this.get(companyId, contactId);
    const { rows } = await this.pool.query('select 1 from tickets where company_id = $1 and contact_id = $2 limit 1', [
      companyId,
      contactId,
    ]);
    if (rows.length > 0) throw conflict('CONTACT_HAS_TICKETS', 'This contact has conversations; anonymise it instead of deleting it');
    await this.pool.query('delete from contacts where company_id = $1 and id = $2', [companyId, contactId]);
  }
}
