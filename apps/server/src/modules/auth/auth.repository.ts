import { and, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../infra/db/index.js';
import type { CompanyStatus } from '@jimmy/contracts';
import { companies, plans, refreshTokens, sessions, users } from '../../infra/db/schema.js';

const sessionUserColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  companyId: users.companyId,
  companyName: companies.name,
  language: users.language,
  theme: users.theme,
  notificationsEnabled: users.notificationsEnabled,
  companyStatus: companies.status,
  trialEndsAt: companies.trialEndsAt,
  planId: plans.id,
  planName: plans.name,
};

interface SessionUserRow {
  companyId: number;
  companyName: string;
  companyStatus: CompanyStatus;
  trialEndsAt: Date | null;
  planId: number | null;
  planName: string | null;
  impersonatorId?: number | null;
  impersonatorName?: string | null;
  impersonatorEmail?: string | null;
}

/** The platform operator behind a support session (sessions.impersonator_user_id). */
const impersonators = alias(users, 'impersonator');

/** The session's user with its company's standing (GET /api/me's `company`), from one joined row. */
function toSessionUser<R extends SessionUserRow>(row: R) {
  const { companyStatus, trialEndsAt, planId, planName, impersonatorId, impersonatorName, impersonatorEmail, ...rest } = row;
  return {
    ...rest,
    impersonator: impersonatorId && impersonatorName && impersonatorEmail ? { name: impersonatorName, email: impersonatorEmail } : null,
    company: {
      id: row.companyId,
      name: row.companyName,
      status: companyStatus,
      trialEndsAt: trialEndsAt?.toISOString() ?? null,
      plan: planId === null || planName === null ? null : { id: planId, name: planName },
    },
  };
}

export class AuthRepository {
  constructor(private readonly db: Db) {}

  async findLoginCandidate(email: string) {
    const [row] = await this.db
      .select({
        ...sessionUserColumns,
        passwordHash: users.passwordHash,
        active: users.active,
        companyActive: companies.active,
        emailVerified: users.emailVerified,
      })
      .from(users)
      .innerJoin(companies, eq(companies.id, users.companyId))
      .leftJoin(plans, eq(plans.id, companies.planId))
      .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
      .limit(1);
    return row && toSessionUser(row);
  }

  /** An active, verified user of an active, unsuspended company, as a session would see them. */
  async findSignInUser(companyId: number, userId: number) {
    const [row] = await this.db
      .select(sessionUserColumns)
      .from(users)
      .innerJoin(companies, eq(companies.id, users.companyId))
      .leftJoin(plans, eq(plans.id, companies.planId))
      .where(
        and(
          eq(users.companyId, companyId),
          eq(users.id, userId),
          eq(users.active, true),
          eq(users.emailVerified, true),
          eq(companies.active, true),
          sql`${companies.status} <> 'suspended'`,
        ),
      );
    return row && toSessionUser(row);
  }

  async findPasswordHash(companyId: number, userId: number) {
    const [row] = await this.db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(and(eq(users.companyId, companyId), eq(users.id, userId)));
    return row?.passwordHash;
  }

  async createSession(input: {
    id: string;
    companyId: number;
    userId: number;
    userAgent: string | null;
    ip: string | null;
    expiresAt: Date;
    refreshTokenHash: string;
    impersonatorUserId?: number | null;
  }) {
    await this.db.transaction(async (tx) => {
      await tx.insert(sessions).values({
        id: input.id,
        companyId: input.companyId,
        userId: input.userId,
        userAgent: input.userAgent,
        ip: input.ip,
        expiresAt: input.expiresAt,
        impersonatorUserId: input.impersonatorUserId ?? null,
      });
      await tx.insert(refreshTokens).values({ companyId: input.companyId, sessionId: input.id, tokenHash: input.refreshTokenHash });
      // An operator's support sign-in is not the user's own visit.
      if (!input.impersonatorUserId) await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, input.userId));
    });
  }

  async findRefreshToken(tokenHash: string) {
    const [row] = await this.db
      .select({
        tokenId: refreshTokens.id,
        usedAt: refreshTokens.usedAt,
        sessionId: sessions.id,
        companyId: sessions.companyId,
        userId: sessions.userId,
        expiresAt: sessions.expiresAt,
        revokedAt: sessions.revokedAt,
      })
      .from(refreshTokens)
      .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
      .where(eq(refreshTokens.tokenHash, tokenHash));
    return row;
  }

  /**
   * Marks the presented token used and stores its successor in one transaction. Returns false when
   * another request used it first (the conditional update matched nothing), so only one caller wins.
   */
  async rotateRefreshToken(tokenId: number, companyId: number, sessionId: string, nextHash: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const used = await tx
        .update(refreshTokens)
        .set({ usedAt: new Date() })
        .where(and(eq(refreshTokens.id, tokenId), isNull(refreshTokens.usedAt)))
        .returning({ id: refreshTokens.id });
      if (used.length === 0) return false;
      await tx.insert(refreshTokens).values({ companyId, sessionId, tokenHash: nextHash });
      return true;
    });
  }

  async revokeSession(sessionId: string, reason: string) {
    await this.db
      .update(sessions)
      .set({ revokedAt: new Date(), revokedReason: reason })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
  }

  async revokeUserSessions(companyId: number, userId: number, reason: string, exceptSessionId?: string) {
    const rows = await this.db
      .update(sessions)
      .set({ revokedAt: new Date(), revokedReason: reason })
      .where(
        and(
          eq(sessions.companyId, companyId),
          eq(sessions.userId, userId),
          isNull(sessions.revokedAt),
          exceptSessionId ? sql`${sessions.id} <> ${exceptSessionId}` : undefined,
        ),
      )
      .returning({ id: sessions.id });
    return rows.map((r) => r.id);
  }

  /** The one query behind every authenticated request: a live session of an active user in an active company. */
  async findLiveSessionUser(sessionId: string, userId: number) {
    const [row] = await this.db
      .select({
        ...sessionUserColumns,
        impersonatorId: impersonators.id,
        impersonatorName: impersonators.name,
        impersonatorEmail: impersonators.email,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoin(impersonators, eq(impersonators.id, sessions.impersonatorUserId))
      .innerJoin(companies, eq(companies.id, users.companyId))
      .leftJoin(plans, eq(plans.id, companies.planId))
      .where(
        and(
          eq(sessions.id, sessionId),
          eq(sessions.userId, userId),
          isNull(sessions.revokedAt),
          sql`${sessions.expiresAt} > now()`,
          eq(users.active, true),
          eq(companies.active, true),
          // A suspended company's people are signed out at their next request.
          sql`${companies.status} <> 'suspended'`,
        ),
      );
    return row && toSessionUser(row);
  }

  async updatePassword(companyId: number, userId: number, passwordHash: string) {
    await this.db
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(and(eq(users.companyId, companyId), eq(users.id, userId)));
  }

  async updateProfile(
    companyId: number,
    userId: number,
    patch: Partial<{ name: string; language: 'pt-BR' | 'en'; theme: 'light' | 'dark' | 'auto'; notificationsEnabled: boolean }>,
  ) {
    await this.db
      .update(users)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(users.companyId, companyId), eq(users.id, userId)));
  }
}
