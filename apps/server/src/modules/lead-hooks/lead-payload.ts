/**
 * Reading what a form or an automation tool posted: the body as an object, and a value by path.
 * Pure functions: the route, replay and the tests share them.
 */

export type ParsedBody = { ok: true; payload: Record<string, unknown> } | { ok: false; code: string; message: string; status: number };

const MAX_FORM_DEPTH = 5;

/** JSON must be an object; a form body becomes one, `contact[phone]=…` nesting like PHP and Rails read it. */
export function parseBody(contentType: string | undefined, raw: string): ParsedBody {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return { ok: true, payload: parseForm(raw) };
  if (type === 'application/json' || type.endsWith('+json') || (type === '' && raw.trim().startsWith('{'))) {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      return { ok: false, status: 400, code: 'INVALID_JSON', message: `The request body is not valid JSON: ${(error as Error).message}` };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { ok: false, status: 400, code: 'LEAD_PAYLOAD_INVALID', message: 'The JSON body must be an object with the lead’s fields' };
    return { ok: true, payload: value as Record<string, unknown> };
  }
  return {
    ok: false,
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the lead as application/json or application/x-www-form-urlencoded',
  };
}

function parseForm(raw: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const segments = formSegments(key);
    let node: Record<string, unknown> = root;
    segments.slice(0, -1).forEach((segment) => {
      const next = node[segment];
      if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next as Record<string, unknown>;
      else node = node[segment] = {};
    });
    const last = segments.at(-1)!;
    const existing = node[last];
    // `tags[]=a&tags[]=b` and a repeated `tags=a&tags=b` are both lists.
    if (key.endsWith('[]') || existing !== undefined) {
      node[last] = Array.isArray(existing) ? [...(existing as unknown[]), value] : existing === undefined ? [value] : [existing, value];
    } else node[last] = value;
  }
  return root;
}

function formSegments(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(key);
  if (!match) return [key];
  const inner = [...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!).filter((s) => s !== '');
  return [match[1]!, ...inner].slice(0, MAX_FORM_DEPTH);
}

/** `lead.contact.phone`, `items[0].phone` and `items.0.phone`; a key that itself holds dots is found first. */
function valueAt(payload: unknown, path: string): unknown {
  if (typeof payload === 'object' && payload !== null && !Array.isArray(payload) && path in payload)
    return (payload as Record<string, unknown>)[path];
  const segments = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  let node: unknown = payload;
  for (const segment of segments) {
    if (Array.isArray(node) && /^\d+$/.test(segment)) node = node[Number(segment)];
    else if (typeof node === 'object' && node !== null && !Array.isArray(node)) node = (node as Record<string, unknown>)[segment];
    else return undefined;
  }
  return node;
}

/** A leaf as text: strings trimmed, numbers and booleans written out; lists and objects are not text. */
export function textAt(payload: unknown, path: string | null): string {
  if (!path) return '';
  const value = valueAt(payload, path);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** Tag names from a list or from text separated by commas (or |), de-duplicated ignoring case. */
export function tagNamesAt(payload: unknown, path: string | null): string[] {
  if (!path) return [];
  const value = valueAt(payload, path);
  const parts = Array.isArray(value)
    ? value.map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : ''))
    : [textAt(payload, path)];
  const names = new Map<string, string>();
  for (const part of parts.flatMap((p) => p.split(/[,|]/))) {
    const name = part.trim().slice(0, 50);
    if (name && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  return [...names.values()].slice(0, 20);
}
