/**
 * Durations as people say them: "45 s", "3 min 20 s", "2 h 05 min", "3 d 4 h". Two units at most:
 * a p90 of "1 h 12 min 33 s" reads slower and says nothing more.
 */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const seconds = Math.round(Math.max(0, ms) / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    const rest = seconds % 60;
    return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest ? `${hours} h ${String(rest).padStart(2, '0')} min` : `${hours} h`;
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? `${days} d ${rest} h` : `${days} d`;
}

export function formatNumber(value: number, language: string, digits = 0): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

export function formatPercent(part: number, whole: number, language: string): string {
  if (whole <= 0) return '—';
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(part / whole);
}

/** A bucket's label on a chart axis, in the company's zone: hours for "today", days otherwise. */
export function bucketLabel(iso: string, bucket: 'hour' | 'day', timeZone: string, language: string): string {
  const options: Intl.DateTimeFormatOptions =
    bucket === 'hour' ? { hour: '2-digit', minute: '2-digit', timeZone } : { day: '2-digit', month: '2-digit', timeZone };
  try {
    return new Intl.DateTimeFormat(language, options).format(new Date(iso));
  } catch {
    // An unknown zone name: the reader's zone is better than no chart.
    const { timeZone: _unused, ...local } = options;
    return new Intl.DateTimeFormat(language, local).format(new Date(iso));
  }
}

/** Bytes received so far, for a download whose size the server does not announce (streamed). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
