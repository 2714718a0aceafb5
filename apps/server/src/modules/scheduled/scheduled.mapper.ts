import type { ScheduledMessage } from '@jimmy/contracts';
import type { ScheduledRow } from './scheduled.repository.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toScheduledDto(row: ScheduledRow): ScheduledMessage {
  return {
    id: Number(row.id),
    ticketId: row.ticket_id === null ? null : Number(row.ticket_id),
    contact: { id: Number(row.contact_id), name: row.contact_name },
    connectionId: Number(row.connection_id),
    createdBy: row.created_by === null ? null : { id: Number(row.created_by), name: row.creator_name ?? '' },
    body: row.body,
    media: row.media_path ? { fileName: row.media_name, mimeType: row.media_mime, size: row.media_size } : null,
    template: row.template,
    sendAt: iso(row.send_at)!,
    // The anchor is how occurrences are counted, not something the agent chose.
    repeat: row.repeat
      ? {
          every: row.repeat.every,
          ...(row.repeat.times !== undefined && { times: row.repeat.times }),
          ...(row.repeat.until !== undefined && { until: row.repeat.until }),
        }
      : null,
    occurrence: row.occurrence,
    status: row.status,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    sentMessageId: row.sent_message_id === null ? null : Number(row.sent_message_id),
    sentAt: iso(row.sent_at),
    createdAt: iso(row.created_at)!,
  };
}
