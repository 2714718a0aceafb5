import type { Queryable } from '../../infra/db/index.js';

interface AiIntegrationRow {
  baseUrl: string;
  model: string;
  /** SecretBox-sealed; null when the endpoint needs no key (a self-hosted model). */
  apiKeySealed: string | null;
  enabled: boolean;
  suggestReply: boolean;
  summarize: boolean;
}

type AiIntegrationDbRow = {
  base_url: string;
  model: string;
  api_key_sealed: string | null;
  enabled: boolean;
  suggest_reply: boolean;
  summarize: boolean;
};

/** The company's one row in ai_integrations. */
export async function findAiIntegration(q: Queryable, companyId: number): Promise<AiIntegrationRow | undefined> {
  const { rows } = await q.query<AiIntegrationDbRow>(
    'select base_url, model, api_key_sealed, enabled, suggest_reply, summarize from ai_integrations where company_id = $1',
    [companyId],
  );
  const row = rows[0];
  return (
    row && {
      baseUrl: row.base_url,
      model: row.model,
      apiKeySealed: row.api_key_sealed,
      enabled: row.enabled,
      suggestReply: row.suggest_reply,
      summarize: row.summarize,
    }
  );
}

/** `apiKeySealed` undefined keeps the stored key; null removes it. An omitted switch keeps its value (on for a new row). */
export async function saveAiIntegration(
  q: Queryable,
  companyId: number,
  values: { baseUrl: string; model: string; apiKeySealed?: string | null; enabled?: boolean; suggestReply?: boolean; summarize?: boolean },
): Promise<void> {
  const keepKey = values.apiKeySealed === undefined;
  await q.query(
    `insert into ai_integrations (company_id, base_url, model, api_key_sealed, enabled, suggest_reply, summarize)
     values ($1, $2, $3, $4, coalesce($6, true), coalesce($7, true), coalesce($8, true))
     on conflict (company_id) do update set base_url = excluded.base_url, model = excluded.model,
       api_key_sealed = case when $5 then ai_integrations.api_key_sealed else excluded.api_key_sealed end,
       enabled = coalesce($6, ai_integrations.enabled),
       suggest_reply = coalesce($7, ai_integrations.suggest_reply),
       summarize = coalesce($8, ai_integrations.summarize),
       updated_at = now()`,
    [
      companyId,
      values.baseUrl,
      values.model,
      values.apiKeySealed ?? null,
      keepKey,
      values.enabled ?? null,
      values.suggestReply ?? null,
      values.summarize ?? null,
    ],
  );
}
