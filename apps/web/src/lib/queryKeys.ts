/**
 * Every react-query key of the console, one factory per resource. Pages, realtime handlers and
 * mutations all go through these, so an event that touches a ticket, a contact or a connection
 * reaches every cached copy of it (list, detail, contact history, contact page).
 */

export type TicketTab = 'open' | 'pending' | 'closed' | 'all';

export interface TicketFilters {
  q: string;
  queueId: number | null;
  connectionId: number | null;
  userId: number | null;
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

export const userKeys = {
  all: ['users'] as const,
  list: () => [...userKeys.all, 'list'] as const,
};
