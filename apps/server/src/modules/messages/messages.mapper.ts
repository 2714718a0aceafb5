import type { Message, MessageStatus, MessageType } from '@jimmy/contracts';
import { isMediaKind } from '@jimmy/channels';

export interface MessageRow {
  company_id: number;
  id: number;
  ticket_id: number;
  direction: 'in' | 'out';
  author: Message['author'];
  user_id: number | null;
  user_name: string | null;
  type: string;
  body: string;
  payload: Record<string, unknown> | null;
  media_path: string | null;
  media_mime: string | null;
  media_name: string | null;
  media_size: number | null;
  media_state: 'pending' | 'ready' | 'failed' | null;
  reactions: { emoji: string; by: 'customer' | 'agent' }[];
  external_id: string | null;
  status: MessageStatus;
  error_code: string | null;
  error_message: string | null;
  created_at: Date;
  edited_at: Date | null;
  quoted_id: number | null;
  quoted_body: string | null;
  quoted_type: string | null;
  quoted_direction: 'in' | 'out' | null;
}

export const selectMessage = `
  select m.company_id, m.id, m.ticket_id, m.direction, m.author, m.user_id, u.name as user_name, m.type, m.body, m.payload,
         m.media_path, m.media_mime, m.media_name, m.media_size, m.media_state, m.reactions, m.external_id,
         m.status, m.error_code, m.error_message, m.created_at, m.edited_at,
         q.id as quoted_id, q.body as quoted_body, q.type as quoted_type, q.direction as quoted_direction
    from messages m
    left join users u on u.id = m.user_id
    left join messages q on q.id = m.quoted_message_id`;

export function toMessageDto(row: MessageRow): Message {
  const isMedia = isMediaKind(row.type);
  return {
    id: Number(row.id),
    ticketId: Number(row.ticket_id),
    direction: row.direction,
    author: row.author,
    userId: row.user_id === null ? null : Number(row.user_id),
    userName: row.user_name,
    type: row.type as MessageType,
    body: row.body,
    status: row.status,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    externalId: row.external_id,
    ...(isMedia && {
      media: {
        url: row.media_state === 'ready' ? `/api/messages/${row.id}/media` : null,
        mimeType: row.media_mime,
        fileName: row.media_name,
        size: row.media_size,
        voice: row.payload?.voice === true,
        state: row.media_state ?? 'pending',
      },
    }),
    payload: row.payload ? publicPayload(row.payload) : null,
    quoted:
      row.quoted_id === null
        ? null
        : {
            id: Number(row.quoted_id),
            body: row.quoted_body ?? '',
            type: (row.quoted_type ?? 'text') as MessageType,
            direction: row.quoted_direction ?? 'in',
          },
    reactions: row.reactions ?? [],
    ...(row.type === 'note' && { editedAt: row.edited_at ? new Date(row.edited_at).toISOString() : null }),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Provider media ids and raw provider JSON stay on the server. */
function publicPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const { providerMediaId: _id, sha256: _sha, raw: _raw, ...rest } = payload;
  return rest;
}

/** The ticket list shows this one line for the last message. */
export function previewOf(body: string, fileName?: string | null): string {
  if (body) return body.slice(0, 200);
  if (fileName) return fileName.slice(0, 200);
  return '';
}
