import { asObject } from '../jsonReaders.js';

export interface HandshakeAnswer {
  status: 200 | 400 | 403;
  body: string;
}

/** Meta sends a numeric challenge; echoing only a plain token keeps this from reflecting markup. */
const SAFE_CHALLENGE = /^[A-Za-z0-9._-]{1,256}$/;

/**
 * Answers Meta's GET subscription check: `hub.mode=subscribe`, `hub.verify_token`, `hub.challenge`.
 * The token lookup is injected because each tenant connection has its own verify token.
 */
export async function answerHandshake(
  query: Record<string, unknown>,
  isKnownToken: (token: string) => boolean | Promise<boolean>,
): Promise<HandshakeAnswer> {
  const mode = readParam(query, 'mode');
  const token = readParam(query, 'verify_token');
  const challenge = readParam(query, 'challenge');

  if (mode !== 'subscribe' || token === undefined || challenge === undefined) {
    return { status: 400, body: 'Bad Request' };
  }
  if (!SAFE_CHALLENGE.test(challenge)) return { status: 400, body: 'Bad Request' };
  if (!(await isKnownToken(token))) return { status: 403, body: 'Forbidden' };
  return { status: 200, body: challenge };
}

/** Flat parsers give `hub.mode`; `qs`-style parsers nest it as `hub: { mode }`; repeats give arrays. */
function readParam(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[`hub.${name}`] ?? asObject(query['hub'])?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.length > 0 ? first : undefined;
}
