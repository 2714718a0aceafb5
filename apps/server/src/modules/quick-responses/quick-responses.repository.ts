import type { QuickResponseAttachmentKind, QuickResponseScope } from '@jimmy/contracts';
import { escapeLike, type Queryable } from '../../infra/db/index.js';

export interface QuickResponseRow {
  id: number;
  company_id: number;
  shortcut: string;
  body: string;
  scope: QuickResponseScope;
  queue_id: number | null;
  user_id: number | null;
  created_at: Date;
  updated_at: Date;
}

export interface AttachmentRow {
  id: number;
  quick_response_id: number;
  position: number;
  kind: QuickResponseAttachmentKind;
  as_voice: boolean;
  media_path: string | null;
  media_mime: string | null;
  media_name: string | null;
  media_size: number | null;
  contact: { name: string; phone: string; contactId?: number } | null;
}

/** Who is asking: which scopes of responses they may see. */
export interface Reader {
  companyId: number;
  userId: number;
  /** Admins and supervisors see every queue's responses; agents only their queues'. */
  allQueues: boolean;
  queueIds: readonly number[];
}

const columns = 'r.id, r.company_id, r.shortcut, r.body, r.scope, r.queue_id, r.user_id, r.created_at, r.updated_at';
const attachmentColumns = 'id, quick_response_id, position, kind, as_voice, media_path, media_mime, media_name, media_size, contact';

/** SQL only: the service decides who may do what. */
export class QuickResponsesRepository {
  constructor(private readonly q: Queryable) {}

  with(q: Queryable): QuickResponsesRepository {
    return new QuickResponsesRepository(q);
  }

  /** Company-wide, the reader's queues (or all queues for managers) and the reader's own personal ones. */
  private visibility(reader: Reader, params: unknown[]): string {
    params.push(reader.companyId, reader.userId);
    const [company, user] = [`$${params.length - 1}`, `$${params.length}`];
    let queues = 'true';
    if (!reader.allQueues) {
      params.push(reader.queueIds.map(Number));
      queues = `r.queue_id = any($${params.length}::bigint[])`;
    }
    return `r.company_id = ${company} and (r.scope = 'company' or (r.scope = 'queue' and ${queues}) or (r.scope = 'personal' and r.user_id = ${user}))`;
  }

  async list(reader: Reader, search: string | undefined, limit: number): Promise<QuickResponseRow[]> {
    const params: unknown[] = [];
    let where = this.visibility(reader, params);
    if (search) {
      params.push(`%${escapeLike(search)}%`);
      const p = `$${params.length}`;
      // jimmy_unaccent (migration 0006) folds accents the same way on both sides.
      where += ` and (jimmy_unaccent(r.shortcut) ilike jimmy_unaccent(${p}) or jimmy_unaccent(r.body) ilike jimmy_unaccent(${p}))`;
    }
    params.push(limit);
    const { rows } = await this.q.query<QuickResponseRow>(
      `select ${columns} from quick_responses r where ${where} order by lower(r.shortcut), r.id limit $${params.length}`,
      params,
    );
    return rows;
  }

  async findVisible(reader: Reader, id: number): Promise<QuickResponseRow | undefined> {
    const params: unknown[] = [id];
    const { rows } = await this.q.query<QuickResponseRow>(
      `select ${columns} from quick_responses r where r.id = $1 and ${this.visibility(reader, params)}`,
      params,
    );
    return rows[0];
  }

  /** Locks the row, so attachment positions change one request at a time. */
  async lock(companyId: number, id: number): Promise<void> {
    await this.q.query('select id from quick_responses where id = $1 and company_id = $2 for update', [id, companyId]);
  }

  async insert(row: {
    companyId: number;
    shortcut: string;
    body: string;
    scope: QuickResponseScope;
    queueId: number | null;
    userId: number | null;
    createdBy: number;
  }): Promise<number> {
    const { rows } = await this.q.query<{ id: number }>(
      `insert into quick_responses (company_id, shortcut, body, scope, queue_id, user_id, created_by)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [row.companyId, row.shortcut, row.body, row.scope, row.queueId, row.userId, row.createdBy],
    );
    return Number(rows[0]!.id);
  }

  async update(
    companyId: number,
    id: number,
    row: { shortcut: string; body: string; scope: QuickResponseScope; queueId: number | null; userId: number | null },
  ): Promise<void> {
    await this.q.query(
      `update quick_responses set shortcut = $3, body = $4, scope = $5, queue_id = $6, user_id = $7, updated_at = now()
        where id = $1 and company_id = $2`,
      [id, companyId, row.shortcut, row.body, row.scope, row.queueId, row.userId],
    );
  }

  async remove(companyId: number, id: number): Promise<void> {
    await this.q.query('delete from quick_responses where id = $1 and company_id = $2', [id, companyId]);
  }

  async touch(companyId: number, id: number): Promise<void> {
    await this.q.query('update quick_responses set updated_at = now() where id = $1 and company_id = $2', [id, companyId]);
  }

  async attachmentsOf(companyId: number, ids: readonly number[]): Promise<AttachmentRow[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.q.query<AttachmentRow>(
      `select ${attachmentColumns} from quick_response_attachments
        where company_id = $1 and quick_response_id = any($2::bigint[]) order by quick_response_id, position, id`,
      [companyId, ids],
    );
    return rows;
  }

  async insertAttachment(row: {
    companyId: number;
    quickResponseId: number;
    kind: QuickResponseAttachmentKind;
    asVoice: boolean;
    media: { path: string; mime: string; name: string; size: number } | null;
    contact: { name: string; phone: string; contactId?: number } | null;
  }): Promise<number> {
    const { rows } = await this.q.query<{ id: number }>(
      `insert into quick_response_attachments
              (company_id, quick_response_id, position, kind, as_voice, media_path, media_mime, media_name, media_size, contact)
       values ($1, $2, (select coalesce(max(position), -1) + 1 from quick_response_attachments where quick_response_id = $2),
               $3, $4, $5, $6, $7, $8, $9)
       returning id`,
      [
        row.companyId,
        row.quickResponseId,
        row.kind,
        row.asVoice,
        row.media?.path ?? null,
        row.media?.mime ?? null,
        row.media?.name ?? null,
        row.media?.size ?? null,
        row.contact ? JSON.stringify(row.contact) : null,
      ],
    );
    return Number(rows[0]!.id);
  }

  async updateAttachment(companyId: number, id: number, asVoice: boolean): Promise<void> {
    await this.q.query('update quick_response_attachments set as_voice = $3 where id = $1 and company_id = $2', [id, companyId, asVoice]);
  }

  async removeAttachment(companyId: number, quickResponseId: number, id: number): Promise<boolean> {
    const { rowCount } = await this.q.query(
      'delete from quick_response_attachments where id = $1 and company_id = $2 and quick_response_id = $3',
      [id, companyId, quickResponseId],
    );
    return (rowCount ?? 0) > 0;
  }

  async setPositions(companyId: number, quickResponseId: number, orderedIds: readonly number[]): Promise<void> {
    await this.q.query(
      `update quick_response_attachments a set position = o.ordinality - 1
         from unnest($3::bigint[]) with ordinality as o(id, ordinality)
        where a.id = o.id and a.company_id = $1 and a.quick_response_id = $2`,
      [companyId, quickResponseId, orderedIds],
    );
  }

  /** A stored file of an attachment the reader may see (the console's preview). */
  async attachmentFile(reader: Reader, attachmentId: number): Promise<AttachmentRow | undefined> {
    const params: unknown[] = [attachmentId];
    const { rows } = await this.q.query<AttachmentRow>(
      `select a.id, a.quick_response_id, a.position, a.kind, a.as_voice, a.media_path, a.media_mime, a.media_name, a.media_size, a.contact
         from quick_response_attachments a join quick_responses r on r.id = a.quick_response_id
        where a.id = $1 and ${this.visibility(reader, params)}`,
      params,
    );
    return rows[0];
  }

  async contactCard(companyId: number, contactId: number): Promise<{ name: string; phone: string | null } | undefined> {
    const { rows } = await this.q.query<{ name: string; phone: string | null }>(
      'select name, phone from contacts where id = $1 and company_id = $2',
      [contactId, companyId],
    );
    return rows[0];
  }
}
