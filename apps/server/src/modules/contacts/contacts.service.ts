import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Contact } from '@jimmy/contracts';
import { escapeLike, type Db } from '../../infra/db/index.js';
import { contacts } from '../../infra/db/schema.js';
import { notFound } from '../../infra/errors.js';

type ContactRow = typeof contacts.$inferSelect;

function toContactDto(row: ContactRow): Contact {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    avatarUrl: row.avatarUrl,
    waId: row.waId,
    bsuid: row.bsuid,
    customFields: row.customFields,
    createdAt: row.createdAt.toISOString(),
  };
}

export class ContactsService {
  constructor(private readonly db: Db) {}

  async list(
    companyId: number,
    query: { q?: string; cursor?: string; limit: number },
  ): Promise<{ items: Contact[]; nextCursor: string | null }> {
    const where: (SQL | undefined)[] = [eq(contacts.companyId, companyId)];
    if (query.q) {
      const digits = query.q.replace(/\D/g, '');
      where.push(
        sql`(${contacts.name} ilike ${`%${escapeLike(query.q)}%`} or ${contacts.email} ilike ${`%${escapeLike(query.q)}%`}${digits.length >= 3 ? sql` or ${contacts.phone} like ${`%${digits}%`}` : sql``})`,
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
    return { items: page.map(toContactDto), nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null };
  }

  async get(companyId: number, contactId: number): Promise<Contact> {
    const [row] = await this.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.companyId, companyId), eq(contacts.id, contactId)));
    if (!row) throw notFound('Contact');
    return toContactDto(row);
  }

  async update(
    companyId: number,
    contactId: number,
    patch: Partial<{ name: string; email: string | null; phone: string | null; customFields: Record<string, string> }>,
  ): Promise<Contact> {
    const phone = patch.phone === undefined ? undefined : patch.phone === null ? null : `+${patch.phone.replace(/\D/g, '')}`;
    const [row] = await this.db
      .update(contacts)
      .set({ ...patch, ...(phone !== undefined && { phone }), updatedAt: new Date() })
      .where(and(eq(contacts.companyId, companyId), eq(contacts.id, contactId)))
      .returning();
    if (!row) throw notFound('Contact');
    return toContactDto(row);
  }
}
