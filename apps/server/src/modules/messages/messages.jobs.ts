import type pg from 'pg';
import { ChannelError, type OutboundMessage, type TemplateComponent } from '@jimmy/channels';
import type { connections } from '../../infra/db/schema.js';
import type { Jobs } from '../../infra/jobs.js';
import type { Logger } from '../../infra/logger.js';
import { extensionFor, type Storage } from '../../infra/storage.js';
import type { ChannelRuntime } from '../connections/channel-runtime.js';
import type { ConnectionsService } from '../connections/connections.service.js';
import type { MessagesService } from './messages.service.js';
import { NotOwnerError, type NodeCommand, type NodeWork } from '../whatsapp-web/index.js';

declare module '../../infra/jobs.js' {
  interface JobPayloads {
    'messages.send': { messageId: number };
    'media.download': { messageId: number };
    'tickets.mark-read': { ticketId: number };
  }
}

/** 2 s doubling: the last try is about 8 minutes after the first. */
export const SEND_RETRY_LIMIT = 8;
const MEDIA_RETRY_LIMIT = 6;
/** After a timeout, how long a receipt carrying our key may take before we conclude Meta never got the send. */
const UNCERTAIN_WAIT_MS = 60_000;

interface SendRow {
  id: number;
  company_id: number;
  connection_id: number;
  contact_id: number;
  type: string;
  body: string;
  payload: Record<string, unknown> | null;
  media_path: string | null;
  media_mime: string | null;
  media_name: string | null;
  client_ref: string;
  status: string;
  external_id: string | null;
  uncertain_since: Date | null;
  wa_id: string | null;
  bsuid: string | null;
  quoted_external_id: string | null;
}

export interface MessageJobDeps {
  pool: pg.Pool;
  jobs: Jobs;
  runtime: ChannelRuntime;
  connections: ConnectionsService;
  messages: MessagesService;
  storage: Storage;
  logger: Logger;
}

class RetryLater extends Error {}

/** Registers the send, read-receipt and media queues; returns the same work for routed QR-connection jobs. */
export async function registerMessageJobs(deps: MessageJobDeps): Promise<NodeWork> {
  const { pool, runtime, messages, logger } = deps;
  const log = logger.child({ component: 'outbound' });

  const fail = async (row: { id: number; company_id: number }, code: string, message: string) => {
    await pool.query(
      `update messages set status = 'failed', error_code = $2, error_message = $3, status_at = now() where id = $1 and status = 'pending'`,
      [row.id, code, message],
    );
    await messages.publish(Number(row.company_id), Number(row.id), 'message.updated');
  };

  const connectionOf = (companyId: number, connectionId: number) => deps.connections.getRow(companyId, connectionId).catch(() => undefined);

  async function buildOutbound(row: SendRow, connection: typeof connections.$inferSelect, to: string): Promise<OutboundMessage> {
    const base = { to, ...(row.quoted_external_id && { replyToExternalId: row.quoted_external_id }) };
    if (row.type === 'text') return { ...base, kind: 'text', body: row.body, previewUrl: /https?:\/\//.test(row.body) };
    if (row.type === 'reaction') {
      const reaction = row.payload?.reaction as { targetExternalId: string; emoji: string };
      return { ...base, kind: 'reaction', targetExternalId: reaction.targetExternalId, emoji: reaction.emoji };
    }
    if (row.type === 'template') {
      const template = row.payload?.template as { name: string; language: string; components: TemplateComponent[] };
      return { ...base, kind: 'template', name: template.name, language: template.language, components: template.components };
    }
    if (!row.media_path || !row.media_mime)
      throw new ChannelError({ code: 'MEDIA_MISSING', message: 'The file of this message is missing', retryable: false });
    const mediaKind = row.type as 'image' | 'video' | 'audio' | 'document' | 'sticker';
    if (connection.type === 'whatsapp_web') {
      // Baileys encrypts and uploads while sending: it takes the bytes, there is no upload step.
      const bytes = await deps.storage.read(row.media_path);
      if (!bytes) throw new ChannelError({ code: 'MEDIA_MISSING', message: 'The file of this message is missing', retryable: false });
      return {
        ...base,
        kind: 'media',
        mediaKind,
        bytes,
        mimeType: row.media_mime,
        ...(row.body && { caption: row.body }),
        ...(row.media_name && { fileName: row.media_name }),
        ...(row.payload?.voice === true && { voice: true }),
      };
    }
    let providerMediaId = row.payload?.providerMediaId as string | undefined;
    if (!providerMediaId) {
      const bytes = await deps.storage.read(row.media_path);
      if (!bytes) throw new ChannelError({ code: 'MEDIA_MISSING', message: 'The file of this message is missing', retryable: false });
      providerMediaId = await runtime.upload(connection, bytes, row.media_mime, row.media_name ?? `file.${extensionFor(row.media_mime)}`);
      // Remember the upload so a retry does not upload the same file again.
      await pool.query(
        `update messages set payload = coalesce(payload, '{}'::jsonb) || jsonb_build_object('providerMediaId', $2::text) where id = $1`,
        [row.id, providerMediaId],
      );
    }
    const captionAllowed = mediaKind !== 'audio' && mediaKind !== 'sticker';
    return {
      ...base,
      kind: 'media',
      mediaKind,
      providerMediaId,
      ...(captionAllowed && row.body && { caption: row.body }),
      ...(mediaKind === 'document' && row.media_name && { fileName: row.media_name }),
      ...(row.payload?.voice === true && { voice: true }),
    };
  }

  /** Work that needs another node's socket goes to that node's queue; this job is then done. */
  const forwarded = async (error: unknown, command: NodeCommand) => {
    if (!(error instanceof NotOwnerError)) return false;
    await runtime.whatsappWeb().forward(error.ownerNode, command);
    return true;
  };

  const performSend = async (messageId: number, job: { retryCount: number }) => {
    const { rows } = await pool.query<SendRow>(
      `select m.id, m.company_id, m.connection_id, m.contact_id, m.type, m.body, m.payload, m.media_path, m.media_mime, m.media_name,
              m.client_ref, m.status, m.external_id, m.uncertain_since, c.wa_id, c.bsuid, q.external_id as quoted_external_id
         from messages m join contacts c on c.id = m.contact_id left join messages q on q.id = m.quoted_message_id
        where m.id = $1`,
      [messageId],
    );
    const row = rows[0];
    if (!row || row.status !== 'pending' || row.external_id) return; // done, failed by hand, or linked by a receipt
    const finalTry = job.retryCount >= SEND_RETRY_LIMIT;
    const connection = await connectionOf(Number(row.company_id), Number(row.connection_id));
    if (!connection) return fail(row, 'CONNECTION_REMOVED', 'The connection of this conversation was removed');

    if (connection.type === 'webchat' && row.type === 'reaction') return; // the widget shows no reactions
    if (connection.type === 'webchat') {
      const media = row.media_path ? `/webchat/media/${row.id}` : null;
      const result = await runtime
        .webchatOutbox()
        .deliver(connection, Number(row.contact_id), {
          clientRef: row.client_ref,
          messageId: Number(row.id),
          type: row.type,
          body: row.body,
          mediaUrl: media,
          fileName: row.media_name,
        });
      await pool.query(`update messages set external_id = $2, status = $3, status_at = now() where id = $1 and status = 'pending'`, [
        row.id,
        result.externalId,
        result.delivered ? 'delivered' : 'sent',
      ]);
      await messages.publish(Number(row.company_id), Number(row.id), 'message.updated');
      return;
    }

    if (row.uncertain_since && Date.now() - new Date(row.uncertain_since).getTime() < UNCERTAIN_WAIT_MS) {
      if (finalTry) return fail(row, 'TIMEOUT_UNCERTAIN', 'WhatsApp did not answer; the message may or may not have been delivered');
      throw new RetryLater('waiting for a receipt of the timed-out send');
    }
    // WhatsApp Web can answer a hidden-number (@lid) user by that id; the Cloud API needs the number.
    const to = row.wa_id ?? (connection.type === 'whatsapp_web' && row.bsuid?.endsWith('@lid') ? row.bsuid : null);
    if (!to) return fail(row, 'NO_PHONE_NUMBER', 'This contact has no WhatsApp number (username only); start from a message of theirs');

    try {
      // Route before reading the file or counting an attempt: another node may hold the socket.
      if (connection.type === 'whatsapp_web') await runtime.whatsappWeb().ensureRunsHere(connection);
      const outbound = await buildOutbound(row, connection, to);
      await pool.query('update messages set send_attempts = send_attempts + 1 where id = $1', [row.id]);
      const { externalId } = await runtime.send(connection, { ...outbound, clientRef: row.client_ref } as OutboundMessage);
      await pool.query(
        `update messages set external_id = $2, status = case when status = 'pending' then 'sent' else status end, status_at = now(), uncertain_since = null
          where id = $1 and external_id is null`,
        [row.id, externalId],
      );
      await messages.applyParkedStatuses(Number(row.connection_id), externalId);
      await messages.publish(Number(row.company_id), Number(row.id), 'message.updated');
    } catch (error) {
      if (await forwarded(error, { op: 'send', messageId })) return;
      if (!(error instanceof ChannelError)) throw error;
      if (error.windowClosed)
        return fail(row, 'WINDOW_CLOSED', 'More than 24 hours since the customer last wrote: send a template instead');
      if (error.maybeDelivered) {
        await pool.query('update messages set uncertain_since = coalesce(uncertain_since, now()) where id = $1', [row.id]);
        if (finalTry) return fail(row, 'TIMEOUT_UNCERTAIN', 'WhatsApp did not answer; the message may or may not have been delivered');
        throw new RetryLater(`timed out; waiting for a receipt before sending again`);
      }
      if ((error.retryable || error.rateLimited) && !finalTry) {
        log.warn({ messageId, code: error.code, retryCount: job.retryCount }, 'send failed, will retry');
        throw error;
      }
      return fail(row, String(error.code), error.details ? `${error.message}: ${error.details}` : error.message);
    }
  };
  await deps.jobs.register('messages.send', ({ messageId }, job) => performSend(messageId, job), {
    retryLimit: SEND_RETRY_LIMIT,
    retryDelaySeconds: 2,
  });

  // Blue ticks for the customer: WhatsApp marks everything up to the given message as read.
  const performMarkRead = async (ticketId: number) => {
    const { rows } = await pool.query<{ company_id: number; connection_id: number; external_id: string; wa_id: string | null }>(
      `select m.company_id, m.connection_id, m.external_id, coalesce(c.wa_id, c.bsuid) as wa_id from messages m join contacts c on c.id = m.contact_id
        where m.ticket_id = $1 and m.direction = 'in' and m.external_id is not null and m.type <> 'reaction' order by m.id desc limit 1`,
      [ticketId],
    );
    const last = rows[0];
    if (!last) return;
    const connection = await connectionOf(Number(last.company_id), Number(last.connection_id));
    if (!connection) return;
    try {
      await runtime.markRead(connection, last.external_id, last.wa_id);
    } catch (error) {
      if (!(await forwarded(error, { op: 'read', ticketId }))) throw error;
    }
  };
  await deps.jobs.register('tickets.mark-read', ({ ticketId }) => performMarkRead(ticketId), { retryLimit: 3, retryDelaySeconds: 5 });

  const performMediaDownload = async (messageId: number, job: { retryCount: number }) => {
    const { rows } = await pool.query<{
      id: number;
      company_id: number;
      connection_id: number;
      media_state: string | null;
      media_mime: string | null;
      media_name: string | null;
      payload: Record<string, unknown> | null;
    }>('select id, company_id, connection_id, media_state, media_mime, media_name, payload from messages where id = $1', [messageId]);
    const row = rows[0];
    const providerId = row?.payload?.providerMediaId;
    if (!row || row.media_state !== 'pending' || typeof providerId !== 'string') return;
    const setState = async (sql: string, values: unknown[]) => {
      await pool.query(sql, values);
      await messages.publish(Number(row.company_id), Number(row.id), 'message.updated');
    };
    try {
      const connection = await connectionOf(Number(row.company_id), Number(row.connection_id));
      if (!connection) return setState(`update messages set media_state = 'failed' where id = $1`, [row.id]);
      const media = await runtime.download(connection, providerId);
      const stored = await deps.storage.put(Number(row.company_id), media.bytes, extensionFor(media.mimeType, row.media_name));
      await setState(`update messages set media_path = $2, media_mime = $3, media_size = $4, media_state = 'ready' where id = $1`, [
        row.id,
        stored.key,
        media.mimeType,
        stored.size,
      ]);
    } catch (error) {
      if (await forwarded(error, { op: 'media', messageId })) return;
      const retryable = !(error instanceof ChannelError) || error.retryable;
      if (retryable && job.retryCount < MEDIA_RETRY_LIMIT) throw error;
      log.warn({ messageId, err: error }, 'media download failed for good');
      await setState(`update messages set media_state = 'failed' where id = $1`, [row.id]);
    }
  };
  await deps.jobs.register('media.download', ({ messageId }, job) => performMediaDownload(messageId, job), {
    retryLimit: MEDIA_RETRY_LIMIT,
    retryDelaySeconds: 3,
  });

  return { send: performSend, media: performMediaDownload, read: performMarkRead };
}
