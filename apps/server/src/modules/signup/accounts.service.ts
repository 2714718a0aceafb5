import type { InviteUserRequest, User } from '@jimmy/contracts';
import type pg from 'pg';
import { isUniqueViolation, withTransaction } from '../../infra/db/index.js';
import { conflict, invalid, notFound } from '../../infra/errors.js';
import type { EventBus } from '../../infra/events.js';
import { hashPassword } from '../../infra/passwords.js';
import type { AuthContext, AuthService, IssuedSession } from '../auth/index.js';
import type { UsersService } from '../users/index.js';
import { invitationMail, resetPasswordMail } from './account-mails.js';
import { accountTokens, type AccountTokenKind } from './account-tokens.js';
import { accountsRepository } from './accounts.repository.js';
import type { Client, MailSender } from './mail-sender.js';
import { emailTaken, signInUnavailable, tokenInvalid } from './signup.service.js';

interface Deps {
  pool: pg.Pool;
  auth: AuthService;
  users: UsersService;
  events: EventBus;
  mail: MailSender;
}

/** Password resets and invitations by e-mail: on every install, SaaS or not. */
export class AccountsService {
  constructor(private readonly deps: Deps) {}

  /** Always "sent" to the caller, so the form tells nobody which addresses have an account. */
  async forgotPassword(email: string, origin: string): Promise<void> {
    const account = await accountsRepository.byEmail(this.deps.pool, email);
    if (!account?.active) return;
    const token = await accountTokens.issue(this.deps.pool, account.companyId, account.id, 'reset_password');
    await this.deps.mail.send(
      account.email,
      resetPasswordMail(account.name, `${origin}/reset-password?token=${encodeURIComponent(token)}`),
    );
  }

  /** A new password from the mailed link: every other session of the user ends, this browser signs in. */
  async resetPassword(token: string, password: string, client: Client): Promise<IssuedSession> {
    return this.setPasswordWith('reset_password', token, password, client, 'password reset by e-mail');
  }

  async invite(actor: AuthContext, input: InviteUserRequest, origin: string): Promise<User> {
    const queueIds = [...new Set(input.queueIds ?? [])];
    let userId: number;
    let token: string;
    try {
      ({ userId, token } = await withTransaction(this.deps.pool, async (q) => {
        const found = await accountsRepository.existingQueues(q, actor.companyId, queueIds);
        if (found.length !== queueIds.length) throw invalid({ queueIds: 'contains a queue that does not exist' });
        const id = await accountsRepository.insertInvited(q, {
          companyId: actor.companyId,
          name: input.name,
          email: input.email,
          role: input.role,
        });
        await accountsRepository.joinQueues(q, actor.companyId, id, queueIds);
        return { userId: id, token: await accountTokens.issue(q, actor.companyId, id, 'invite') };
      }));
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_unique')) throw emailTaken();
      throw error;
    }
    for (const queueId of queueIds)
      this.deps.events.publish('queue.members.changed', { companyId: actor.companyId, queueId, added: [userId], removed: [] });
    const user = await this.deps.users.get(actor, userId);
    this.deps.events.publish('user.created', { companyId: actor.companyId, user });
    await this.mailInvitation(actor, user.name, user.email, token, origin);
    return user;
  }

  /** A new link for a pending invitation; the previous link stops working. */
  async resendInvitation(actor: AuthContext, userId: number, origin: string): Promise<void> {
    const account = await accountsRepository.byId(this.deps.pool, actor.companyId, userId);
    if (!account) throw notFound('User');
    if (!account.invitationPending) throw conflict('INVITATION_NOT_PENDING', 'This user has already accepted the invitation');
    const token = await accountTokens.issue(this.deps.pool, actor.companyId, userId, 'invite');
    await this.mailInvitation(actor, account.name, account.email, token, origin);
  }

  async acceptInvitation(token: string, password: string, client: Client): Promise<IssuedSession> {
    return this.setPasswordWith('invite', token, password, client, 'invitation accepted');
  }

  private async setPasswordWith(
    kind: AccountTokenKind,
    token: string,
    password: string,
    client: Client,
    reason: string,
  ): Promise<IssuedSession> {
    const passwordHash = await hashPassword(password);
    const owner = await withTransaction(this.deps.pool, async (q) => {
      const found = await accountTokens.consume(q, kind, token);
      if (!found) return null;
      await accountsRepository.setPassword(q, found.companyId, found.userId, passwordHash);
      // The mailbox is proven and the password chosen: any other pending link of the user is moot.
      await accountTokens.retire(q, found.companyId, found.userId, ['invite', 'verify_email', 'reset_password']);
      return found;
    });
    if (!owner) throw tokenInvalid();
    await this.deps.auth.revokeAllSessions(owner.companyId, owner.userId, reason);
    const session = await this.deps.auth.startSessionFor(owner.companyId, owner.userId, client);
    if (!session) throw signInUnavailable();
    return session;
  }

  private async mailInvitation(actor: AuthContext, name: string, email: string, token: string, origin: string): Promise<void> {
    const companyName = await accountsRepository.companyName(this.deps.pool, actor.companyId);
    const link = `${origin}/accept-invitation?token=${encodeURIComponent(token)}`;
    await this.deps.mail.send(email, invitationMail(name, companyName, actor.user.name, link));
  }
}
