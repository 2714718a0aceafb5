import type { Queryable } from '../../infra/db/index.js';
import type { SecretBox } from '../../infra/crypto.js';
import type { OutboundHttp } from '../../infra/outbound-http.js';
import { findAiIntegration } from './ai-settings.repository.js';

interface AiCompletionRequest {
  systemPrompt: string;
  messages: Array<{ role: 'user' | 'assistant'; content: string }>;
}

/** Why a completion failed, so the console can say what to fix (settings, the provider, or wait). */
export type AiFailure = 'not-configured' | 'disabled' | 'timeout' | 'provider' | 'invalid-response';

type AiCompletionResult = { ok: true; text: string } | { ok: false; error: string; reason: AiFailure };

/** An AI node's (and the simulator's) call to the company's OpenAI-compatible endpoint. Never throws for the endpoint's failures. */
export interface AiClient {
  /**
   * `q`: the transaction's client when the caller holds one (the embedded database has a single
   * connection, so reading through the pool from inside a transaction would wait forever).
   */
  complete(companyId: number, req: AiCompletionRequest, q?: Queryable): Promise<AiCompletionResult>;
}

export interface AiClientDeps {
  pool: Queryable;
  box: SecretBox;
  http: OutboundHttp;
  /** Models answer slowly; a flow still must not hang on one. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function createAiClient(deps: AiClientDeps): AiClient {
  return {
    async complete(companyId, req, q = deps.pool) {
      const integration = await findAiIntegration(q, companyId);
      if (!integration) return { ok: false, error: 'AI integration not configured', reason: 'not-configured' };
      // Switched off by an admin: nothing leaves the server, whoever asks (AI nodes, the console).
      if (!integration.enabled) return { ok: false, error: 'AI integration is turned off', reason: 'disabled' };
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (integration.apiKeySealed) {
        try {
          headers.authorization = `Bearer ${deps.box.openText(integration.apiKeySealed)}`;
        } catch {
          return {
            ok: false,
            error: 'the stored AI key cannot be decrypted (was APP_SECRET changed?); save it again',
            reason: 'not-configured',
          };
        }
      }
      const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      // https://platform.openai.com/docs/api-reference/chat/create: the request every compatible server accepts.
      const result = await deps.http.request({
        method: 'POST',
        url: `${integration.baseUrl.replace(/\/+$/, '')}/chat/completions`,
        headers,
        body: JSON.stringify({
          model: integration.model,
          messages: [{ role: 'system', content: req.systemPrompt }, ...req.messages],
        }),
        timeoutMs,
      });
      if (!result.ok) {
        const reason = result.status === undefined && result.error.startsWith('timeout') ? 'timeout' : 'provider';
        return { ok: false, error: `AI request failed: ${result.error}`, reason };
      }
      const text = answerOf(result.data);
      return text === null
        ? { ok: false, error: 'AI response has no choices[0].message.content', reason: 'invalid-response' }
        : { ok: true, text };
    },
  };
}

function answerOf(data: unknown): string | null {
  const parsed = typeof data === 'string' ? safeJson(data) : data;
  if (!isRecord(parsed) || !Array.isArray(parsed.choices)) return null;
  const first: unknown = parsed.choices[0];
  if (!isRecord(first) || !isRecord(first.message)) return null;
  const content = first.message.content;
  return typeof content === 'string' ? content : null;
}

// Some compatible servers answer JSON with a text/plain content type.
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
