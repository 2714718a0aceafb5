/**
 * The integrator's guide on the API docs page (`/api/docs`, the OpenAPI document's front page):
 * a developer should get from a token to verified webhooks and a mapped form from that page alone.
 * The Node verifier is the one docs/webhooks.md prints and the webhook tests run; a test keeps the
 * two identical.
 */
const VERIFY_NODE_SNIPPET = `import { createHmac, timingSafeEqual } from 'node:crypto';

// rawBody: the request body exactly as received (Buffer or string); header: X-Jimmy-Signature.
export function verifyJimmySignature(rawBody, header, secret, toleranceSeconds = 300) {
  const parts = Object.fromEntries(
    String(header)
      .split(',')
      .map((part) => part.trim().split('=')),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(\`\${t}.\`).update(rawBody).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
`;

const VERIFY_PYTHON_SNIPPET = `import hashlib, hmac, time

def verify_jimmy_signature(raw_body: bytes, header: str, secret: str, tolerance_seconds: int = 300) -> bool:
    parts = dict(p.strip().split("=", 1) for p in header.split(",") if "=" in p)
    try:
        t = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - t) > tolerance_seconds:
        return False
    expected = hmac.new(secret.encode(), f"{t}.".encode() + raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts.get("v1", ""))

# Flask:
# @app.post("/jimmy")
# def jimmy():
#     if not verify_jimmy_signature(request.get_data(), request.headers.get("X-Jimmy-Signature", ""), SECRET):
#         abort(401)
#     event = request.get_json(); ...; return "", 204
`;

export const developerGuide = [
  'Multi-tenant WhatsApp helpdesk. Authenticate with the session cookie or `Authorization: Bearer <accessToken>` from POST /api/auth/login.',
  '## Integrators: API tokens and the public API v1',
  'Use the routes tagged **public API v1** with `Authorization: Bearer <API token>`, created by an admin on Integrações → API; each route names the scope it needs. ' +
    'Send an `Idempotency-Key` header on POSTs to retry safely (the same key and body within 24 h returns the first answer; another body answers 422). ' +
    'Each token has a per-minute limit (429 with `Retry-After`). Errors: `{ "error": { "code", "message", "fields"? } }`.',
  '## Receiving events: outbound webhooks',
  'Subscribe with `POST /api/webhook-subscriptions` `{ "url", "events": [ … ] }` (admins, or a token with `webhooks:manage`); the answer carries the secret once. ' +
    'Each event is a `POST` with `X-Jimmy-Event`, `X-Jimmy-Delivery` (unique per delivery) and `X-Jimmy-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`; ' +
    'body `{ "id", "event", "createdAt", "companyId", "data" }`. Answer 2xx within 10 s; failures are retried with backoff for 24 h, in order per ticket. ' +
    'Verify the signature over the raw body and refuse old timestamps.',
  'Node:\n\n```js\n' + VERIFY_NODE_SNIPPET + '```',
  'Python:\n\n```python\n' + VERIFY_PYTHON_SNIPPET + '```',
  '## Website forms: inbound lead webhooks',
  'An admin creates a form hook on Integrações → Formulários and gets its URL. `POST /hooks/leads/<key>` with JSON or form data answers 202 `{ "contactId", "ticketId"? }`; ' +
    'a bad payload answers 4xx naming the field, and every request is logged for the mapping screen and replay.',
].join('\n\n');
