export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
// Building a formatter costs far more than formatting; flows run in a handful of zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// The wall clock changes once a minute: a step loop over many sessions asks for the same minute again and again.
const lastByZone = new Map<string, { minute: number; time: LocalTime }>();

/** The wall-clock parts of `epochMs` in `timeZone` (e.g. "America/Sao_Paulo"). */
export function localTime(epochMs: number, timeZone: string): LocalTime {
  const minute = Math.floor(epochMs / 60_000);
  const last = lastByZone.get(timeZone);
  if (last?.minute === minute) return { ...last.time };
  const time = computeLocalTime(epochMs, timeZone);
  lastByZone.set(timeZone, { minute, time });
  return { ...time };
}

function computeLocalTime(epochMs: number, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, part.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

const pad = (value: number, length = 2): string => String(value).padStart(length, '0');

export const formatDate = (time: LocalTime): string => `${pad(time.day)}/${pad(time.month)}/${pad(time.year, 4)}`;
export const formatTime = (time: LocalTime): string => `${pad(time.hour)}:${pad(time.minute)}`;
