/**
 * The reports' HTTP shapes (REPORTS-API contract). Typed here, beside the page, because the
 * aggregated routes are built in another module; the server's zod schemas are the authority.
 */
export type Period = 'today' | '7d' | '30d' | '90d' | 'custom';
export const periods: readonly Period[] = ['today', '7d', '30d', '90d', 'custom'];

export interface ReportFilters {
  period: Period;
  /** YYYY-MM-DD, inclusive local days; only with `custom`. */
  from: string | null;
  to: string | null;
  queueId: number | null;
  userId: number | null;
  connectionId: number | null;
  tagId: number | null;
}

interface DurationStats {
  count: number;
  p50Ms: number | null;
  p90Ms: number | null;
}

export type DurationKey = 'firstResponse' | 'queueWait' | 'handling' | 'resolution' | 'callbackDelay';

export interface Overview {
  range: { from: string; to: string; timeZone: string; bucket: 'hour' | 'day' };
  totals: {
    ticketsOpened: number;
    ticketsClosed: number;
    ticketsReopened: number;
    pendingNow: number;
    messagesIn: number;
    messagesOut: number;
    botContained: number;
    transfers: number;
    callbacksRequested: number;
    callbacksDone: number;
  };
  durations: Record<DurationKey, DurationStats>;
  series: { at: string; opened: number; closed: number; pending: number; messagesIn: number; messagesOut: number }[];
  heatmap: { weekday: number; hour: number; messagesIn: number }[];
  csat: {
    count: number;
    average: number | null;
    distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
    trend: { at: string; count: number; average: number | null }[];
  };
}

export interface AgentRow {
  userId: number;
  name: string;
  ticketsClosed: number;
  ticketsAssigned: number;
  firstResponse: DurationStats;
  handling: DurationStats;
  csatAverage: number | null;
  csatCount: number;
  onlineSeconds: number;
  messagesOut: number;
}

export interface QueueRow {
  queueId: number | null;
  name: string;
  ticketsOpened: number;
  ticketsClosed: number;
  queueWait: DurationStats;
  firstResponse: DurationStats;
  resolution: DurationStats;
  csatAverage: number | null;
  csatCount: number;
}

export interface SurveyComment {
  ticketId: number;
  score: number;
  comment: string;
  answeredAt: string;
  userId: number | null;
  userName: string | null;
  queueId: number | null;
  queueName: string | null;
  contactName: string | null;
}

export interface RecomputeResult {
  date: string;
  drift: { key: string; field: string; stored: number; recomputed: number }[];
  rowsRewritten: number;
}

export interface LiveReport {
  queues: { queueId: number | null; name: string; color: string | null; waiting: number; oldestWaitingSince: string | null }[];
  agents: { userId: number; name: string; status: 'online' | 'away' | 'offline'; openTickets: number; capacity: number | null }[];
}

export type ExportTable = 'agents' | 'queues' | 'survey-comments' | 'series';
