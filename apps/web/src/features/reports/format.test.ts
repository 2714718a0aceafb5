import { describe, expect, it } from 'vitest';
import { bucketLabel, formatDuration, formatPercent } from './format.js';
import { filtersFromSearch, filtersToParams } from './reportFilters.js';

describe('formatDuration', () => {
  it('says durations with at most two units', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(44_600)).toBe('45 s');
    expect(formatDuration(200_000)).toBe('3 min 20 s');
    expect(formatDuration(180_000)).toBe('3 min');
    expect(formatDuration((2 * 60 + 5) * 60_000 + 30_000)).toBe('2 h 05 min');
    expect(formatDuration((3 * 24 + 4) * 3_600_000 + 59 * 60_000)).toBe('3 d 4 h');
  });
});

describe('formatPercent', () => {
  it('has no value without a whole', () => {
    expect(formatPercent(1, 0, 'en')).toBe('—');
    expect(formatPercent(1, 4, 'en')).toBe('25%');
  });
});

describe('bucketLabel', () => {
  it('labels buckets in the company zone', () => {
    // 03:00 UTC is midnight in São Paulo (UTC-3, no DST since 2019).
    expect(bucketLabel('2026-03-10T03:00:00.000Z', 'day', 'America/Sao_Paulo', 'pt-BR')).toBe('10/03');
    expect(bucketLabel('2026-03-10T15:00:00.000Z', 'hour', 'America/Sao_Paulo', 'pt-BR')).toBe('12:00');
  });
});

describe('report filters in the address bar', () => {
  it('round-trips and refuses what it cannot read', () => {
    const filters = filtersFromSearch(new URLSearchParams('period=custom&from=2026-01-01&to=2026-01-31&queueId=3&tagId=x'));
    expect(filters).toEqual({
      period: 'custom',
      from: '2026-01-01',
      to: '2026-01-31',
      queueId: 3,
      userId: null,
      connectionId: null,
      tagId: null,
    });
    expect(filtersToParams(filters).toString()).toBe('period=custom&from=2026-01-01&to=2026-01-31&queueId=3');
    expect(filtersFromSearch(new URLSearchParams('period=custom&from=2026-02-01&to=2026-01-01')).period).toBe('7d');
    expect(filtersFromSearch(new URLSearchParams('period=year')).period).toBe('7d');
  });
});
