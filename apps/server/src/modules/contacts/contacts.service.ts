import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import type { Contact, TagRef } from '@jimmy/contracts';
import { dbOf, escapeLike, withTransaction, type Db } from '../../infra/db/index.js';
import { recordWebhookEvent } from '../webhooks/index.js';
import { contacts } from '../../infra/db/schema.js';
import { notFound } from '../../infra/errors.js';
import { tagsOfContacts } from './contact-tags.js';
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
}
