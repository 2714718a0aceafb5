/**
 * What a step asks the outside world to do, as plain data. The server's inbound runner applies
 * them in its transaction, in order; the builder's simulator shows them as events.
 */
export type MediaKind = 'image' | 'video' | 'audio' | 'document';
export type MediaSource = { libraryId: string } | { url: string };
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type EndReason = 'completed' | 'transfer' | 'closed' | 'goToFlow' | 'loop' | 'error';

export type Effect =
  | { type: 'sendText'; text: string; typingMs: number }
  | { type: 'sendMedia'; kind: MediaKind; source: MediaSource; caption?: string }
  /** The channel decides buttons, a list or numbered text; replies come back by id, number or text. */
  | { type: 'sendMenu'; text: string; options: Array<{ id: string; label: string }> }
  | { type: 'setTag'; tag: string }
  | { type: 'removeTag'; tag: string }
  | { type: 'setContactField'; field: string; value: string }
  | { type: 'setVariable'; name: string; value: string }
  /** Hands the ticket to a queue and/or an agent; always followed by `end`. */
  | { type: 'transfer'; queueId?: string; agentId?: string }
  | { type: 'closeTicket'; survey: boolean }
  | { type: 'startSurvey' }
  /** The server performs it behind its SSRF guard and answers with an `effectResult` event. */
  | {
      type: 'httpRequest';
      requestId: string;
      method: HttpMethod;
      url: string;
      headers: Record<string, string>;
      body?: string;
      timeoutMs: number;
    }
  | {
      type: 'aiRequest';
      requestId: string;
      systemPrompt: string;
      messages: Array<{ role: 'user' | 'assistant'; content: string }>;
    }
  /** A job that sends `{ type: 'timeout', token }` back after `delayMs`. */
  | { type: 'scheduleTimeout'; token: string; delayMs: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; nodeId?: string }
  /** Asks the runtime to start a session on another flow's published version. */
  | { type: 'goToFlow'; flowId: string }
  | { type: 'end'; reason: EndReason };
