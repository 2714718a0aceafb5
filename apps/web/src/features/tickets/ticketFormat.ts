import type { TFunction } from 'i18next';
import type { MessageType, Ticket } from '@jimmy/contracts';

/** One line of plain text for list rows and notifications; media without a caption gets its kind. */
export function messagePreview(type: MessageType, body: string, t: TFunction): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text && type !== 'unsupported') return text;
  return t(`tickets.types.${type}`);
}

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

export function isSameDay(a: string, b: string): boolean {
  return startOfDay(new Date(a)) === startOfDay(new Date(b));
}

export function dayLabel(iso: string, language: string, t: TFunction): string {
  const date = new Date(iso);
  const days = Math.round((startOfDay(new Date()) - startOfDay(date)) / 86_400_000);
  if (days === 0) return t('tickets.day.today');
  if (days === 1) return t('tickets.day.yesterday');
  const sameYear = date.getFullYear() === new Date().getFullYear();
  return new Intl.DateTimeFormat(language, {
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
    weekday: days < 7 ? 'long' : undefined,
  }).format(date);
}

export function timeOfDay(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** Compact list time: "14:05" today, "Ontem" yesterday, a short date before that. */
export function listTime(iso: string, language: string, t: TFunction): string {
  const date = new Date(iso);
  const days = Math.round((startOfDay(new Date()) - startOfDay(date)) / 86_400_000);
  if (days === 0) return timeOfDay(iso, language);
  if (days === 1) return t('tickets.day.yesterday');
  if (days < 7) return new Intl.DateTimeFormat(language, { weekday: 'short' }).format(date);
  return new Intl.DateTimeFormat(language, { day: '2-digit', month: '2-digit', year: '2-digit' }).format(date);
}

/** WhatsApp Cloud only accepts free-form messages within 24 h of the customer's last message. */
export function windowClosed(ticket: Ticket, now = Date.now()): boolean {
  if (ticket.connectionType !== 'whatsapp_cloud') return false;
  return ticket.windowExpiresAt === null || Date.parse(ticket.windowExpiresAt) <= now;
}

export function formatBytes(size: number | null): string {
  if (size === null) return '';
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(0)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
