import type pg from 'pg';
import type {
  ContactCardRequest,
  CreateQuickResponseRequest,
  QuickResponse,
  QuickResponseAttachmentKind,
  QuickResponseScope,
  UpdateQuickResponseRequest,
} from '@jimmy/contracts';
import { buildVCard, phoneDigits } from '@jimmy/channels';
import type { Queryable } from '../../infra/db/index.js';
import { conflict, forbidden, invalid, notFound } from '../../infra/errors.js';
import { extensionFor, type Storage } from '../../infra/storage.js';
import { withTransaction } from '../../infra/db/index.js';
import type { AuthContext } from '../auth/index.js';
import { mediaTypeFor, type OutgoingFile } from '../messages/index.js';
import type { QueuesService } from '../queues/index.js';
import { toQuickResponseDto } from './quick-responses.mapper.js';
import type { AttachmentRow, QuickResponseRow, QuickResponsesRepository, Reader } from './quick-responses.repository.js';

/** More would make one "/" send a flood of messages. */
const MAX_ATTACHMENTS = 10;

const isManager = (auth: AuthContext) => auth.role !== 'agent';

/**
 * Quick responses: company-wide and per-queue ones are kept by admins and supervisors, personal ones
 * by their owner. Nobody sees another person's personal responses; agents see only their queues'.
 */
export class QuickResponsesService {
  constructor(private readonly deps: { pool: pg.Pool; repo: QuickResponsesRepository; queues: QueuesService; storage: Storage }) {}

  async reader(auth: AuthContext, q: Queryable = this.deps.pool): Promise<Reader> {
    const allQueues = isManager(auth);
    const queueIds = allQueues ? [] : await this.deps.queues.queueIdsOf(auth.companyId, auth.userId, q);
    return { companyId: auth.companyId, userId: auth.userId, allQueues, queueIds };
  }

  async list(auth: AuthContext, search: string | undefined, limit: number): Promise<QuickResponse[]> {
    const rows = await this.deps.repo.list(await this.reader(auth), search || undefined, limit);
    return this.toDtos(auth, rows);
  }

  async get(auth: AuthContext, id: number, q: Queryable = this.deps.pool): Promise<QuickResponse> {
    const row = await this.visible(auth, id, q);
    return (await this.toDtos(auth, [row], q))[0]!;
  }

  /** The row and its attachments in order; 404 when the caller may not see it. */
  async visibleWithAttachments(auth: AuthContext, id: number, q: Queryable = this.deps.pool) {
    const row = await this.visible(auth, id, q);
    return { row, attachments: await this.deps.repo.with(q).attachmentsOf(auth.companyId, [id]) };
  }

  async create(auth: AuthContext, input: CreateQuickResponseRequest): Promise<QuickResponse> {
    const owner = await this.ownerOf(auth, input.scope, input.queueId ?? null);
    return withTransaction(this.deps.pool, async (client) => {
      const id = await this.deps.repo.with(client).insert({
        companyId: auth.companyId,
        shortcut: input.shortcut,
        body: input.body,
        scope: input.scope,
        ...owner,
        createdBy: auth.userId,
      });
      return this.get(auth, id, client);
    });
  }

  async update(auth: AuthContext, id: number, input: UpdateQuickResponseRequest): Promise<QuickResponse> {
    return withTransaction(this.deps.pool, async (client) => {
      const row = await this.editable(auth, id, client);
      const scope = input.scope ?? row.scope;
      const queueId = input.queueId !== undefined ? input.queueId : row.queue_id === null ? null : Number(row.queue_id);
      const owner =
        scope === row.scope && input.queueId === undefined
          ? { queueId: row.queue_id === null ? null : Number(row.queue_id), userId: row.user_id === null ? null : Number(row.user_id) }
          : await this.ownerOf(auth, scope, queueId, client);
      await this.deps.repo.with(client).update(auth.companyId, id, {
        shortcut: input.shortcut ?? row.shortcut,
        body: input.body ?? row.body,
        scope,
        ...owner,
      });
      return this.get(auth, id, client);
    });
  }

  async remove(auth: AuthContext, id: number): Promise<void> {
    await withTransaction(this.deps.pool, async (client) => {
      await this.editable(auth, id, client);
      // Files stay on disk: messages already sent with them point at the same stored file.
      await this.deps.repo.with(client).remove(auth.companyId, id);
    });
  }

  /** An image, video, audio (voice note or file) or document, stored once and sent from there every time. */
  async addFile(auth: AuthContext, id: number, file: OutgoingFile, asVoice: boolean): Promise<QuickResponse> {
    await this.editable(auth, id);
    const kind = attachmentKindOf(file.mimeType);
    const stored = await this.deps.storage.put(auth.companyId, file.bytes, extensionFor(file.mimeType, file.fileName));
    const media = { path: stored.key, mime: file.mimeType, name: file.fileName, size: stored.size };
    return this.addAttachment(auth, id, { kind, asVoice: kind === 'audio' && asVoice, media, contact: null });
  }

  /** A contact card from a contact of the company or a typed name and number; its .vcf is what web chat offers. */
  async addContactCard(auth: AuthContext, id: number, input: ContactCardRequest): Promise<QuickResponse> {
    await this.editable(auth, id);
    let card: { name: string; phone: string; contactId?: number };
    if (input.contactId !== undefined) {
      const contact = await this.deps.repo.contactCard(auth.companyId, input.contactId);
      if (!contact) throw invalid({ contactId: 'no such contact' });
      if (!contact.phone) throw invalid({ contactId: 'this contact has no phone number' });
      card = { name: input.name ?? contact.name, phone: contact.phone, contactId: input.contactId };
    } else {
      if (!input.name) throw invalid({ name: 'required without a contactId' });
      if (!input.phone) throw invalid({ phone: 'required without a contactId' });
      card = { name: input.name, phone: input.phone };
    }
    const digits = phoneDigits(card.phone);
    if (digits.length < 8 || digits.length > 15) throw invalid({ phone: 'a phone number with country code, e.g. +55 11 98765-4321' });
    card.phone = `+${digits}`;
    const vcard = Buffer.from(buildVCard(card), 'utf8');
    const stored = await this.deps.storage.put(auth.companyId, vcard, 'vcf');
    const fileName = `${card.name.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'contato'}.vcf`;
    const media = { path: stored.key, mime: 'text/vcard', name: fileName, size: stored.size };
    return this.addAttachment(auth, id, { kind: 'contact', asVoice: false, media, contact: card });
  }

  async removeAttachment(auth: AuthContext, id: number, attachmentId: number): Promise<QuickResponse> {
    return withTransaction(this.deps.pool, async (client) => {
      await this.editable(auth, id, client);
      const repo = this.deps.repo.with(client);
      await repo.lock(auth.companyId, id);
      if (!(await repo.removeAttachment(auth.companyId, id, attachmentId))) throw notFound('Attachment');
      const rest = await repo.attachmentsOf(auth.companyId, [id]);
      await repo.setPositions(
        auth.companyId,
        id,
        rest.map((a) => Number(a.id)),
      );
      await repo.touch(auth.companyId, id);
      return this.get(auth, id, client);
    });
  }

  /** The new order must name every attachment exactly once. */
  async reorder(auth: AuthContext, id: number, attachmentIds: readonly number[]): Promise<QuickResponse> {
    return withTransaction(this.deps.pool, async (client) => {
      await this.editable(auth, id, client);
      const repo = this.deps.repo.with(client);
      await repo.lock(auth.companyId, id);
      const current = (await repo.attachmentsOf(auth.companyId, [id])).map((a) => Number(a.id));
      const same = attachmentIds.length === current.length && new Set(attachmentIds).size === current.length;
      if (!same || !attachmentIds.every((a) => current.includes(a))) {
        throw invalid({ attachmentIds: 'list every attachment of this response exactly once' });
      }
      await repo.setPositions(auth.companyId, id, attachmentIds);
      await repo.touch(auth.companyId, id);
      return this.get(auth, id, client);
    });
  }

  async attachmentFile(auth: AuthContext, id: number, attachmentId: number) {
    const row = await this.deps.repo.attachmentFile(await this.reader(auth), attachmentId);
    if (!row || Number(row.quick_response_id) !== id || !row.media_path) throw notFound('Attachment');
    const file = await this.deps.storage.open(row.media_path);
    if (!file) throw notFound('Attachment');
    return { ...file, mimeType: row.media_mime ?? 'application/octet-stream', fileName: row.media_name };
  }

  private async addAttachment(
    auth: AuthContext,
    id: number,
    attachment: Pick<Parameters<QuickResponsesRepository['insertAttachment']>[0], 'kind' | 'asVoice' | 'media' | 'contact'>,
  ): Promise<QuickResponse> {
    return withTransaction(this.deps.pool, async (client) => {
      const repo = this.deps.repo.with(client);
      await repo.lock(auth.companyId, id);
      if ((await repo.attachmentsOf(auth.companyId, [id])).length >= MAX_ATTACHMENTS) {
        throw conflict('TOO_MANY_ATTACHMENTS', `A quick response carries at most ${MAX_ATTACHMENTS} attachments`);
      }
      await repo.insertAttachment({ companyId: auth.companyId, quickResponseId: id, ...attachment });
      await repo.touch(auth.companyId, id);
      return this.get(auth, id, client);
    });
  }

  private async visible(auth: AuthContext, id: number, q: Queryable = this.deps.pool): Promise<QuickResponseRow> {
    const row = await this.deps.repo.with(q).findVisible(await this.reader(auth, q), id);
    if (!row) throw notFound('Quick response');
    return row;
  }

  private async editable(auth: AuthContext, id: number, q: Queryable = this.deps.pool): Promise<QuickResponseRow> {
    const row = await this.visible(auth, id, q);
    if (!canEdit(auth, row)) throw forbidden('Only admins and supervisors change company and queue responses');
    return row;
  }

  /** Where a response of this scope belongs; agents keep only personal ones. */
  private async ownerOf(
    auth: AuthContext,
    scope: QuickResponseScope,
    queueId: number | null,
    q: Queryable = this.deps.pool,
  ): Promise<{ queueId: number | null; userId: number | null }> {
    if (scope === 'personal') return { queueId: null, userId: auth.userId };
    if (!isManager(auth)) throw forbidden('Agents create personal responses; company and queue ones are kept by admins and supervisors');
    if (scope === 'company') return { queueId: null, userId: null };
    if (queueId === null) throw invalid({ queueId: 'required for a queue response' });
    if (!(await this.deps.queues.exists(auth.companyId, queueId, q))) throw invalid({ queueId: 'no such queue' });
    return { queueId, userId: null };
  }

  private async toDtos(auth: AuthContext, rows: QuickResponseRow[], q: Queryable = this.deps.pool): Promise<QuickResponse[]> {
    const attachments = await this.deps.repo.with(q).attachmentsOf(
      auth.companyId,
      rows.map((r) => Number(r.id)),
    );
    const byResponse = new Map<number, AttachmentRow[]>();
    for (const a of attachments) {
      const list = byResponse.get(Number(a.quick_response_id)) ?? [];
      list.push(a);
      byResponse.set(Number(a.quick_response_id), list);
    }
    return rows.map((row) => toQuickResponseDto(row, byResponse.get(Number(row.id)) ?? [], canEdit(auth, row)));
  }
}

function canEdit(auth: AuthContext, row: QuickResponseRow): boolean {
  return row.scope === 'personal' ? Number(row.user_id) === auth.userId : isManager(auth);
}

/** WebP would be a sticker on WhatsApp and a "/" response wants the picture: it goes as a file. */
function attachmentKindOf(mimeType: string): QuickResponseAttachmentKind {
  const kind = mediaTypeFor(mimeType, false);
  return kind === 'sticker' ? 'document' : kind;
}
