/**
 * Every react-query key of the console, one factory per resource. Pages, realtime handlers and
 * mutations all go through these, so an event that touches a ticket, a contact or a connection
 * reaches every cached copy of it (list, detail, contact history, contact page).
 */

/** `bot`: conversations still with the menu or a flow (managers only). */
export type TicketTab = 'open' | 'pending' | 'bot' | 'closed' | 'all';

export interface TicketFilters {
  q: string;
  queueId: number | null;
  connectionId: number | null;
  userId: number | null;
  /** Tickets with any (or all, by tagMode) of these tags. */
  tagIds: number[];
  tagMode: 'any' | 'all';
}

export interface TicketListParams extends TicketFilters {
  tab: TicketTab;
}

export const ticketKeys = {
  all: ['tickets'] as const,
  lists: () => [...ticketKeys.all, 'list'] as const,
  list: (params: TicketListParams) => [...ticketKeys.lists(), params] as const,
  details: () => [...ticketKeys.all, 'detail'] as const,
  detail: (id: number) => [...ticketKeys.details(), id] as const,
  messages: (id: number) => [...ticketKeys.all, 'messages', id] as const,
  /** `version`: the ticket's updatedAt, so any change of the ticket refetches its timeline. */
  events: (id: number, version: string) => [...ticketKeys.all, 'events', id, version] as const,
  templates: (connectionId: number) => [...ticketKeys.all, 'templates', connectionId] as const,
};

export const contactKeys = {
  all: ['contacts'] as const,
  lists: () => [...contactKeys.all, 'list'] as const,
  list: (q: string) => [...contactKeys.lists(), q] as const,
  detail: (id: number) => [...contactKeys.all, 'detail', id] as const,
  histories: () => [...contactKeys.all, 'history'] as const,
  history: (id: number) => [...contactKeys.histories(), id] as const,
};

export const connectionKeys = {
  all: ['connections'] as const,
  list: () => [...connectionKeys.all, 'list'] as const,
};

export const queueKeys = {
  all: ['queues'] as const,
  list: () => [...queueKeys.all, 'list'] as const,
};

export const flowKeys = {
  all: ['flows'] as const,
  list: () => [...flowKeys.all, 'list'] as const,
  detail: (id: number) => [...flowKeys.all, 'detail', id] as const,
  versions: (id: number) => [...flowKeys.all, 'versions', id] as const,
  analytics: (id: number, days: number) => [...flowKeys.all, 'analytics', id, days] as const,
  media: () => [...flowKeys.all, 'media'] as const,
};

export const userKeys = {
  all: ['users'] as const,
  list: () => [...userKeys.all, 'list'] as const,
  availability: () => [...userKeys.all, 'availability'] as const,
};

/** The company's settings (GET /api/settings): the settings page, and the close dialog's survey default. */
export const settingsKeys = {
  all: ['settings'] as const,
};
