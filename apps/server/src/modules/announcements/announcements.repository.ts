import type {
  Announcement,
  AnnouncementAck,
  AnnouncementAudience,
  PendingAnnouncement,
  StoredAnnouncementAudience,
} from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';

interface AnnouncementRow {
  id: string;
  title: string;
  body: string;
  audience_kind: AnnouncementAudience['kind'];
  audience_queue_id: string | null;
  queue_name: string | null;
  author_id: string | null;
  author_name: string | null;
  created_at: Date;
  expires_at: Date | null;
  archived_at: Date | null;
  recipient_count: number;
  seen_count: number;
  ack_count: number;
  user_ids: string[] | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const selectAnnouncements = `
  select a.id, a.title, a.body, a.audience_kind, a.audience_queue_id, q.name as queue_name, a.author_id, u.name as author_name,
         a.created_at, a.expires_at, a.archived_at,
         count(r.user_id)::int as recipient_count, count(r.seen_at)::int as seen_count, count(r.acked_at)::int as ack_count,
         case when a.audience_kind = 'users' then array_agg(r.user_id order by r.user_id) end as user_ids
    from announcements a
    left join users u on u.id = a.author_id
    left join queues q on q.id = a.audience_queue_id
    left join announcement_recipients r on r.announcement_id = a.id`;
const groupAnnouncements = 'group by a.id, q.name, u.name';

function audienceOf(r: AnnouncementRow): StoredAnnouncementAudience {
  switch (r.audience_kind) {
    case 'everyone':
      return { kind: 'everyone' };
    case 'queue':
      return { kind: 'queue', queueId: r.audience_queue_id === null ? null : Number(r.audience_queue_id) };
    case 'users':
      return { kind: 'users', userIds: (r.user_ids ?? []).map(Number) };
  }
}

const toAnnouncement = (r: AnnouncementRow): Announcement => ({
  id: Number(r.id),
  title: r.title,
  body: r.body,
  audience: audienceOf(r),
  queueName: r.queue_name,
  author: r.author_id === null ? null : { id: Number(r.author_id), name: r.author_name ?? '' },
  createdAt: new Date(r.created_at).toISOString(),
  expiresAt: iso(r.expires_at),
  archivedAt: iso(r.archived_at),
  recipientCount: r.recipient_count,
  seenCount: r.seen_count,
  ackCount: r.ack_count,
});

interface PendingRow {
  id: string;
  title: string;
  body: string;
  author_id: string | null;
  author_name: string | null;
  created_at: Date;
  expires_at: Date | null;
  seen_at: Date | null;
}

const toPending = (r: PendingRow): PendingAnnouncement => ({
  id: Number(r.id),
  title: r.title,
  body: r.body,
  author: r.author_id === null ? null : { id: Number(r.author_id), name: r.author_name ?? '' },
  createdAt: new Date(r.created_at).toISOString(),
  expiresAt: iso(r.expires_at),
  seenAt: iso(r.seen_at),
});

/** SQL of announcements; every query is scoped by company (and by recipient where it reads a user's own rows). */
export class AnnouncementsRepository {
  constructor(private readonly q: Queryable) {}

  with(q: Queryable): AnnouncementsRepository {
    return new AnnouncementsRepository(q);
  }

  /** Active users of the company for the audience, the author left out; unknown ids are simply absent. */
  async resolveAudience(companyId: number, authorId: number, audience: AnnouncementAudience): Promise<number[]> {
    const base = 'select u.id from users u where u.company_id = $1 and u.active and u.id <> $2';
    const { rows } =
      audience.kind === 'everyone'
        ? await this.q.query<{ id: string }>(`${base} order by u.id`, [companyId, authorId])
        : audience.kind === 'queue'
          ? await this.q.query<{ id: string }>(
              `${base} and exists (select 1 from user_queues uq where uq.company_id = $1 and uq.user_id = u.id and uq.queue_id = $3) order by u.id`,
              [companyId, authorId, audience.queueId],
            )
          : await this.q.query<{ id: string }>(`${base} and u.id = any($3::bigint[]) order by u.id`, [
              companyId,
              authorId,
              audience.userIds,
            ]);
    return rows.map((r) => Number(r.id));
  }

  async queueExists(companyId: number, queueId: number): Promise<boolean> {
    const { rowCount } = await this.q.query('select 1 from queues where company_id = $1 and id = $2', [companyId, queueId]);
    return (rowCount ?? 0) > 0;
  }

  async insert(
    companyId: number,
    authorId: number,
    input: { title: string; body: string; audience: AnnouncementAudience; expiresAt: string | null },
    recipientIds: number[],
  ): Promise<number> {
    const { rows } = await this.q.query<{ id: string }>(
      `insert into announcements (company_id, author_id, title, body, audience_kind, audience_queue_id, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [
        companyId,
        authorId,
        input.title,
        input.body,
        input.audience.kind,
        input.audience.kind === 'queue' ? input.audience.queueId : null,
        input.expiresAt,
      ],
    );
    const id = Number(rows[0]!.id);
    await this.q.query(
      `insert into announcement_recipients (company_id, announcement_id, user_id) select $1, $2, u from unnest($3::bigint[]) u`,
      [companyId, id, recipientIds],
    );
    return id;
  }

  async get(companyId: number, id: number): Promise<Announcement | null> {
    const { rows } = await this.q.query<AnnouncementRow>(
      `${selectAnnouncements} where a.company_id = $1 and a.id = $2 ${groupAnnouncements}`,
      [companyId, id],
    );
    return rows[0] ? toAnnouncement(rows[0]) : null;
  }

  /** Newest first; `authorId` narrows to one sender's own (supervisors see only theirs). */
  async list(companyId: number, opts: { authorId: number | null; archived: boolean; limit: number }): Promise<Announcement[]> {
    const { rows } = await this.q.query<AnnouncementRow>(
      `${selectAnnouncements}
        where a.company_id = $1 and ($2::bigint is null or a.author_id = $2) and ($3 or a.archived_at is null)
        ${groupAnnouncements} order by a.id desc limit $4`,
      [companyId, opts.authorId, opts.archived, opts.limit],
    );
    return rows.map(toAnnouncement);
  }

  /** The user's unacknowledged, unarchived, unexpired announcements, newest first. */
  async pending(companyId: number, userId: number): Promise<PendingAnnouncement[]> {
    return this.pendingRows(
      companyId,
      userId,
      'and r.acked_at is null and a.archived_at is null and (a.expires_at is null or a.expires_at > now())',
    );
  }

  private async pendingRows(companyId: number, userId: number, where: string, extra: unknown[] = []): Promise<PendingAnnouncement[]> {
    const { rows } = await this.q.query<PendingRow>(
      `select a.id, a.title, a.body, a.author_id, u.name as author_name, a.created_at, a.expires_at, r.seen_at
         from announcement_recipients r
         join announcements a on a.id = r.announcement_id and a.company_id = r.company_id
         left join users u on u.id = a.author_id
        where r.company_id = $1 and r.user_id = $2 ${where}
        order by a.id desc limit 100`,
      [companyId, userId, ...extra],
    );
    return rows.map(toPending);
  }

  /** Whether the user received it at all (and, if so, whether this call was the first acknowledgement). */
  async ack(companyId: number, userId: number, id: number): Promise<{ recipient: boolean; ackedAt: string | null; first: boolean }> {
    const { rows } = await this.q.query<{ acked_at: Date }>(
      `update announcement_recipients set acked_at = now(), seen_at = coalesce(seen_at, now())
        where company_id = $1 and user_id = $2 and announcement_id = $3 and acked_at is null
        returning acked_at`,
      [companyId, userId, id],
    );
    if (rows[0]) return { recipient: true, ackedAt: iso(rows[0].acked_at), first: true };
    const { rows: existing } = await this.q.query<{ acked_at: Date | null }>(
      'select acked_at from announcement_recipients where company_id = $1 and user_id = $2 and announcement_id = $3',
      [companyId, userId, id],
    );
    return { recipient: existing.length > 0, ackedAt: iso(existing[0]?.acked_at ?? null), first: false };
  }

  /** Marks it opened (the banner showed it); false when the user is not a recipient. */
  async seen(companyId: number, userId: number, id: number): Promise<boolean> {
    const { rowCount } = await this.q.query(
      `update announcement_recipients set seen_at = coalesce(seen_at, now())
        where company_id = $1 and user_id = $2 and announcement_id = $3`,
      [companyId, userId, id],
    );
    return (rowCount ?? 0) > 0;
  }

  async archive(companyId: number, id: number): Promise<number[]> {
    await this.q.query('update announcements set archived_at = coalesce(archived_at, now()) where company_id = $1 and id = $2', [
      companyId,
      id,
    ]);
    return this.recipientIds(companyId, id);
  }

  async recipientIds(companyId: number, id: number): Promise<number[]> {
    const { rows } = await this.q.query<{ user_id: string }>(
      'select user_id from announcement_recipients where company_id = $1 and announcement_id = $2',
      [companyId, id],
    );
    return rows.map((r) => Number(r.user_id));
  }

  /** Every recipient with when they opened and acknowledged it: acknowledged first (earliest first), then by name. */
  async acks(companyId: number, id: number): Promise<AnnouncementAck[]> {
    const { rows } = await this.q.query<{ user_id: string; name: string; seen_at: Date | null; acked_at: Date | null }>(
      `select r.user_id, u.name, r.seen_at, r.acked_at
         from announcement_recipients r join users u on u.id = r.user_id
        where r.company_id = $1 and r.announcement_id = $2
        order by r.acked_at asc nulls last, u.name`,
      [companyId, id],
    );
    return rows.map((r) => ({ userId: Number(r.user_id), name: r.name, seenAt: iso(r.seen_at), ackedAt: iso(r.acked_at) }));
  }

  async userName(companyId: number, userId: number): Promise<string> {
    const { rows } = await this.q.query<{ name: string }>('select name from users where company_id = $1 and id = $2', [companyId, userId]);
    return rows[0]?.name ?? '';
  }
}
