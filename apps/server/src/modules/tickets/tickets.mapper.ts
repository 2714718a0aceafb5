import type { MessageType, Ticket, TicketStatus } from '@jimmy/contracts';

/** WhatsApp allows free-form replies for 24 hours after the customer's last message. */
const WINDOW_MS = 24 * 60 * 60 * 1000;

export interface TicketRow {
  id: number;
  status: TicketStatus;
  contact_id: number;
  contact_name: string;
  contact_phone: string | null;
  contact_avatar_url: string | null;
  connection_id: number;
  connection_type: 'whatsapp_cloud' | 'whatsapp_web' | 'webchat';
  queue_id: number | null;
  user_id: number | null;
  unread_count: number;
  last_message_at: Date;
  last_message_body: string | null;
  last_message_type: string | null;
  last_message_direction: 'in' | 'out' | null;
  last_inbound_at: Date | null;
  first_response_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  callback: 'requested' | 'surfaced' | null;
  survey: { score: number | null; comment: string | null } | null;
  tags: { id: number | string; name: string; color: string }[] | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toTicketDto(row: TicketRow): Ticket {
  const hasWindow = row.connection_type === 'whatsapp_cloud';
  return {
    id: Number(row.id),
    status: row.status,
    contact: { id: Number(row.contact_id), name: row.contact_name, phone: row.contact_phone, avatarUrl: row.contact_avatar_url },
    connectionId: Number(row.connection_id),
    connectionType: row.connection_type,
    queueId: row.queue_id === null ? null : Number(row.queue_id),
    userId: row.user_id === null ? null : Number(row.user_id),
    lastMessage:
      row.last_message_type && row.last_message_direction
        ? {
            body: row.last_message_body ?? '',
            type: row.last_message_type as MessageType,
            direction: row.last_message_direction,
            at: iso(row.last_message_at)!,
          }
        : null,
    unreadCount: row.unread_count,
    windowExpiresAt: hasWindow && row.last_inbound_at ? new Date(new Date(row.last_inbound_at).getTime() + WINDOW_MS).toISOString() : null,
    firstResponseAt: iso(row.first_response_at),
    closedAt: iso(row.closed_at),
    callback: row.callback ?? null,
    survey: row.survey ?? null,
    tags: (row.tags ?? []).map((tag) => ({ id: Number(tag.id), name: tag.name, color: tag.color })),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

/** Newest activity first; the cursor is the (last_message_at, id) of the last row shown. */
export function encodeCursor(row: { last_message_at: Date; id: number }): string {
  return Buffer.from(`${new Date(row.last_message_at).toISOString()}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: number } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = at ? new Date(at) : null;
  const numericId = Number(id);
  if (!date || Number.isNaN(date.getTime()) || !Number.isSafeInteger(numericId)) return null;
  return { at: date, id: numericId };
}
