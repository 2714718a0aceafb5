import type { Readable } from 'node:stream';
import type {
  ChatConversation,
  ChatConversationCreate,
  ChatConversationPatch,
  ChatMessage,
  ChatSearchResult,
  ChatUser,
  Notification,
  PresenceStatus,
  Role,
} from '@jimmy/contracts';
import { invalid, notFound, forbidden } from '../../infra/errors.js';
import type { EventBus } from '../../infra/events.js';
import { extensionFor, type Storage } from '../../infra/storage.js';
import type { AuthContext } from '../auth/index.js';
import { findMentions } from '../notes/index.js';
import { canSeeTicket, type Viewer } from '../tickets/index.js';
import type { ConversationRow, MemberRow, MessageRow, TeamChatRepository } from './team-chat.repository.js';
import { findTicketRefs } from './ticket-refs.js';

export interface ChatFile {
  bytes: Buffer;
  mimeType: string;
  fileName: string;
}

type Reader = Pick<AuthContext, 'companyId' | 'userId' | 'role'>;

export interface TeamChatDeps {
  repo: TeamChatRepository;
  events: EventBus;
  storage: Storage;
  /** What a user may see of tickets (modules/tickets), for `#1234` chips. */
  viewerOf: (reader: Reader) => Promise<Viewer>;
  /** The company's users with a socket open on any node. */
  onlineUserIds: (companyId: number) => Promise<Set<number>>;
}

const isManager = (role: Role | string) => role === 'admin' || role === 'super_admin' || role === 'supervisor';
const iso = (d: Date | string) => new Date(d).toISOString();
const SNIPPET = 60;

function snippetOf(body: string, q: string): string {
  const at = body.toLocaleLowerCase('pt-BR').indexOf(q.toLocaleLowerCase('pt-BR'));
  if (at < 0) return body.slice(0, SNIPPET * 2);
  const start = Math.max(0, at - SNIPPET);
  const end = Math.min(body.length, at + q.length + SNIPPET);
  return `${start > 0 ? '…' : ''}${body.slice(start, end)}${end < body.length ? '…' : ''}`;
}

/** The internal chat's use cases; a conversation the caller is not in answers 404 like one that does not exist. */
export class TeamChatService {
  private readonly repo: TeamChatRepository;

  constructor(private readonly deps: TeamChatDeps) {
    this.repo = deps.repo;
  }

  async users(auth: Reader): Promise<ChatUser[]> {
    return this.repo.activeUsers(auth.companyId);
  }

  async list(auth: Reader): Promise<ChatConversation[]> {
    const rows = await this.repo.conversationsOf(auth.companyId, auth.userId);
    return this.toConversations(auth, rows);
  }

  async get(auth: Reader, id: number): Promise<ChatConversation> {
    await this.requireMember(auth, id);
    return this.conversationFor(auth, id);
  }

  /** The conversation as one member sees it (name of a 1:1, unread count, chips' visibility). */
  async conversationFor(reader: Reader, id: number): Promise<ChatConversation> {
    const row = await this.repo.conversation(reader.companyId, id);
    if (!row) throw notFound('Conversation', 'CHAT_CONVERSATION_NOT_FOUND');
    const unread = await this.repo.unreadOf(reader.companyId, reader.userId, id);
    const [conversation] = await this.toConversations(reader, [{ ...row, unread }]);
    return conversation!;
  }

  async create(auth: Reader, input: ChatConversationCreate): Promise<{ conversation: ChatConversation; created: boolean }> {
    if (input.kind === 'direct') {
      if (input.userId === auth.userId) throw invalid({ userId: 'choose someone else' });
      const [other] = await this.repo.activeUsers(auth.companyId, [input.userId]);
      if (!other) throw invalid({ userId: 'not an active user of your company' });
      const { id, created } = await this.repo.findOrCreateDirect(auth.companyId, auth.userId, input.userId);
      if (created) this.publishChanged(auth.companyId, id, [auth.userId, input.userId], []);
      return { conversation: await this.conversationFor(auth, id), created };
    }
    const memberIds = await this.validMembers(auth, input.memberIds);
    const id = await this.repo.createGroup(auth.companyId, input.name, auth.userId, memberIds);
    this.publishChanged(auth.companyId, id, [...new Set([auth.userId, ...memberIds])], []);
    return { conversation: await this.conversationFor(auth, id), created: true };
  }

  /** Groups only: their admins (the creator), or any company admin or supervisor. */
  async update(auth: Reader, id: number, patch: ChatConversationPatch): Promise<ChatConversation> {
    const row = await this.repo.conversation(auth.companyId, id);
    const member = row ? (await this.repo.members(auth.companyId, [id])).find((m) => Number(m.user_id) === auth.userId) : undefined;
    // Company managers may manage any group; anyone else must at least be in it to learn it exists.
    if (!row || (!member && !isManager(auth.role))) throw notFound('Conversation', 'CHAT_CONVERSATION_NOT_FOUND');
    if (row.kind !== 'group') throw invalid({ kind: 'a 1:1 conversation has no name or member list to change' });
    if (!this.canManage(auth, row, member)) throw forbidden('Only the group admins, company admins and supervisors manage a group');
    let removed: number[] = [];
    if (patch.name !== undefined) await this.repo.rename(auth.companyId, id, patch.name);
    if (patch.memberIds !== undefined) {
      const memberIds = await this.validMembers(auth, patch.memberIds);
      ({ removed } = await this.repo.setMembers(auth.companyId, id, memberIds));
    }
    this.publishChanged(auth.companyId, id, await this.repo.memberIds(auth.companyId, id), removed);
    return this.conversationFor(auth, id);
  }

  async messages(
    auth: Reader,
    id: number,
    before: number | undefined,
    limit: number,
  ): Promise<{ items: ChatMessage[]; nextCursor: number | null }> {
    await this.requireMember(auth, id);
    const rows = await this.repo.page(auth.companyId, id, before, limit + 1);
    const page = rows.slice(0, limit);
    return {
      items: await this.toMessages(auth, page),
      nextCursor: rows.length > limit && page.length > 0 ? Number(page[page.length - 1]!.id) : null,
    };
  }

  async post(auth: Reader, id: number, input: { body: string; file?: ChatFile }): Promise<ChatMessage> {
    await this.requireMember(auth, id);
    const body = input.body.trim();
    if (!body && !input.file) throw invalid({ body: 'cannot be empty' });
    const members = await this.repo.members(auth.companyId, [id]);
    const others = members.filter((m) => Number(m.user_id) !== auth.userId).map((m) => ({ id: Number(m.user_id), name: m.name }));
    const mentions = findMentions(body, others);
    let attachment = null;
    if (input.file) {
      const stored = await this.deps.storage.put(auth.companyId, input.file.bytes, extensionFor(input.file.mimeType, input.file.fileName));
      attachment = { storageKey: stored.key, mimeType: input.file.mimeType, name: input.file.fileName, size: stored.size };
    }
    const messageId = await this.repo.insertMessage(auth.companyId, id, auth.userId, {
      body,
      mentions,
      ticketIds: findTicketRefs(body),
      attachment,
    });
    const memberIds = members.map((m) => Number(m.user_id));
    this.deps.events.publish('chat.message.created', { companyId: auth.companyId, conversationId: id, memberIds, messageId });
    await this.notifyMentions(auth, id, messageId, mentions, body || input.file?.fileName || '');
    const [message] = await this.toMessages(auth, await this.repo.messagesByIds(auth.companyId, [messageId]));
    return message!;
  }

  /** One message as a given member reads it (realtime sends each member their own copy). */
  async messageFor(reader: Reader, messageId: number): Promise<ChatMessage | undefined> {
    const [message] = await this.toMessages(reader, await this.repo.messagesByIds(reader.companyId, [messageId]));
    return message;
  }

  async read(auth: Reader, id: number, messageId: number): Promise<void> {
    await this.requireMember(auth, id);
    if (!(await this.repo.messageIn(auth.companyId, id, messageId))) throw invalid({ messageId: 'not a message of this conversation' });
    const moved = await this.repo.markRead(auth.companyId, id, auth.userId, messageId);
    if (!moved) return;
    this.deps.events.publish('chat.read', {
      companyId: auth.companyId,
      conversationId: id,
      memberIds: await this.repo.memberIds(auth.companyId, id),
      userId: auth.userId,
      messageId: moved.messageId,
      at: iso(moved.at),
    });
  }

  async search(auth: Reader, q: string): Promise<ChatSearchResult> {
    const rows = await this.repo.search(auth.companyId, auth.userId, q, 50);
    const names = new Map((await this.list(auth)).map((c) => [c.id, c.name]));
    return {
      items: rows.map((r) => ({
        conversationId: Number(r.conversation_id),
        conversationName: names.get(Number(r.conversation_id)) ?? '',
        messageId: Number(r.id),
        authorName: r.author_name ?? '',
        snippet: snippetOf(r.body, q),
        createdAt: iso(r.created_at),
      })),
    };
  }

  async unread(auth: Reader): Promise<{ total: number }> {
    return { total: await this.repo.unreadTotal(auth.companyId, auth.userId) };
  }

  async presence(auth: Reader): Promise<{ userId: number; status: PresenceStatus }[]> {
    const [users, online, away] = await Promise.all([
      this.repo.activeUsers(auth.companyId),
      this.deps.onlineUserIds(auth.companyId),
      this.repo.awayIds(auth.companyId),
    ]);
    return users.map((u) => ({ userId: u.id, status: !online.has(u.id) ? 'offline' : away.has(u.id) ? 'away' : 'online' }));
  }

  async attachment(auth: Reader, messageId: number): Promise<{ stream: Readable; size: number; mimeType: string; fileName: string }> {
    const found = await this.repo.attachmentFor(auth.companyId, auth.userId, messageId);
    const file = found && (await this.deps.storage.open(found.storage_key));
    if (!found || !file) throw notFound('Media');
    return { ...file, mimeType: found.mime_type, fileName: found.name };
  }

  private async requireMember(auth: Reader, id: number): Promise<void> {
    if (!(await this.repo.isMember(auth.companyId, id, auth.userId))) throw notFound('Conversation', 'CHAT_CONVERSATION_NOT_FOUND');
  }

  private canManage(auth: Reader, row: ConversationRow, member: MemberRow | undefined): boolean {
    if (row.kind !== 'group') return false;
    return isManager(auth.role) || member?.role === 'admin' || Number(row.created_by) === auth.userId;
  }

  private async validMembers(auth: Reader, ids: readonly number[]): Promise<number[]> {
    const unique = [...new Set(ids)];
    const found = new Set((await this.repo.activeUsers(auth.companyId, unique)).map((u) => u.id));
    const unknown = unique.filter((id) => !found.has(id));
    if (unknown.length > 0) throw invalid({ memberIds: `not active users of your company: ${unknown.join(', ')}` });
    return unique;
  }

  private publishChanged(companyId: number, conversationId: number, memberIds: number[], removedIds: number[]): void {
    this.deps.events.publish('chat.conversation.changed', { companyId, conversationId, memberIds, removedIds });
  }

  private async notifyMentions(auth: Reader, conversationId: number, messageId: number, userIds: number[], text: string): Promise<void> {
    const excerpt = text.slice(0, 160);
    const added = await this.repo.addMentionNotifications(auth.companyId, userIds, auth.userId, {
      excerpt,
      conversationId,
      chatMessageId: messageId,
    });
    if (added.length === 0) return;
    const [author] = await this.repo.activeUsers(auth.companyId, [auth.userId]);
    const createdAt = new Date().toISOString();
    for (const { id, userId } of added) {
      const notification: Notification = {
        id,
        kind: 'chat-mention',
        ticketId: null,
        messageId: null,
        actor: { id: auth.userId, name: author?.name ?? '' },
        excerpt,
        contactName: null,
        readAt: null,
        createdAt,
        conversationId,
      };
      this.deps.events.publish('notification.created', { companyId: auth.companyId, userId, notification });
    }
  }

  private async toConversations(reader: Reader, rows: (ConversationRow & { unread: number })[]): Promise<ChatConversation[]> {
    const ids = rows.map((r) => Number(r.id));
    const members = await this.repo.members(reader.companyId, ids);
    const lastIds = rows
      .map((r) => r.last_message_id)
      .filter((id) => id !== null)
      .map(Number);
    const last = new Map((await this.toMessages(reader, await this.repo.messagesByIds(reader.companyId, lastIds))).map((m) => [m.id, m]));
    return rows.map((row) => {
      const id = Number(row.id);
      const own = members.filter((m) => Number(m.conversation_id) === id);
      const me = own.find((m) => Number(m.user_id) === reader.userId);
      const other = own.find((m) => Number(m.user_id) !== reader.userId);
      return {
        id,
        kind: row.kind,
        name: row.kind === 'group' ? (row.name ?? '') : (other?.name ?? me?.name ?? ''),
        createdBy: row.created_by === null ? null : Number(row.created_by),
        members: own.map((m) => ({ id: Number(m.user_id), name: m.name, role: m.role })),
        lastMessage: row.last_message_id === null ? null : (last.get(Number(row.last_message_id)) ?? null),
        unreadCount: row.unread,
        reads: own.map((m) => ({
          userId: Number(m.user_id),
          messageId: m.last_read_message_id === null ? null : Number(m.last_read_message_id),
          at: m.read_at ? iso(m.read_at) : null,
        })),
        canManage: this.canManage(reader, row, me),
        updatedAt: iso(row.updated_at),
      };
    });
  }

  /** Message rows as DTOs for one reader: a `#ticket` they may not see says visible: false and nothing else. */
  private async toMessages(reader: Reader, rows: MessageRow[]): Promise<ChatMessage[]> {
    const ticketIds = [...new Set(rows.flatMap((r) => r.ticket_ids ?? []))];
    const audiences = await this.repo.ticketAudiences(reader.companyId, ticketIds);
    const viewer = ticketIds.length > 0 ? await this.deps.viewerOf(reader) : undefined;
    return rows.map((r) => ({
      id: Number(r.id),
      conversationId: Number(r.conversation_id),
      authorId: r.author_id === null ? null : Number(r.author_id),
      authorName: r.author_name ?? '',
      body: r.body,
      createdAt: iso(r.created_at),
      attachment:
        r.attachment_mime === null
          ? null
          : {
              url: `/api/chat/messages/${Number(r.id)}/attachment`,
              mimeType: r.attachment_mime,
              name: r.attachment_name ?? 'file',
              size: r.attachment_size ?? 0,
            },
      mentions: (r.mentions ?? []).map(Number),
      ticketRefs: (r.ticket_ids ?? []).map((ticketId) => {
        const audience = audiences.get(ticketId);
        return { ticketId, visible: Boolean(audience && viewer && canSeeTicket(viewer, audience)) };
      }),
    }));
  }
}
