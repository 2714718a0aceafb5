import type { SecretBox } from '../../infra/crypto.js';
import type { OutboundHttp } from '../../infra/outbound-http.js';
import type { TypebotIntegration } from './typebot-settings.js';

/** What the customer should receive from one Typebot answer, in order. */
export type TypebotOut = { kind: 'text'; text: string } | { kind: 'link'; url: string; media: 'image' | 'video' | 'audio' | 'embed' };

export interface TypebotChoice {
  id: string;
  content: string;
}

/** One startChat / continueChat answer, reduced to what the relay needs. */
interface TypebotTurn {
  sessionId: string | null;
  messages: TypebotOut[];
  /** A choice input's items, sent as a menu; empty for a free-text input. */
  choices: TypebotChoice[];
  /** No input expected any more: the bot reached its end. */
  ended: boolean;
}

export type TypebotCall =
  { ok: true; turn: TypebotTurn } | { ok: false; reason: 'disabled' | 'timeout' | 'provider' | 'invalid-response'; error: string };

export interface TypebotClient {
  start(settings: TypebotIntegration, prefilled: Record<string, string>): Promise<TypebotCall>;
  continue(settings: TypebotIntegration, sessionId: string, text: string): Promise<TypebotCall>;
}

/**
 * Typebot's public chat API (https://docs.typebot.io/api-reference/chat/start-chat and
 * …/continue-chat): `POST {base}/api/v1/typebots/{publicId}/startChat` answers a sessionId with the
 * first messages and the input it waits for; `POST {base}/api/v1/sessions/{sessionId}/continueChat`
 * takes the reply. Text bubbles are asked for as markdown, which reads as plain text on WhatsApp.
 */
export function createTypebotClient(deps: { http: OutboundHttp; box: SecretBox; timeoutMs: number }): TypebotClient {
  const call = async (settings: TypebotIntegration, path: string, body: unknown): Promise<TypebotCall> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (settings.apiTokenSealed) {
      try {
        headers.authorization = `Bearer ${deps.box.openText(settings.apiTokenSealed)}`;
      } catch {
        return {
          ok: false,
          reason: 'provider',
          error: 'the stored Typebot token cannot be decrypted (was APP_SECRET changed?); save it again',
        };
      }
    }
    const result = await deps.http.request({
      method: 'POST',
      url: `${settings.baseUrl.replace(/\/+$/, '')}${path}`,
      headers,
      body: JSON.stringify(body),
      timeoutMs: deps.timeoutMs,
    });
    if (!result.ok) {
      const timedOut = result.status === undefined && result.error.startsWith('timeout');
      return { ok: false, reason: timedOut ? 'timeout' : 'provider', error: `Typebot request failed: ${result.error}` };
    }
    const turn = parseTurn(result.data);
    return turn ? { ok: true, turn } : { ok: false, reason: 'invalid-response', error: 'Typebot answered in an unknown format' };
  };
  return {
    start: (settings, prefilled) =>
      call(settings, `/api/v1/typebots/${encodeURIComponent(settings.publicId)}/startChat`, {
        isStreamEnabled: false,
        textBubbleContentFormat: 'markdown',
        prefilledVariables: prefilled,
      }),
    continue: (settings, sessionId, text) =>
      call(settings, `/api/v1/sessions/${encodeURIComponent(sessionId)}/continueChat`, {
        message: { type: 'text', text },
        textBubbleContentFormat: 'markdown',
      }),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Typebot's answer as data; null when it is not a chat answer at all. Unknown bubble kinds are skipped. */
export function parseTurn(data: unknown): TypebotTurn | null {
  if (!isRecord(data) || !Array.isArray(data.messages)) return null;
  const messages: TypebotOut[] = [];
  for (const message of data.messages) {
    if (!isRecord(message) || !isRecord(message.content)) continue;
    const content = message.content;
    if (message.type === 'text') {
      const text = typeof content.markdown === 'string' ? content.markdown : richTextOf(content.richText);
      if (text.trim()) messages.push({ kind: 'text', text: text.trim() });
    } else if (
      (message.type === 'image' || message.type === 'video' || message.type === 'audio' || message.type === 'embed') &&
      typeof content.url === 'string'
    ) {
      messages.push({ kind: 'link', url: content.url, media: message.type });
    }
  }
  const input = isRecord(data.input) ? data.input : null;
  const choices: TypebotChoice[] = [];
  if (input && Array.isArray(input.items)) {
    for (const item of input.items) {
      if (!isRecord(item) || typeof item.id !== 'string') continue;
      // Buttons carry `content`; picture choices a `title`.
      const label = typeof item.content === 'string' ? item.content : typeof item.title === 'string' ? item.title : '';
      if (label.trim()) choices.push({ id: item.id, content: label.trim() });
    }
  }
  return { sessionId: typeof data.sessionId === 'string' ? data.sessionId : null, messages, choices, ended: input === null };
}

/** The text of a rich-text (Slate) bubble: its leaves joined, one line per block. */
function richTextOf(value: unknown): string {
  if (!Array.isArray(value)) return '';
  const textOf = (node: unknown): string => {
    if (!isRecord(node)) return '';
    if (typeof node.text === 'string') return node.text;
    return Array.isArray(node.children) ? node.children.map(textOf).join('') : '';
  };
  return value.map(textOf).join('\n');
}
