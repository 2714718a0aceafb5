import type pg from 'pg';
import type { TypebotSettings, UpdateTypebotSettingsRequest } from '@jimmy/contracts';
import type { SecretBox } from '../../infra/crypto.js';
import { withTransaction, type Queryable } from '../../infra/db/index.js';
import { invalid } from '../../infra/errors.js';
import type { AuthContext } from '../auth/index.js';
import { recordAudit } from '../audit/index.js';

export interface TypebotIntegration {
  baseUrl: string;
  publicId: string;
  /** SecretBox-sealed; null for a public bot. */
  apiTokenSealed: string | null;
  enabled: boolean;
}

export async function findTypebotIntegration(q: Queryable, companyId: number): Promise<TypebotIntegration | undefined> {
  const { rows } = await q.query<{ base_url: string; public_id: string; api_token_sealed: string | null; enabled: boolean }>(
    'select base_url, public_id, api_token_sealed, enabled from typebot_integrations where company_id = $1',
    [companyId],
  );
  const row = rows[0];
  return row && { baseUrl: row.base_url, publicId: row.public_id, apiTokenSealed: row.api_token_sealed, enabled: row.enabled };
}

/** The company's Typebot settings (admin). The token is sealed at rest and never leaves through the API. */
export class TypebotSettingsService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly box: SecretBox,
  ) {}

  async get(companyId: number): Promise<TypebotSettings> {
    const row = await findTypebotIntegration(this.pool, companyId);
    return {
      baseUrl: row?.baseUrl ?? '',
      publicId: row?.publicId ?? '',
      hasApiToken: Boolean(row?.apiTokenSealed),
      enabled: row?.enabled ?? false,
    };
  }

  async update(auth: AuthContext, input: UpdateTypebotSettingsRequest): Promise<TypebotSettings> {
    if (!/^https?:\/\//i.test(input.baseUrl)) throw invalid({ baseUrl: 'must start with http:// or https://' });
    const keepToken = input.apiToken === undefined;
    const sealed = input.apiToken ? this.box.seal(input.apiToken) : null;
    await withTransaction(this.pool, async (client) => {
      await client.query(
        `insert into typebot_integrations (company_id, base_url, public_id, api_token_sealed, enabled) values ($1, $2, $3, $4, $6)
         on conflict (company_id) do update set base_url = excluded.base_url, public_id = excluded.public_id, enabled = excluded.enabled,
           api_token_sealed = case when $5 then typebot_integrations.api_token_sealed else excluded.api_token_sealed end, updated_at = now()`,
        [auth.companyId, input.baseUrl.replace(/\/+$/, ''), input.publicId, sealed, keepToken, input.enabled],
      );
      await recordAudit(client, {
        companyId: auth.companyId,
        actorUserId: auth.userId,
        action: 'typebot-settings.updated',
        targetType: 'company',
        targetId: auth.companyId,
        // Never the token itself: only whether it changed.
        data: {
          baseUrl: input.baseUrl,
          publicId: input.publicId,
          enabled: input.enabled,
          apiToken: keepToken ? 'kept' : input.apiToken === null ? 'removed' : 'replaced',
        },
      });
    });
    return this.get(auth.companyId);
  }
}
