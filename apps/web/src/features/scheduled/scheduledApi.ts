import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ScheduledMessage } from '@jimmy/contracts';
import { api, ApiError, refreshSession } from '../../lib/api.js';
import { emitSessionExpired } from '../../lib/session.js';
import { ticketKeys } from '../../lib/queryKeys.js';
import { useRealtimeSocket } from '../realtime/index.js';

export type ScheduledStatus = ScheduledMessage['status'];
export type RepeatInput = { every: 'day' | 'week' | 'month'; times?: number; until?: string };
export type TemplateInput = { name: string; language: string; components: Record<string, unknown>[] };

export interface ScheduledFilter {
  status?: ScheduledStatus | undefined;
  ticketId?: number | undefined;
  q?: string | undefined;
  /** ISO 8601 with offset. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface ScheduleRequest {
  body: string;
  sendAt: string;
  repeat: RepeatInput | null;
  template: TemplateInput | null;
}

export const scheduledKeys = {
  all: ['scheduled'] as const,
  list: (filter: ScheduledFilter) => [...scheduledKeys.all, 'list', filter] as const,
};

const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';

export function useScheduledList(filter: ScheduledFilter, enabled = true) {
  return useQuery({
    queryKey: scheduledKeys.list(filter),
    enabled,
    queryFn: ({ signal }) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== '') params.set(key, String(value));
      return api<{ items: ScheduledMessage[] }>(`/api/scheduled-messages?${params.toString()}`, { signal }).then((r) => r.items);
    },
  });
}

/**
 * The company's time zone from its settings. Until the settings route exists (or when the role may
 * not read it) the product default is the answer, which is also every new company's zone.
 */
export function useCompanyTimeZone(): string {
  const settings = useQuery({
    queryKey: ['settings', 'timezone'],
    queryFn: ({ signal }) => api<{ timezone?: string }>('/api/settings', { signal }).then((s) => s.timezone ?? DEFAULT_TIME_ZONE),
    retry: false,
    staleTime: 10 * 60_000,
  });
  return settings.data ?? DEFAULT_TIME_ZONE;
}

/** Any change to a scheduled message refreshes every list of them (they are short). */
export function useScheduledRealtime(): void {
  const qc = useQueryClient();
  const socket = useRealtimeSocket();
  useEffect(() => {
    if (!socket) return;
    const refresh = () => void qc.invalidateQueries({ queryKey: scheduledKeys.all });
    socket.on('scheduled.updated', refresh);
    socket.io.on('reconnect', refresh);
    return () => {
      socket.off('scheduled.updated', refresh);
      socket.io.off('reconnect', refresh);
    };
  }, [socket, qc]);
}

async function postForm<T>(path: string, form: FormData): Promise<T> {
  const go = () => fetch(path, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } });
  let response = await go().catch(() => {
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message: 'network error' });
  });
  if (response.status === 401) {
    if (!(await refreshSession())) emitSessionExpired();
    else response = await go();
  }
  const body = (await response.json().catch(() => null)) as
    (T & { error?: undefined }) | { error?: { code: string; message: string; fields?: Record<string, string> } } | null;
  if (response.ok) return body as T;
  const error = body?.error;
  throw new ApiError({
    code: error?.code ?? 'UNKNOWN',
    status: response.status,
    message: error?.message ?? response.statusText,
    ...(error?.fields && { fields: error.fields }),
  });
}

/** Schedules in a conversation; with a file the request is multipart (JSON fields as strings). */
export function scheduleInTicket(ticketId: number, input: ScheduleRequest, file: File | null): Promise<ScheduledMessage> {
  if (!file) return api<ScheduledMessage>(`/api/tickets/${ticketId}/scheduled-messages`, { method: 'POST', body: input });
  const form = new FormData();
  form.append('body', input.body);
  form.append('sendAt', input.sendAt);
  if (input.repeat) form.append('repeat', JSON.stringify(input.repeat));
  if (input.template) form.append('template', JSON.stringify(input.template));
  form.append('file', file, file.name);
  return postForm<ScheduledMessage>(`/api/tickets/${ticketId}/scheduled-messages`, form);
}

export function updateScheduled(id: number, patch: Partial<ScheduleRequest> & { status?: 'scheduled' }): Promise<ScheduledMessage> {
  return api<ScheduledMessage>(`/api/scheduled-messages/${id}`, { method: 'PATCH', body: patch });
}

export function cancelScheduled(id: number): Promise<ScheduledMessage> {
  return api<ScheduledMessage>(`/api/scheduled-messages/${id}`, { method: 'DELETE' });
}

export interface WhatsAppTemplate {
  name: string;
  language: string;
  status: string;
  components: { type: string; text?: string }[];
}

/** The connection's templates (shares the console's cache of them). */
export function useTemplates(connectionId: number, enabled: boolean) {
  return useQuery({
    queryKey: ticketKeys.templates(connectionId),
    enabled,
    queryFn: ({ signal }) =>
      api<{ items: WhatsAppTemplate[] }>(`/api/connections/${connectionId}/templates`, { signal }).then((r) => r.items),
    retry: false,
  });
}
