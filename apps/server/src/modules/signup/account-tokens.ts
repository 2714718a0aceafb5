import { randomToken, sha256Hex } from '../../infra/crypto.js';
import type { Queryable } from '../../infra/db/index.js';

export type AccountTokenKind = 'verify_email' | 'reset_password' | 'invite';

/** How long each link works: long enough to find the mail, short enough that an old inbox opens nothing. */
export const TOKEN_TTL_MS: Record<AccountTokenKind, number> = {
  verify_email: 48 * 3_600_000,
  reset_password: 3_600_000,
  invite: 7 * 86_400_000,
};

/**
 * One-time links (account_tokens): only the SHA-256 of a token is stored, so a database dump opens
 * no account. A new link of a kind retires the user's older ones, so only the latest mail works.
 */
export const accountTokens = {
  async issue(q: Queryable, companyId: number, userId: number, kind: AccountTokenKind): Promise<string> {
    await q.query(
      `update account_tokens set used_at = now()
        where company_id = $1 and user_id = $2 and kind = $3 and used_at is null`,
      [companyId, userId, kind],
    );
    const token = randomToken();
    await q.query(
      `insert into account_tokens (company_id, user_id, kind, token_hash, expires_at)
       values ($1, $2, $3, $4, now() + $5 * interval '1 millisecond')`,
      [companyId, userId, kind, sha256Hex(token), TOKEN_TTL_MS[kind]],
    );
    return token;
  },

  /** Marks a live token used and names its user; null when it is unknown, used or expired (one caller wins a race). */
  async consume(q: Queryable, kind: AccountTokenKind, token: string): Promise<{ companyId: number; userId: number } | null> {
    const { rows } = await q.query<{ company_id: string; user_id: string }>(
      `update account_tokens set used_at = now()
        where token_hash = $1 and kind = $2 and used_at is null and expires_at > now()
        returning company_id, user_id`,
      [sha256Hex(token), kind],
    );
    const row = rows[0];
    return row ? { companyId: Number(row.company_id), userId: Number(row.user_id) } : null;
  },

  /** The other links of a user that a proven mailbox makes pointless (an invitation once a password is set). */
  async retire(q: Queryable, companyId: number, userId: number, kinds: readonly AccountTokenKind[]): Promise<void> {
    await q.query(
      `update account_tokens set used_at = now()
        where company_id = $1 and user_id = $2 and kind = any($3::text[]) and used_at is null`,
      [companyId, userId, [...kinds]],
    );
  },
};
