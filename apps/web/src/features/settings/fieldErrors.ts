/** Field errors keyed by the server's dotted path (`hours.schedule.weekly.mon.0.end`), in the user's language. */
export type FieldErrors = Record<string, string>;

/** The errors under `prefix`, re-keyed without it, so a nested editor can read its own paths. */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) if (path.startsWith(prefix)) out[path.slice(prefix.length)] = message;
  return out;
}
