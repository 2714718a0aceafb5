import type pg from 'pg';
import type { Queryable } from '../../infra/db/index.js';
import type { ContactCandidate, CustomFieldDefinition } from './import-rows.js';
import { whatsAppIdsOf } from './phone.js';

export interface ImportRow {
  id: number;
  companyId: number;
  userId: number | null;
  status: 'running' | 'done' | 'failed';
  fileName: string | null;
  totalRows: number;
  created: number;
  updated: number;
  duplicates: number;
  rejected: number;
  reportPath: string | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

const COLUMNS = `id, company_id, user_id, status, file_name, total_rows, created, updated, duplicates, rejected, report_path, error, created_at, finished_at`;

function toImport(row: Record<string, unknown>): ImportRow {
  return {
    id: Number(row.id),
    companyId: Number(row.company_id),
    userId: row.user_id === null ? null : Number(row.user_id),
    status: row.status as ImportRow['status'],
    fileName: row.file_name as string | null,
    totalRows: Number(row.total_rows),
    created: Number(row.created),
    updated: Number(row.updated),
    duplicates: Number(row.duplicates),
    rejected: Number(row.rejected),
    reportPath: row.report_path as string | null,
    error: row.error as string | null,
    createdAt: new Date(row.created_at as string),
    finishedAt: row.finished_at ? new Date(row.finished_at as string) : null,
  };
}

/** Tags created by an import take the next colour of the same palette the tag picker offers. */
const PALETTE = ['#228be6', '#40c057', '#fab005', '#fa5252', '#7950f2', '#15aabf', '#fd7e14', '#e64980', '#12b886', '#868e96'];

export interface BatchCounts {
  created: number;
  updated: number;
  duplicates: number;
  rejected: number;
}

export class ContactImportsRepository {
  constructor(private readonly pool: pg.Pool) {}

  async create(companyId: number, userId: number, fileName: string, q: Queryable = this.pool): Promise<ImportRow> {
    const { rows } = await q.query(
      `insert into contact_imports (company_id, user_id, status, file_name) values ($1, $2, 'running', $3) returning ${COLUMNS}`,
      [companyId, userId, fileName],
    );
    return toImport(rows[0]);
  }

  async get(companyId: number, id: number): Promise<ImportRow | null> {
    const { rows } = await this.pool.query(`select ${COLUMNS} from contact_imports where company_id = $1 and id = $2`, [companyId, id]);
    return rows[0] ? toImport(rows[0]) : null;
  }

  async byId(id: number): Promise<ImportRow | null> {
    const { rows } = await this.pool.query(`select ${COLUMNS} from contact_imports where id = $1`, [id]);
    return rows[0] ? toImport(rows[0]) : null;
  }

  async setTotal(id: number, totalRows: number, reportPath: string): Promise<ImportRow> {
    const { rows } = await this.pool.query(
      `update contact_imports set total_rows = $2, report_path = $3 where id = $1 returning ${COLUMNS}`,
      [id, totalRows, reportPath],
    );
    return toImport(rows[0]);
  }

  async finish(id: number, status: 'done' | 'failed', error: string | null = null): Promise<ImportRow> {
    const { rows } = await this.pool.query(
      `update contact_imports set status = $2, error = $3, finished_at = now() where id = $1 returning ${COLUMNS}`,
      [id, status, error],
    );
    return toImport(rows[0]);
  }

  async customFields(companyId: number): Promise<CustomFieldDefinition[]> {
    const { rows } = await this.pool.query<CustomFieldDefinition>(
      `select key, label, type, options from custom_field_definitions where company_id = $1 order by position, id`,
      [companyId],
    );
    return rows;
  }

  /**
   * Writes one batch of valid, in-file-unique contacts and adds the batch's counts, in the caller's
   * transaction. An existing contact (same number, either WhatsApp form) is updated: a non-empty cell
   * replaces the stored value, an empty one never clears it, and the number itself is never changed.
   */
  async applyBatch(
    client: pg.PoolClient,
    importId: number,
    companyId: number,
    batch: ContactCandidate[],
    counts: BatchCounts,
  ): Promise<BatchCounts> {
    const result = { ...counts };
    if (batch.length > 0) {
      const waIds = batch.flatMap((c) => whatsAppIdsOf(c.e164));
      const phones = waIds.map((w) => `+${w}`);
      const { rows: existing } = await client.query<{ id: string; wa_id: string | null; phone: string | null }>(
        `select id, wa_id, phone from contacts where company_id = $1 and (wa_id = any($2::text[]) or phone = any($3::text[]))`,
        [companyId, waIds, phones],
      );
      const byKey = new Map<string, number>();
      for (const row of existing) {
        if (row.wa_id) byKey.set(row.wa_id, Number(row.id));
        if (row.phone) byKey.set(row.phone.replace(/\D/g, ''), Number(row.id));
      }
      const toUpdate: { id: number; contact: ContactCandidate }[] = [];
      const toInsert: ContactCandidate[] = [];
      for (const contact of batch) {
        const id = whatsAppIdsOf(contact.e164)
          .map((w) => byKey.get(w))
          .find((found) => found !== undefined);
        if (id === undefined) toInsert.push(contact);
        else toUpdate.push({ id, contact });
      }
      const contactIds = new Map<ContactCandidate, number>();
      if (toUpdate.length > 0) {
        await client.query(
          `update contacts c
              set name = case when v.name <> '' then v.name else c.name end,
                  email = coalesce(v.email, c.email),
                  custom_fields = c.custom_fields || v.custom_fields,
                  updated_at = now()
             from unnest($2::bigint[], $3::text[], $4::text[], $5::jsonb[]) as v(id, name, email, custom_fields)
            where c.company_id = $1 and c.id = v.id`,
          [
            companyId,
            toUpdate.map((u) => u.id),
            toUpdate.map((u) => u.contact.name),
            toUpdate.map((u) => u.contact.email),
            toUpdate.map((u) => JSON.stringify(u.contact.customFields)),
          ],
        );
        for (const { id, contact } of toUpdate) contactIds.set(contact, id);
        result.updated += toUpdate.length;
      }
      if (toInsert.length > 0) {
        // wa_id is the canonical (9-digit) form; ingest finds it from the 8-digit form too. A contact
        // that an inbound message created in the meantime is updated instead (same rules as above).
        const { rows } = await client.query<{ id: string; wa_id: string; inserted: boolean }>(
          `insert into contacts (company_id, name, phone, wa_id, email, custom_fields)
           select $1, coalesce(nullif(v.name, ''), v.phone), v.phone, v.wa_id, v.email, v.custom_fields
             from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[]) as v(name, phone, wa_id, email, custom_fields)
           on conflict (company_id, wa_id) where wa_id is not null do update
              set name = case when excluded.name <> excluded.phone then excluded.name else contacts.name end,
                  email = coalesce(excluded.email, contacts.email),
                  custom_fields = contacts.custom_fields || excluded.custom_fields,
                  updated_at = now()
           returning id, wa_id, (xmax = 0) as inserted`,
          [
            companyId,
            toInsert.map((c) => c.name),
            toInsert.map((c) => c.e164),
            toInsert.map((c) => whatsAppIdsOf(c.e164)[0]!),
            toInsert.map((c) => c.email),
            toInsert.map((c) => JSON.stringify(c.customFields)),
          ],
        );
        const byWaId = new Map(rows.map((r) => [r.wa_id, Number(r.id)]));
        for (const contact of toInsert) {
          const id = byWaId.get(whatsAppIdsOf(contact.e164)[0]!);
          if (id !== undefined) contactIds.set(contact, id);
        }
        const inserted = rows.filter((r) => r.inserted).length;
        result.created += inserted;
        result.updated += rows.length - inserted;
      }
      await this.linkTags(client, companyId, contactIds);
    }
    await client.query(`update contact_imports set created = $2, updated = $3, duplicates = $4, rejected = $5 where id = $1`, [
      importId,
      result.created,
      result.updated,
      result.duplicates,
      result.rejected,
    ]);
    return result;
  }

  private async linkTags(client: pg.PoolClient, companyId: number, contactIds: Map<ContactCandidate, number>): Promise<void> {
    const names = new Map<string, string>();
    // The first spelling in the file names a new tag ("VIP" then "vip": one tag, "VIP").
    for (const contact of contactIds.keys())
      for (const tag of contact.tags) if (!names.has(tag.toLowerCase())) names.set(tag.toLowerCase(), tag);
    if (names.size === 0) return;
    const { rows: count } = await client.query<{ n: number }>(`select count(*)::int as n from tags where company_id = $1`, [companyId]);
    const offset = count[0]?.n ?? 0;
    const fresh = [...names.values()];
    await client.query(
      `insert into tags (company_id, name, color)
       select $1, v.name, v.color from unnest($2::text[], $3::text[]) as v(name, color)
       on conflict (company_id, lower(name)) do nothing`,
      [companyId, fresh, fresh.map((_, i) => PALETTE[(offset + i) % PALETTE.length]!)],
    );
    const { rows: tags } = await client.query<{ id: string; key: string }>(
      `select id, lower(name) as key from tags where company_id = $1 and lower(name) = any($2::text[])`,
      [companyId, [...names.keys()]],
    );
    const tagIds = new Map(tags.map((t) => [t.key, Number(t.id)]));
    const pairs: [number, number][] = [];
    for (const [contact, contactId] of contactIds) {
      for (const tag of contact.tags) {
        const tagId = tagIds.get(tag.toLowerCase());
        if (tagId !== undefined) pairs.push([contactId, tagId]);
      }
    }
    if (pairs.length === 0) return;
    await client.query(
      `insert into contact_tags (company_id, contact_id, tag_id)
       select $1, v.contact_id, v.tag_id from unnest($2::bigint[], $3::bigint[]) as v(contact_id, tag_id)
       on conflict do nothing`,
      [companyId, pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
  }
}
