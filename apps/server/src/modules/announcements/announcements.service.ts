import type pg from 'pg';
import type { Announcement, AnnouncementAck, CreateAnnouncementRequest, PendingAnnouncement } from '@jimmy/contracts';
import { withTransaction } from '../../infra/db/index.js';
import { invalid, notFound } from '../../infra/errors.js';
import type { EventBus } from '../../infra/events.js';
import type { AuthContext } from '../auth/index.js';
import { AnnouncementsRepository } from './announcements.repository.js';
import './announcements.events.js';

const missing = () => notFound('Announcement');
const isAdmin = (auth: AuthContext) => auth.role === 'admin' || auth.role === 'super_admin';

/**
 * Announcements: managers post, recipients acknowledge. Recipients are resolved once, when posted.
 * Who may read what: a recipient sees the announcement itself; its author and the company's admins
 * see the recipients and their read times; anyone else gets 404, as for another company's id.
 */
export class AnnouncementsService {
  private readonly repo: AnnouncementsRepository;

  constructor(private readonly deps: { pool: pg.Pool; events: EventBus }) {
    this.repo = new AnnouncementsRepository(deps.pool);
  }

  async create(auth: AuthContext, input: CreateAnnouncementRequest): Promise<Announcement> {
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw invalid({ expiresAt: 'must be in the future' });
    const title = input.title.trim();
    const body = input.body.trim();
    const { id, recipientIds } = await withTransaction(this.deps.pool, async (client) => {
      const repo = this.repo.with(client);
      const { audience } = input;
      if (audience.kind === 'queue' && !(await repo.queueExists(auth.companyId, audience.queueId))) {
        throw invalid({ 'audience.queueId': 'unknown queue' });
      }
      const recipientIds = await repo.resolveAudience(auth.companyId, auth.userId, audience);
      if (audience.kind === 'users') {
        const found = new Set([...recipientIds, auth.userId]);
        const unknown = [...new Set(audience.userIds)].filter((userId) => !found.has(userId));
        if (unknown.length > 0) throw invalid({ 'audience.userIds': `unknown or inactive users: ${unknown.join(', ')}` });
      }
      if (recipientIds.length === 0) {
        throw invalid({ audience: audience.kind === 'queue' ? 'the queue has no active members besides you' : 'nobody to send it to' });
      }
      const id = await repo.insert(
        auth.companyId,
        auth.userId,
        { title, body, audience, expiresAt: expiresAt?.toISOString() ?? null },
        recipientIds,
      );
      return { id, recipientIds };
    });
    const announcement = (await this.repo.get(auth.companyId, id))!;
    this.deps.events.publish('announcement.created', {
      companyId: auth.companyId,
      recipientIds,
      announcement: {
        id,
        title,
        body,
        author: announcement.author,
        createdAt: announcement.createdAt,
        expiresAt: announcement.expiresAt,
        seenAt: null,
      },
    });
    return announcement;
  }

  /** Admins see every announcement of the company; supervisors their own. */
  list(auth: AuthContext, opts: { archived: boolean; limit: number }): Promise<Announcement[]> {
    return this.repo.list(auth.companyId, { authorId: isAdmin(auth) ? null : auth.userId, ...opts });
  }

  async get(auth: AuthContext, id: number): Promise<Announcement> {
    const announcement = await this.repo.get(auth.companyId, id);
    if (!announcement || (!isAdmin(auth) && announcement.author?.id !== auth.userId)) throw missing();
    return announcement;
  }

  async acks(auth: AuthContext, id: number): Promise<AnnouncementAck[]> {
    await this.get(auth, id);
    return this.repo.acks(auth.companyId, id);
  }

  pending(auth: AuthContext): Promise<PendingAnnouncement[]> {
    return this.repo.pending(auth.companyId, auth.userId);
  }

  /** Idempotent: only the first acknowledgement is stored and announced. */
  async ack(auth: AuthContext, id: number): Promise<void> {
    const outcome = await this.repo.ack(auth.companyId, auth.userId, id);
    if (!outcome.recipient) throw missing();
    if (!outcome.first || !outcome.ackedAt) return;
    const announcement = await this.repo.get(auth.companyId, id);
    this.deps.events.publish('announcement.acked', {
      companyId: auth.companyId,
      authorId: announcement?.author?.id ?? null,
      announcementId: id,
      userId: auth.userId,
      name: await this.repo.userName(auth.companyId, auth.userId),
      ackedAt: outcome.ackedAt,
    });
  }

  async seen(auth: AuthContext, id: number): Promise<void> {
    if (!(await this.repo.seen(auth.companyId, auth.userId, id))) throw missing();
  }

  async archive(auth: AuthContext, id: number): Promise<Announcement> {
    const before = await this.get(auth, id);
    const recipientIds = await this.repo.archive(auth.companyId, id);
    if (!before.archivedAt) {
      this.deps.events.publish('announcement.archived', {
        companyId: auth.companyId,
        authorId: before.author?.id ?? null,
        announcementId: id,
        recipientIds,
      });
    }
    return this.get(auth, id);
  }
}
