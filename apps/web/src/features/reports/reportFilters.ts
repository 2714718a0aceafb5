import { periods, type Period, type ReportFilters } from './types.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const idKeys = ['queueId', 'userId', 'connectionId', 'tagId'] as const;

function positiveInt(value: string | null): number | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

/** The filters as the address bar holds them; anything unreadable falls back to the default (7 days). */
export function filtersFromSearch(search: URLSearchParams): ReportFilters {
  const raw = search.get('period');
  let period: Period = periods.includes(raw as Period) ? (raw as Period) : '7d';
  const from = search.get('from');
  const to = search.get('to');
  const validRange = from !== null && to !== null && DAY.test(from) && DAY.test(to) && from <= to;
  if (period === 'custom' && !validRange) period = '7d';
  return {
    period,
    from: period === 'custom' ? from : null,
    to: period === 'custom' ? to : null,
    queueId: positiveInt(search.get('queueId')),
    userId: positiveInt(search.get('userId')),
    connectionId: positiveInt(search.get('connectionId')),
    tagId: positiveInt(search.get('tagId')),
  };
}

/** The API query string of the filters (also what exports and the address bar carry). */
export function filtersToParams(filters: ReportFilters): URLSearchParams {
  const params = new URLSearchParams();
  params.set('period', filters.period);
  if (filters.period === 'custom' && filters.from && filters.to) {
    params.set('from', filters.from);
    params.set('to', filters.to);
  }
  for (const key of idKeys) {
    const value = filters[key];
    if (value !== null) params.set(key, String(value));
  }
  return params;
}

/** Writes the filters into an existing search (keeping unrelated keys such as the tab). */
export function writeFilters(search: URLSearchParams, filters: ReportFilters): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const key of ['period', 'from', 'to', ...idKeys]) next.delete(key);
  for (const [key, value] of filtersToParams(filters)) next.set(key, value);
  return next;
}
