import type { CompanyRole } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';

/** What the e-mail flows need to know about the owner of an address, whatever their company. */
export interface AccountRow {
  id: number;
  companyId: number;
  name: string;
  email: string;
  language: 'pt-BR' | 'en';
  active: boolean;
  emailVerified: boolean;
  invitationPending: boolean;
}

/**
 * A password hash no argon2 verify accepts: an invited user cannot sign in with anything until they
 * choose a password through the invitation link.
 */
const NO_PASSWORD = '!invited';

const accountColumns = `u.id, u.company_id, u.name, u.email, u.language, u.active, u.email_verified,
  exists (select 1 from account_tokens t where t.user_id = u.id and t.kind = 'invite' and t.used_at is null) as invitation_pending`;

interface Row {
  id: string;
  company_id: string;
  name: string;
  email: string;
  language: 'pt-BR' | 'en';
  active: boolean;
  email_verified: boolean;
  invitation_pending: boolean;
}

const toAccount = (r: Row): AccountRow => ({
  id: Number(r.id),
  companyId: Number(r.company_id),
  name: r.name,
  email: r.email,
  language: r.language,
  active: r.active,
  emailVerified: r.email_verified,
  invitationPending: r.invitation_pending,
});

/** SQL of sign-up, verification, resets and invitations; every write names the company as well as the user. */
export const accountsRepository = {
  async byEmail(q: Queryable, email: string): Promise<AccountRow | undefined> {
    const { rows } = await q.query<Row>(`select ${accountColumns} from users u where lower(u.email) = lower($1)`, [email]);
    return rows[0] && toAccount(rows[0]);
  },

  async byId(q: Queryable, companyId: number, userId: number): Promise<AccountRow | undefined> {
    const { rows } = await q.query<Row>(`select ${accountColumns} from users u where u.company_id = $1 and u.id = $2`, [companyId, userId]);
    return rows[0] && toAccount(rows[0]);
  },

  async markVerified(q: Queryable, companyId: number, userId: number): Promise<void> {
    await q.query('update users set email_verified = true, updated_at = now() where company_id = $1 and id = $2', [companyId, userId]);
  },

  /** Whoever sets a password from a mailed link has proven the mailbox too. */
  async setPassword(q: Queryable, companyId: number, userId: number, passwordHash: string): Promise<void> {
    await q.query('update users set password_hash = $3, email_verified = true, updated_at = now() where company_id = $1 and id = $2', [
      companyId,
      userId,
      passwordHash,
    ]);
  },

  async insertInvited(q: Queryable, input: { companyId: number; name: string; email: string; role: CompanyRole }): Promise<number> {
    const { rows } = await q.query<{ id: string }>(
      `insert into users (company_id, name, email, role, password_hash, email_verified)
       values ($1, $2, lower($3), $4, $5, false) returning id`,
      [input.companyId, input.name, input.email, input.role, NO_PASSWORD],
    );
    return Number(rows[0]?.id);
  },

  async existingQueues(q: Queryable, companyId: number, queueIds: readonly number[]): Promise<number[]> {
    if (queueIds.length === 0) return [];
    const { rows } = await q.query<{ id: string }>('select id from queues where company_id = $1 and id = any($2::bigint[])', [
      companyId,
      [...queueIds],
    ]);
    return rows.map((r) => Number(r.id));
  },

  async joinQueues(q: Queryable, companyId: number, userId: number, queueIds: readonly number[]): Promise<void> {
    if (queueIds.length === 0) return;
    await q.query(`insert into user_queues (company_id, user_id, queue_id) select $1, $2, unnest($3::bigint[]) on conflict do nothing`, [
      companyId,
      userId,
      [...queueIds],
    ]);
  },

  async companyName(q: Queryable, companyId: number): Promise<string> {
    const { rows } = await q.query<{ name: string }>('select name from companies where id = $1', [companyId]);
    return rows[0]?.name ?? '';
  },
};
