import { randomUUID } from 'node:crypto';
import { saasErrorCodes, type SessionUser, type UpdateProfileRequest } from '@jimmy/contracts';
import { TokenSigner, randomToken, sha256Hex } from '../../infra/crypto.js';
import { DomainError, invalid, unauthorized } from '../../infra/errors.js';
import type { EventBus } from '../../infra/events.js';
import { hashPassword, timingDummyHash, verifyPassword } from '../../infra/passwords.js';
import type { AuthRepository } from './auth.repository.js';
import type { AuthContext } from './auth.types.js';

/** Two tabs refreshing at the same moment present the same token; within this window that is a race, not theft. */
const REFRESH_RACE_GRACE_MS = 15_000;

export interface IssuedSession {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: SessionUser;
}

export interface AuthSettings {
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
}

export class AuthService {
  private readonly signer: TokenSigner;

  constructor(
    private readonly repo: AuthRepository,
    private readonly events: EventBus,
    appSecret: string,
    private readonly settings: AuthSettings,
  ) {
    this.signer = new TokenSigner(appSecret);
  }

  async login(email: string, password: string, client: { userAgent: string | null; ip: string | null }): Promise<IssuedSession> {
    const candidate = await this.repo.findLoginCandidate(email);
    const passwordOk = await verifyPassword(candidate?.passwordHash ?? (await timingDummyHash()), password);
    if (!candidate || !passwordOk || !candidate.active || !candidate.companyActive) {
      throw unauthorized('Wrong email or password', 'INVALID_CREDENTIALS');
    }
    // Said only after the password matched, so these answers reveal nothing to a guesser.
    if (!candidate.emailVerified) {
      throw new DomainError(saasErrorCodes.emailNotVerified, 'Confirm your e-mail address first: open the link we sent you', 403);
    }
    if (candidate.company.status === 'suspended') {
      throw new DomainError(saasErrorCodes.suspended, 'This company is suspended; contact support', 403);
    }
    const { passwordHash: _hash, active: _active, companyActive: _companyActive, emailVerified: _verified, ...user } = candidate;
    return this.openSession(user, client);
  }

  /**
   * A session for a user who proved themselves another way (a verified sign-up link, an accepted invitation,
   * a password reset): the same cookies and tokens a login gives. Null when the user may not sign in.
   */
  async startSessionFor(
    companyId: number,
    userId: number,
    client: { userAgent: string | null; ip: string | null },
    options: { impersonatorUserId?: number } = {},
  ): Promise<IssuedSession | null> {
    const user = await this.repo.findSignInUser(companyId, userId);
    return user ? this.openSession(user, client, options.impersonatorUserId) : null;
  }

  private async openSession(
    user: SessionUser,
    client: { userAgent: string | null; ip: string | null },
    impersonatorUserId?: number,
  ): Promise<IssuedSession> {
    const sessionId = randomUUID();
    const refreshToken = randomToken();
    const refreshTokenExpiresAt = new Date(Date.now() + this.settings.refreshTokenTtlDays * 86_400_000);
    await this.repo.createSession({
      id: sessionId,
      companyId: user.companyId,
      userId: user.id,
      userAgent: client.userAgent?.slice(0, 400) ?? null,
      ip: client.ip,
      expiresAt: refreshTokenExpiresAt,
      refreshTokenHash: sha256Hex(refreshToken),
      impersonatorUserId: impersonatorUserId ?? null,
    });
    // A support session answers with the operator's name, as GET /api/me will.
    const shown = impersonatorUserId ? ((await this.repo.findLiveSessionUser(sessionId, user.id)) ?? user) : user;
    return { ...this.issueAccess(sessionId, shown), refreshToken, refreshTokenExpiresAt, user: shown };
  }

  async refresh(refreshToken: string): Promise<IssuedSession> {
    const found = await this.repo.findRefreshToken(sha256Hex(refreshToken));
    if (!found || found.revokedAt || found.expiresAt.getTime() <= Date.now()) {
      throw unauthorized('Your session has ended; please sign in again', 'SESSION_EXPIRED');
    }
    if (found.usedAt) {
      if (Date.now() - found.usedAt.getTime() > REFRESH_RACE_GRACE_MS) {
        await this.revokeSessions(found.companyId, found.userId, [found.sessionId], 'refresh token reused');
      }
      throw unauthorized('This refresh token was already used', 'REFRESH_TOKEN_REUSED');
    }
    const next = randomToken();
    const rotated = await this.repo.rotateRefreshToken(found.tokenId, found.companyId, found.sessionId, sha256Hex(next));
    if (!rotated) throw unauthorized('This refresh token was already used', 'REFRESH_TOKEN_REUSED');
    const user = await this.repo.findLiveSessionUser(found.sessionId, found.userId);
    if (!user) throw unauthorized('Your session has ended; please sign in again', 'SESSION_EXPIRED');
    return { ...this.issueAccess(found.sessionId, user), refreshToken: next, refreshTokenExpiresAt: found.expiresAt, user };
  }

  async logout(auth: AuthContext): Promise<void> {
    await this.revokeSessions(auth.companyId, auth.userId, [auth.sessionId], 'logout');
  }

  /** Logout from a refresh cookie alone (access token already expired). */
  async logoutByRefreshToken(refreshToken: string): Promise<void> {
    const found = await this.repo.findRefreshToken(sha256Hex(refreshToken));
    if (found && !found.revokedAt) await this.revokeSessions(found.companyId, found.userId, [found.sessionId], 'logout');
  }

  async authenticate(accessToken: string): Promise<AuthContext | null> {
    const claims = this.signer.verify(accessToken);
    if (!claims) return null;
    const user = await this.repo.findLiveSessionUser(claims.sid, claims.uid);
    if (!user) return null;
    return { kind: 'user', sessionId: claims.sid, userId: user.id, companyId: user.companyId, role: user.role, user };
  }

  async changePassword(auth: AuthContext, currentPassword: string, newPassword: string): Promise<void> {
    const stored = await this.repo.findPasswordHash(auth.companyId, auth.userId);
    if (!stored || !(await verifyPassword(stored, currentPassword))) {
      throw invalid({ currentPassword: 'The current password is wrong' });
    }
    await this.repo.updatePassword(auth.companyId, auth.userId, await hashPassword(newPassword));
    // Other devices signed in with the old password are signed out; this one stays.
    const revoked = await this.repo.revokeUserSessions(auth.companyId, auth.userId, 'password changed', auth.sessionId);
    if (revoked.length > 0) {
      this.events.publish('session.revoked', {
        companyId: auth.companyId,
        userId: auth.userId,
        sessionIds: revoked,
        reason: 'password changed',
      });
    }
  }

  async updateProfile(auth: AuthContext, patch: UpdateProfileRequest): Promise<SessionUser> {
    await this.repo.updateProfile(auth.companyId, auth.userId, patch);
    const user = await this.repo.findLiveSessionUser(auth.sessionId, auth.userId);
    if (!user) throw unauthorized();
    return user;
  }

  /** Used by the users module when an admin deactivates someone or resets their password. */
  async revokeAllSessions(companyId: number, userId: number, reason: string): Promise<void> {
    const revoked = await this.repo.revokeUserSessions(companyId, userId, reason);
    if (revoked.length > 0) this.events.publish('session.revoked', { companyId, userId, sessionIds: revoked, reason });
  }

  private async revokeSessions(companyId: number, userId: number, sessionIds: string[], reason: string) {
    for (const id of sessionIds) await this.repo.revokeSession(id, reason);
    this.events.publish('session.revoked', { companyId, userId, sessionIds, reason });
  }

  private issueAccess(sessionId: string, user: SessionUser) {
    const exp = Math.floor(Date.now() / 1000) + this.settings.accessTokenTtlSeconds;
    const accessToken = this.signer.sign({ sid: sessionId, uid: user.id, cid: user.companyId, exp });
    return { accessToken, accessTokenExpiresAt: new Date(exp * 1000) };
  }
}
