import { Readable } from 'node:stream';
import type pg from 'pg';
import { escapeLike } from '../../infra/db/index.js';
import { csvLine, EXPORT_BOM, EXPORT_COLUMNS, type ReportLocale } from './csv-format.js';
import type { CustomFieldDefinition } from './import-rows.js';

export interface ExportFilter {
  q?: string | undefined;
  tagIds: number[];
  tagMode: 'any' | 'all';
}

/** Rows per query: the reply is written page by page, so memory does not depend on the contact count. */
const PAGE = 1000;

/**
 * Contacts as CSV, page by page (keyset on id through the pool, not a server-side cursor: on the
 * embedded database the pool has one connection, which a long cursor would hold for everyone).
 * Columns: name, phone, email, tags (", "-separated), then each custom field under its label.
 */
export class ContactsExport {
  constructor(private readonly pool: pg.Pool) {}

  stream(companyId: number, filter: ExportFilter, locale: ReportLocale): Readable {
    return Readable.from(this.lines(companyId, filter, locale), { objectMode: false });
  }

  private async *lines(companyId: number, filter: ExportFilter, locale: ReportLocale): AsyncGenerator<string> {
    const { rows: fields } = await this.pool.query<CustomFieldDefinition>(
      `select key, label, type, options from custom_field_definitions where company_id = $1 order by position, id`,
      [companyId],
    );
    yield EXPORT_BOM + csvLine([...EXPORT_COLUMNS[locale], ...fields.map((f) => f.label)]);
    const values: unknown[] = [companyId];
    const where = ['c.company_id = $1', 'c.anonymized_at is null'];
    if (filter.q) {
      const like = `$${values.push(`%${escapeLike(filter.q)}%`)}`;
      const digits = filter.q.replace(/\D/g, '');
      const byPhone = digits.length >= 3 ? ` or c.phone like $${values.push(`%${digits}%`)}` : '';
      where.push(`(c.name ilike ${like} or c.email ilike ${like}${byPhone})`);
    }
    if (filter.tagIds.length > 0) {
      const ids = `$${values.push(filter.tagIds)}::bigint[]`;
      where.push(
        filter.tagMode === 'all'
          ? `(select count(distinct ct.tag_id) from contact_tags ct where ct.contact_id = c.id and ct.tag_id = any(${ids})) = cardinality(${ids})`
          : `exists (select 1 from contact_tags ct where ct.contact_id = c.id and ct.tag_id = any(${ids}))`,
      );
    }
    const after = `$${values.push(0)}`;
    let lastId = 0;
    for (;;) {
      values[values.length - 1] = lastId;
      const { rows } = await this.pool.query<{
        id: string;
        name: string;
        phone: string | null;
        email: string | null;
        custom_fields: Record<string, string>;
        tags: string | null;
      }>(
        `select c.id, c.name, c.phone, c.email, c.custom_fields,
                (select string_agg(t.name, ', ' order by lower(t.name)) from contact_tags ct join tags t on t.id = ct.tag_id
                  where ct.contact_id = c.id) as tags
           from contacts c
          where ${where.join(' and ')} and c.id > ${after}
          order by c.id
          limit ${PAGE}`,
        values,
      );
      if (rows.length === 0) return;
      let chunk = '';
      for (const row of rows) {
        chunk += csvLine([
          row.name,
          row.phone ?? '',
          row.email ?? '',
          row.tags ?? '',
          ...fields.map((f) => row.custom_fields[f.key] ?? ''),
        ]);
      }
      yield chunk;
      lastId = Number(rows[rows.length - 1]!.id);
      if (rows.length < PAGE) return;
    }
  }
}
