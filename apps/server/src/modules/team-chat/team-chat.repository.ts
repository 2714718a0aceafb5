import type pg from 'pg';
import { escapeLike, type Queryable } from '../../infra/db/index.js';

type Id = string | number;

export interface ConversationRow {
  id: Id;
  kind: 'direct' | 'group';
  name: string | null;
  created_by: Id | null;
  updated_at: Date;
  last_message_id: Id | null;
}

export interface MemberRow {
  conversation_id: Id;
  user_id: Id;
  name: string;
  role: 'admin' | 'member';
  last_read_message_id: Id | null;
  read_at: Date | null;
}

export interface MessageRow {
  id: Id;
  conversation_id: Id;
  author_id: Id | null;
  author_name: string | null;
  body: string;
  mentions: number[];
  ticket_ids: number[];
  created_at: Date;
  attachment_mime: string | null;
  attachment_name: string | null;
  attachment_size: number | null;
}

export interface NewAttachment {
  storageKey: string;
  mimeType: string;
  name: string;
  size: number;
}

const selectMessage = `
  select m.id, m.conversation_id, m.author_id, u.name as author_name, m.body, m.mentions, m.ticket_ids, m.created_at,
         a.mime_type as attachment_mime, a.name as attachment_name, a.size as attachment_size
    from chat_messages m
    left join users u on u.id = m.author_id
    left join chat_attachments a on a.message_id = m.id`;

/** SQL of the internal chat; every query is scoped by company (and by membership where a user reads). */
export class TeamChatRepository {
  constructor(private readonly pool: pg.Pool) {}

  async activeUsers(companyId: number, ids?: readonly number[]): Promise<{ id: number; name: string; role: string }[]> {
    const { rows } = await this.pool.query<{ id: Id; name: string; role: string }>(
      `select id, name, role from users where company_id = $1 and active ${ids ? 'and id = any($2::bigint[])' : ''} order by lower(name), id`,
      ids ? [companyId, ids] : [companyId],
    );
    return rows.map((r) => ({ id: Number(r.id), name: r.name, role: r.role }));
  }

  async roleOf(companyId: number, userId: number): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ role: string }>('select role from users where company_id = $1 and id = $2', [
      companyId,
      userId,
    ]);
    return rows[0]?.role;
  }

  /** The pair's 1:1, created with both members unless it exists; `created` says which. */
  async findOrCreateDirect(companyId: number, a: number, b: number): Promise<{ id: number; created: boolean }> {
    const key = a < b ? `${a}:${b}` : `${b}:${a}`;
    return this.transaction(async (q) => {
      // A concurrent insert of the same pair waits on the unique index, then finds nothing to do.
      const { rows } = await q.query<{ id: Id }>(
        `insert into chat_conversations (company_id, kind, direct_key, created_by) values ($1, 'direct', $2, $3)
         on conflict (company_id, direct_key) do nothing returning id`,
        [companyId, key, a],
      );
      if (rows[0]) {
        const id = Number(rows[0].id);
        await q.query(
          `insert into chat_members (company_id, conversation_id, user_id, role) select $1, $2, u, 'member' from unnest($3::bigint[]) u`,
          [companyId, id, [a, b]],
        );
        return { id, created: true };
      }
      const found = await q.query<{ id: Id }>('select id from chat_conversations where company_id = $1 and direct_key = $2', [
        companyId,
        key,
      ]);
      return { id: Number(found.rows[0]!.id), created: false };
    });
  }

  async createGroup(companyId: number, name: string, creator: number, memberIds: readonly number[]): Promise<number> {
    return this.transaction(async (q) => {
      const { rows } = await q.query<{ id: Id }>(
        `insert into chat_conversations (company_id, kind, name, created_by) values ($1, 'group', $2, $3) returning id`,
        [companyId, name, creator],
      );
      const id = Number(rows[0]!.id);
      await q.query(
        `insert into chat_members (company_id, conversation_id, user_id, role)
         select $1, $2, u, case when u = $4 then 'admin' else 'member' end from unnest($3::bigint[]) u`,
        [companyId, id, [...new Set([creator, ...memberIds])], creator],
      );
      return id;
    });
  }

  async conversation(companyId: number, id: number): Promise<ConversationRow | undefined> {
    const { rows } = await this.pool.query<ConversationRow>(
      'select id, kind, name, created_by, updated_at, last_message_id from chat_conversations where company_id = $1 and id = $2',
      [companyId, id],
    );
    return rows[0];
  }

  /** The conversations a user belongs to, most recently active first. */
  async conversationsOf(companyId: number, userId: number): Promise<(ConversationRow & { unread: number })[]> {
    const { rows } = await this.pool.query<ConversationRow & { unread: number }>(
      `select c.id, c.kind, c.name, c.created_by, c.updated_at, c.last_message_id,
              (select count(*)::int from chat_messages m
                where m.conversation_id = c.id and m.id > coalesce(cm.last_read_message_id, 0)
                  and m.author_id is distinct from cm.user_id) as unread
         from chat_members cm join chat_conversations c on c.id = cm.conversation_id
        where cm.company_id = $1 and cm.user_id = $2
        order by coalesce(c.last_message_at, c.created_at) desc, c.id desc`,
      [companyId, userId],
    );
    return rows;
  }

  async unreadOf(companyId: number, userId: number, conversationId: number): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      `select count(*)::int as n from chat_members cm join chat_messages m on m.conversation_id = cm.conversation_id
        where cm.company_id = $1 and cm.user_id = $2 and cm.conversation_id = $3
          and m.id > coalesce(cm.last_read_message_id, 0) and m.author_id is distinct from cm.user_id`,
      [companyId, userId, conversationId],
    );
    return rows[0]?.n ?? 0;
  }

  async unreadTotal(companyId: number, userId: number): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      `select count(*)::int as n from chat_members cm join chat_messages m on m.conversation_id = cm.conversation_id
        where cm.company_id = $1 and cm.user_id = $2
          and m.id > coalesce(cm.last_read_message_id, 0) and m.author_id is distinct from cm.user_id`,
      [companyId, userId],
    );
    return rows[0]?.n ?? 0;
  }

  async members(companyId: number, conversationIds: readonly number[]): Promise<MemberRow[]> {
    if (conversationIds.length === 0) return [];
    const { rows } = await this.pool.query<MemberRow>(
      `select cm.conversation_id, cm.user_id, u.name, cm.role, cm.last_read_message_id, cm.read_at
         from chat_members cm join users u on u.id = cm.user_id
        where cm.company_id = $1 and cm.conversation_id = any($2::bigint[])
        order by lower(u.name), u.id`,
      [companyId, conversationIds],
    );
    return rows;
  }

  async isMember(companyId: number, conversationId: number, userId: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'select 1 from chat_members where company_id = $1 and conversation_id = $2 and user_id = $3',
      [companyId, conversationId, userId],
    );
    return (rowCount ?? 0) > 0;
  }

  async memberIds(companyId: number, conversationId: number): Promise<number[]> {
    const { rows } = await this.pool.query<{ user_id: Id }>(
      'select user_id from chat_members where company_id = $1 and conversation_id = $2',
      [companyId, conversationId],
    );
    return rows.map((r) => Number(r.user_id));
  }

  async messagesByIds(companyId: number, ids: readonly number[]): Promise<MessageRow[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<MessageRow>(`${selectMessage} where m.company_id = $1 and m.id = any($2::bigint[])`, [
      companyId,
      ids,
    ]);
    return rows;
  }

  async page(companyId: number, conversationId: number, before: number | undefined, limit: number): Promise<MessageRow[]> {
    const { rows } = await this.pool.query<MessageRow>(
      `${selectMessage} where m.company_id = $1 and m.conversation_id = $2 ${before ? 'and m.id < $4' : ''} order by m.id desc limit $3`,
      before ? [companyId, conversationId, limit, before] : [companyId, conversationId, limit],
    );
    return rows;
  }

  /** Stores the message (and its file) and moves the conversation's activity; the author has read it. */
  async insertMessage(
    companyId: number,
    conversationId: number,
    authorId: number,
    input: { body: string; mentions: number[]; ticketIds: number[]; attachment: NewAttachment | null },
  ): Promise<number> {
    return this.transaction(async (q) => {
      const { rows } = await q.query<{ id: Id; created_at: Date }>(
        `insert into chat_messages (company_id, conversation_id, author_id, body, mentions, ticket_ids)
         values ($1, $2, $3, $4, $5, $6) returning id, created_at`,
        [companyId, conversationId, authorId, input.body, JSON.stringify(input.mentions), JSON.stringify(input.ticketIds)],
      );
      const id = Number(rows[0]!.id);
      if (input.attachment) {
        const a = input.attachment;
        await q.query(
          `insert into chat_attachments (company_id, message_id, storage_key, mime_type, name, size) values ($1, $2, $3, $4, $5, $6)`,
          [companyId, id, a.storageKey, a.mimeType, a.name, a.size],
        );
      }
      await q.query(
        `update chat_conversations set last_message_id = $3, last_message_at = $4, updated_at = now() where company_id = $1 and id = $2`,
        [companyId, conversationId, id, rows[0]!.created_at],
      );
      await q.query(
        `update chat_members set last_read_message_id = $4, read_at = now() where company_id = $1 and conversation_id = $2 and user_id = $3`,
        [companyId, conversationId, authorId, id],
      );
      return id;
    });
  }

  async messageIn(companyId: number, conversationId: number, messageId: number): Promise<boolean> {
    const { rowCount } = await this.pool.query('select 1 from chat_messages where company_id = $1 and conversation_id = $2 and id = $3', [
      companyId,
      conversationId,
      messageId,
    ]);
    return (rowCount ?? 0) > 0;
  }

  /** Read state only moves forward: an old tab sending an older id changes nothing. */
  async markRead(
    companyId: number,
    conversationId: number,
    userId: number,
    messageId: number,
  ): Promise<{ messageId: number; at: Date } | undefined> {
    const { rows } = await this.pool.query<{ last_read_message_id: Id; read_at: Date }>(
      `update chat_members set last_read_message_id = $4, read_at = now()
        where company_id = $1 and conversation_id = $2 and user_id = $3 and coalesce(last_read_message_id, 0) < $4
        returning last_read_message_id, read_at`,
      [companyId, conversationId, userId, messageId],
    );
    return rows[0] && { messageId: Number(rows[0].last_read_message_id), at: rows[0].read_at };
  }

  async rename(companyId: number, conversationId: number, name: string): Promise<void> {
    await this.pool.query('update chat_conversations set name = $3, updated_at = now() where company_id = $1 and id = $2', [
      companyId,
      conversationId,
      name,
    ]);
  }

  /** Makes the member list exactly `memberIds`; returns who joined and who left. */
  async setMembers(
    companyId: number,
    conversationId: number,
    memberIds: readonly number[],
  ): Promise<{ added: number[]; removed: number[] }> {
    return this.transaction(async (q) => {
      const removed = await q.query<{ user_id: Id }>(
        `delete from chat_members where company_id = $1 and conversation_id = $2 and not (user_id = any($3::bigint[])) returning user_id`,
        [companyId, conversationId, memberIds],
      );
      const added = await q.query<{ user_id: Id }>(
        `insert into chat_members (company_id, conversation_id, user_id) select $1, $2, u from unnest($3::bigint[]) u
         on conflict (conversation_id, user_id) do nothing returning user_id`,
        [companyId, conversationId, memberIds],
      );
      await q.query('update chat_conversations set updated_at = now() where company_id = $1 and id = $2', [companyId, conversationId]);
      return { added: added.rows.map((r) => Number(r.user_id)), removed: removed.rows.map((r) => Number(r.user_id)) };
    });
  }

  /** Messages whose text contains `q`, in the user's conversations only. */
  async search(
    companyId: number,
    userId: number,
    text: string,
    limit: number,
  ): Promise<{ id: Id; conversation_id: Id; body: string; created_at: Date; author_name: string | null }[]> {
    const { rows } = await this.pool.query<{ id: Id; conversation_id: Id; body: string; created_at: Date; author_name: string | null }>(
      `select m.id, m.conversation_id, m.body, m.created_at, u.name as author_name
         from chat_members cm join chat_messages m on m.conversation_id = cm.conversation_id
         left join users u on u.id = m.author_id
        where cm.company_id = $1 and cm.user_id = $2 and m.body ilike $3
        order by m.id desc limit $4`,
      [companyId, userId, `%${escapeLike(text)}%`, limit],
    );
    return rows;
  }

  /** The stored file of a message, if the user is a member of its conversation. */
  async attachmentFor(
    companyId: number,
    userId: number,
    messageId: number,
  ): Promise<{ storage_key: string; mime_type: string; name: string } | undefined> {
    const { rows } = await this.pool.query<{ storage_key: string; mime_type: string; name: string }>(
      `select a.storage_key, a.mime_type, a.name
         from chat_attachments a join chat_messages m on m.id = a.message_id
         join chat_members cm on cm.conversation_id = m.conversation_id and cm.user_id = $2
        where a.company_id = $1 and a.message_id = $3`,
      [companyId, userId, messageId],
    );
    return rows[0];
  }

  async ticketAudiences(
    companyId: number,
    ticketIds: readonly number[],
  ): Promise<Map<number, { queueId: number | null; userId: number | null; status: 'bot' | 'pending' | 'open' | 'closed' }>> {
    if (ticketIds.length === 0) return new Map();
    const { rows } = await this.pool.query<{
      id: Id;
      queue_id: Id | null;
      user_id: Id | null;
      status: 'bot' | 'pending' | 'open' | 'closed';
    }>('select id, queue_id, user_id, status from tickets where company_id = $1 and id = any($2::bigint[])', [companyId, ticketIds]);
    return new Map(
      rows.map((r) => [
        Number(r.id),
        {
          queueId: r.queue_id === null ? null : Number(r.queue_id),
          userId: r.user_id === null ? null : Number(r.user_id),
          status: r.status,
        },
      ]),
    );
  }

  async setAway(companyId: number, userId: number, away: boolean): Promise<boolean> {
    const { rowCount } = away
      ? await this.pool.query('insert into chat_away (user_id, company_id) values ($1, $2) on conflict (user_id) do nothing', [
          userId,
          companyId,
        ])
      : await this.pool.query('delete from chat_away where user_id = $1', [userId]);
    return (rowCount ?? 0) > 0;
  }

  async awayIds(companyId: number): Promise<Set<number>> {
    const { rows } = await this.pool.query<{ user_id: Id }>('select user_id from chat_away where company_id = $1', [companyId]);
    return new Set(rows.map((r) => Number(r.user_id)));
  }

  /** Stores a chat-mention notification per user; the excerpt and the conversation go in `data`. */
  async addMentionNotifications(
    companyId: number,
    userIds: readonly number[],
    actorUserId: number,
    data: { excerpt: string; conversationId: number; chatMessageId: number },
  ): Promise<{ id: number; userId: number }[]> {
    if (userIds.length === 0) return [];
    const { rows } = await this.pool.query<{ id: Id; user_id: Id }>(
      `insert into notifications (company_id, user_id, kind, actor_user_id, data)
       select $1, u, 'chat-mention', $3, $4 from unnest($2::bigint[]) u returning id, user_id`,
      [companyId, userIds, actorUserId, data],
    );
    return rows.map((r) => ({ id: Number(r.id), userId: Number(r.user_id) }));
  }

  private async transaction<T>(work: (q: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
