/** Billing periods are whole UTC days, a month long: 2026-01-31 → 2026-02-28 → 2026-03-28 (the day is clamped, never rolled over). */
export function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function addMonth(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const nextMonthIndex = month; // 0-based index of the following month
  const lastDay = new Date(Date.UTC(year, nextMonthIndex + 1, 0)).getUTCDate();
  return utcDate(new Date(Date.UTC(year, nextMonthIndex, Math.min(day, lastDay))));
}

export function startOfUtcDay(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}
