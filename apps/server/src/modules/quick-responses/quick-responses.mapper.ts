import type { QuickResponse } from '@jimmy/contracts';
import type { AttachmentRow, QuickResponseRow } from './quick-responses.repository.js';

const iso = (d: Date | string) => new Date(d).toISOString();

export function toQuickResponseDto(row: QuickResponseRow, attachments: AttachmentRow[], editable: boolean): QuickResponse {
  return {
    id: Number(row.id),
    shortcut: row.shortcut,
    body: row.body,
    scope: row.scope,
    queueId: row.queue_id === null ? null : Number(row.queue_id),
    userId: row.user_id === null ? null : Number(row.user_id),
    editable,
    attachments: attachments.map((a) => ({
      id: Number(a.id),
      position: a.position,
      kind: a.kind,
      asVoice: a.as_voice,
      fileName: a.media_name,
      mimeType: a.media_mime,
      size: a.media_size,
      url: a.media_path && a.kind !== 'contact' ? `/api/quick-responses/${row.id}/attachments/${a.id}/file` : null,
      contact: a.contact
        ? { name: a.contact.name, phone: a.contact.phone, ...(a.contact.contactId && { contactId: Number(a.contact.contactId) }) }
        : null,
    })),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
