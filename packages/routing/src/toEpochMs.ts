/** Callers pass `now` as a Date or epoch milliseconds; the package never reads the clock. */
export type Instant = Date | number;

export function toEpochMs(instant: Instant): number {
  return typeof instant === 'number' ? instant : instant.getTime();
}
