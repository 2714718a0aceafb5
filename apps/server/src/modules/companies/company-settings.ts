import { companySettingsSchema, type CompanySettings } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';

/**
 * The company's settings with every default filled in. A stored section that no longer validates
 * (an older shape) falls back to its defaults rather than breaking routing for the whole company.
 */
function parseCompanySettings(stored: unknown): CompanySettings {
  const parsed = companySettingsSchema.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  const sections = (stored ?? {}) as Record<string, unknown>;
  const fallback = companySettingsSchema.parse({});
  for (const key of Object.keys(fallback) as (keyof CompanySettings)[]) {
    const one = companySettingsSchema.shape[key].safeParse(sections[key]);
    if (one.success) Object.assign(fallback, { [key]: one.data });
  }
  return fallback;
}

/** Settings from a `companies` row (`settings`, `timezone`) read by the caller, defaults filled in. */
export function companySettingsFrom(row: { settings: unknown; timezone: string } | undefined): CompanySettings & { timezone: string } {
  return { ...parseCompanySettings(row?.settings), timezone: row?.timezone ?? 'America/Sao_Paulo' };
}

/** Reads settings through the caller's `q`, so code holding a transaction never waits for the pool. */
export async function companySettingsOf(q: Queryable, companyId: number): Promise<CompanySettings & { timezone: string }> {
  const { rows } = await q.query<{ settings: unknown; timezone: string }>('select settings, timezone from companies where id = $1', [
    companyId,
  ]);
  return companySettingsFrom(rows[0]);
}
