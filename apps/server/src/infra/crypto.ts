import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** Separate keys per purpose, all derived from APP_SECRET, so one leaked key never opens the others. */
function deriveKey(appSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', appSecret, 'jimmy-chat', purpose, 32));
}

export function sha256Hex(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const left = Buffer.isBuffer(a) ? a : Buffer.from(a);
  const right = Buffer.isBuffer(b) ? b : Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface AccessTokenClaims {
  /** session id */
  sid: string;
  /** user id */
  uid: number;
  /** company id */
  cid: number;
  /** expiry, unix seconds */
  exp: number;
}

/** A compact HMAC-signed token: base64url(claims).base64url(mac). Claims are not secret, only unforgeable. */
export class TokenSigner {
  private readonly key: Buffer;
  constructor(appSecret: string) {
    this.key = deriveKey(appSecret, 'access-token');
  }

  sign(claims: AccessTokenClaims): string {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): AccessTokenClaims | null {
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined || !safeEqual(mac, this.mac(payload))) return null;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<AccessTokenClaims>;
      if (
        typeof claims.sid !== 'string' ||
        typeof claims.uid !== 'number' ||
        typeof claims.cid !== 'number' ||
        typeof claims.exp !== 'number' ||
        claims.exp <= nowSeconds
      ) {
        return null;
      }
      return claims as AccessTokenClaims;
    } catch {
      return null;
    }
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

/**
 * Unforgeable links for someone without a session (a web-chat visitor opening a file we sent): the
 * MAC of the link's subject under a key of its own purpose, so a leaked link opens that one thing only.
 */
export class LinkSigner {
  private readonly key: Buffer;
  constructor(appSecret: string, purpose: string) {
    this.key = deriveKey(appSecret, `link:${purpose}`);
  }

  sign(subject: string): string {
    return createHmac('sha256', this.key).update(subject).digest('base64url').slice(0, 32);
  }

  verify(subject: string, signature: string): boolean {
    return safeEqual(signature, this.sign(subject));
  }
}

/** AES-256-GCM for provider secrets at rest. Format: v1.<iv>.<tag>.<ciphertext>, all base64url. */
export class SecretBox {
  private readonly key: Buffer;
  constructor(appSecret: string) {
    this.key = deriveKey(appSecret, 'data-encryption');
  }

  seal(plaintext: string | Buffer): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  open(sealed: string): Buffer {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unrecognised sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  }

  openText(sealed: string): string {
    return this.open(sealed).toString('utf8');
  }
}
