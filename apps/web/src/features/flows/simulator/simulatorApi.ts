import type { Effect } from '@jimmy/flow-engine';
import { api, isApiError } from '../../../lib/api.js';
import type { RequestResult } from './simulation.js';

type HttpEffect = Extract<Effect, { type: 'httpRequest' }>;
type AiEffect = Extract<Effect, { type: 'aiRequest' }>;

/** The server could not be asked at all (offline, signed out…): nothing to step, the user may retry or mock. */
export class SimulatorUnavailable extends Error {
  constructor(override readonly cause: unknown) {
    super('simulator request failed');
  }
}

// A 4xx about the request itself (an URL the template left invalid…) is what the runtime would
// meet too: it becomes the node's error edge. Anything else is the simulator's own trouble.
async function ask<T>(path: string, body: unknown): Promise<T | RequestResult> {
  try {
    return await api<T>(path, { method: 'POST', body });
  } catch (err) {
    if (isApiError(err) && (err.status === 400 || err.status === 422)) return { ok: false, error: err.message || err.code };
    throw new SimulatorUnavailable(err);
  }
}

/** POST /api/flows/simulate/http: the server makes the call behind the same SSRF guard as the runtime. */
export async function simulateHttp(effect: HttpEffect): Promise<RequestResult> {
  const body: Record<string, unknown> = { method: effect.method, url: effect.url, headers: effect.headers, timeoutMs: effect.timeoutMs };
  if (effect.body !== undefined) body['body'] = effect.body;
  return ask<RequestResult>('/api/flows/simulate/http', body);
}

type AiAnswer = { ok: true; text: string } | { ok: false; error: string };

/** POST /api/flows/simulate/ai with the company's AI settings; the AI node reads `{ text }` as its data. */
export async function simulateAi(effect: AiEffect): Promise<RequestResult> {
  const answer = await ask<AiAnswer | RequestResult>('/api/flows/simulate/ai', {
    systemPrompt: effect.systemPrompt,
    messages: effect.messages,
  });
  if (!answer.ok) return answer;
  return 'text' in answer ? { ok: true, data: { text: answer.text } } : answer;
}
