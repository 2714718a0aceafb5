/**
 * Narrowing helpers for provider JSON. Webhook bodies are untrusted and change without notice,
 * so parsers read them field by field instead of casting to an interface.
 */
export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Non-empty strings only: an empty id or name is as useless as a missing one. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Accepts numbers and numeric strings (Meta mixes both, e.g. timestamps vs. expiration_timestamp). */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** Meta timestamps are Unix seconds, usually as strings. */
export function unixSecondsToDate(value: unknown): Date | undefined {
  const seconds = asNumber(value);
  if (seconds === undefined || seconds < 0) return undefined;
  return new Date(seconds * 1000);
}

/** Copies only defined values so results compare cleanly with toEqual and carry no undefined keys. */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}
