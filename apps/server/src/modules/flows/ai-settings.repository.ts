import type { Queryable } from '../../infra/db/index.js';

interface AiIntegrationRow {
  baseUrl: string;
  model: string;
  /** SecretBox-sealed; null when the endpoint needs no key (a self-hosted model). */
  apiKeySealed: string | null;
}

/** The company's one row in ai_integrations. */
export async function findAiIntegration(q: Queryable, companyId: number): Promise<AiIntegrationRow | undefined> {
  const { rows } = await q.query<{ base_url: string; model: string; api_key_sealed: string | null }>(
    'select base_url, model, api_key_sealed from ai_integrations where company_id = $1',
    [companyId],
  );
  const row = rows[0];
  return row && { baseUrl: row.base_url, model: row.model, apiKeySealed: row.api_key_sealed };
}

/** `apiKeySealed` undefined keeps the stored key; null removes it. */
export async function saveAiIntegration(
  q: Queryable,
  companyId: number,
  values: { baseUrl: string; model: string; apiKeySealed?: string | null },
): Promise<void> {
  const keepKey = values.apiKeySealed === undefined;
  await q.query(
    `insert into ai_integrations (company_id, base_url, model, api_key_sealed) values ($1, $2, $3, $4)
     on conflict (company_id) do update set base_url = excluded.base_url, model = excluded.model,
       api_key_sealed = case when $5 then ai_integrations.api_key_sealed else excluded.api_key_sealed end, updated_at = now()`,
    [companyId, values.baseUrl, values.model, values.apiKeySealed ?? null, keepKey],
  );
}
