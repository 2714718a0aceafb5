import { and, asc, eq, sql } from 'drizzle-orm';
import { isUniqueViolation, type Db } from '../../infra/db/index.js';
import { users } from '../../infra/db/schema.js';
import type { CompanyRole } from '@jimmy/contracts';

const userColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
  maxOpenTickets: users.maxOpenTickets,
  // Invited by e-mail and not accepted yet (modules/signup): the list shows it and offers to resend.
  // Spelled out: Drizzle may render ${users.id} unqualified, which inside the subquery would mean t.id.
  invitationPending: sql<boolean>`exists (select 1 from account_tokens t where t.user_id = "users"."id" and t.kind = 'invite' and t.used_at is null)`,
};

export type UserRow = {
  id: number;
  name: string;
  email: string;
  role: 'super_admin' | CompanyRole;
  active: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
  maxOpenTickets: number | null;
  invitationPending: boolean;
};

/** Postgres unique_violation on the email index: the race-safe way to learn an email is taken. */
export const isEmailTaken = (error: unknown): boolean => isUniqueViolation(error, 'users_email_unique');

export class UsersRepository {
  constructor(private readonly db: Db) {}

  list(companyId: number): Promise<UserRow[]> {
    return this.db.select(userColumns).from(users).where(eq(users.companyId, companyId)).orderBy(asc(users.name), asc(users.id));
  }

  async find(companyId: number, userId: number): Promise<UserRow | undefined> {
    const [row] = await this.db
      .select(userColumns)
      .from(users)
      .where(and(eq(users.companyId, companyId), eq(users.id, userId)));
    return row;
  }

  async insert(input: {
    companyId: number;
    name: string;
    email: string;
    role: CompanyRole | 'super_admin';
    passwordHash: string;
    maxOpenTickets?: number | null;
  }): Promise<UserRow> {
    const [row] = await this.db.insert(users).values(input).returning(userColumns);
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  async update(
    companyId: number,
    userId: number,
    patch: Partial<{
      name: string;
      email: string;
      role: CompanyRole;
      active: boolean;
      passwordHash: string;
      maxOpenTickets: number | null;
    }>,
  ): Promise<UserRow | undefined> {
    const [row] = await this.db
      .update(users)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(users.companyId, companyId), eq(users.id, userId)))
      .returning(userColumns);
    return row;
  }

  async countActiveAdmins(companyId: number): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(and(eq(users.companyId, companyId), eq(users.active, true), sql`${users.role} in ('admin','super_admin')`));
    return row?.n ?? 0;
  }
}
