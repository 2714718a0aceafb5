import { IANAZone } from 'luxon';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

function offsetAt(timeZone: string, epochMs: number): number {
  // IANAZone.create caches per zone; asking the zone skips building a DateTime per call.
  return IANAZone.create(timeZone).offset(epochMs);
}

/**
 * The instant at which the clock of `timeZone` shows `wallMs` (a local date-time read as if UTC).
 *
 * Around a DST change a wall time can happen twice (clocks go back) or never (clocks jump
 * forward). A range should cover every instant whose wall time lies inside it, so its start takes
 * the `first` occurrence and its end the `last` one; a wall time that never happens resolves to the
 * moment the clock jumps over it, i.e. the first instant whose wall time is later.
 */
export function localTimeToInstant(timeZone: string, wallMs: number, pick: 'first' | 'last'): number {
  const before = offsetAt(timeZone, wallMs - DAY_MS);
  const after = offsetAt(timeZone, wallMs + DAY_MS);
  const occurrences = [...new Set([before, after])]
    .map((offset) => wallMs - offset * MINUTE_MS)
    .filter((instant) => offsetAt(timeZone, instant) * MINUTE_MS === wallMs - instant);
  if (occurrences.length > 0) return pick === 'first' ? Math.min(...occurrences) : Math.max(...occurrences);
  if (after <= before) return wallMs - before * MINUTE_MS;

  // Skipped wall time: the jump lies between these two instants; find it to the millisecond.
  let low = wallMs - after * MINUTE_MS;
  let high = wallMs - before * MINUTE_MS;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(timeZone, middle) === before) low = middle;
    else high = middle;
  }
  return high;
}
