import type pg from 'pg';
import type { AiSettings, UpdateAiSettingsRequest } from '@jimmy/contracts';
import type { SecretBox } from '../../infra/crypto.js';
import { withTransaction } from '../../infra/db/index.js';
import { invalid } from '../../infra/errors.js';
import type { AuthContext } from '../auth/index.js';
import { recordAudit } from '../audit/index.js';
import { findAiIntegration, saveAiIntegration } from './ai-settings.repository.js';

/** The company's AI endpoint for AI nodes and the console's assist actions. The key is sealed at rest and never leaves through the API. */
export class AiSettingsService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly box: SecretBox,
  ) {}

  /** Empty strings until an admin configures it. */
  async get(companyId: number): Promise<AiSettings> {
    const row = await findAiIntegration(this.pool, companyId);
    return {
      baseUrl: row?.baseUrl ?? '',
      model: row?.model ?? '',
      hasApiKey: Boolean(row?.apiKeySealed),
      enabled: row?.enabled ?? false,
      suggestReply: row?.suggestReply ?? true,
      summarize: row?.summarize ?? true,
    };
  }

  async update(auth: AuthContext, input: UpdateAiSettingsRequest): Promise<AiSettings> {
    // The outbound client refuses other schemes anyway; saying so here puts the error on the field.
    if (!/^https?:\/\//i.test(input.baseUrl)) throw invalid({ baseUrl: 'must start with http:// or https://' });
    await withTransaction(this.pool, async (client) => {
      await saveAiIntegration(client, auth.companyId, {
        baseUrl: input.baseUrl,
        model: input.model,
        ...(input.apiKey !== undefined && { apiKeySealed: input.apiKey === null ? null : this.box.seal(input.apiKey) }),
        ...(input.enabled !== undefined && { enabled: input.enabled }),
        ...(input.suggestReply !== undefined && { suggestReply: input.suggestReply }),
        ...(input.summarize !== undefined && { summarize: input.summarize }),
      });
      await recordAudit(client, {
        companyId: auth.companyId,
        actorUserId: auth.userId,
        action: 'ai-settings.updated',
        targetType: 'company',
        targetId: auth.companyId,
        // Never the key itself: only whether it changed.
        data: {
          baseUrl: input.baseUrl,
          model: input.model,
          apiKey: input.apiKey === undefined ? 'kept' : input.apiKey === null ? 'removed' : 'replaced',
          ...(input.enabled !== undefined && { enabled: input.enabled }),
          ...(input.suggestReply !== undefined && { suggestReply: input.suggestReply }),
          ...(input.summarize !== undefined && { summarize: input.summarize }),
        },
      });
    });
    return this.get(auth.companyId);
  }
}
