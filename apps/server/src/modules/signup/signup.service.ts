import { TOKEN_INVALID, type Plan, type SignupPlan, type SignupRequest } from '@jimmy/contracts';
import type pg from 'pg';
import { isUniqueViolation, withTransaction } from '../../infra/db/index.js';
import { randomToken, sha256Hex } from '../../infra/crypto.js';
import { accountTokens as accountTokensTable, signups } from '../../infra/db/schema.js';
import { conflict, DomainError, invalid } from '../../infra/errors.js';
import type { AuthService, IssuedSession } from '../auth/index.js';
import type { CompaniesService } from '../companies/index.js';
import { normalizePhone } from '../contact-imports/index.js';
import type { PlansRepository } from '../plans/index.js';
import { accountTokens, TOKEN_TTL_MS } from './account-tokens.js';
import { verifyEmailMail } from './account-mails.js';
import { accountsRepository } from './accounts.repository.js';
import type { Client, MailSender } from './mail-sender.js';

/** A company signing up while the operator has no public plan yet still gets the site's promise. */
const FALLBACK_TRIAL_DAYS = 7;

export const emailTaken = () => conflict('EMAIL_TAKEN', 'A user with this email already exists', { email: 'already in use' });
export const tokenInvalid = () =>
  new DomainError(TOKEN_INVALID, 'This link is invalid, expired or was already used; ask for a new one', 400, {
    token: 'invalid or expired',
  });
export const signInUnavailable = () =>
  new DomainError('SIGN_IN_UNAVAILABLE', 'This account cannot sign in now (deactivated or company suspended)', 403);

/** Self-service sign-up (SAAS=on): a company on a trial, its admin unverified until the e-mail link is opened. */
export class SignupService {
  constructor(
    private readonly deps: {
      pool: pg.Pool;
      companies: CompaniesService;
      plans: PlansRepository;
      auth: AuthService;
      mail: MailSender;
    },
  ) {}

  async offeredPlans(): Promise<SignupPlan[]> {
    return (await this.deps.plans.listPublic()).map(({ id, name, priceCents, trialDays }) => ({ id, name, priceCents, trialDays }));
  }

  async signup(input: SignupRequest, client: Client, origin: string): Promise<{ status: 'verification_sent'; email: string }> {
    const phone = normalizePhone(input.whatsapp);
    if (!phone.ok) throw invalid({ whatsapp: 'not a valid WhatsApp number with country code, e.g. +55 11 98765-4321' });
    const plan = await this.planFor(input.planId);
    // Checked first for a clear answer before hashing; the unique index still decides a race.
    if (await accountsRepository.byEmail(this.deps.pool, input.email)) throw emailTaken();
    const trialDays = plan?.trialDays ?? FALLBACK_TRIAL_DAYS;
    const token = randomToken();
    try {
      await this.deps.companies.createWithAdmin(
        { name: input.companyName, admin: { name: input.name, email: input.email, password: input.password } },
        {
          status: 'trial',
          planId: plan?.id ?? null,
          trialEndsAt: new Date(Date.now() + trialDays * 86_400_000),
          emailVerified: false,
          within: async (tx, created) => {
            await tx.insert(signups).values({
              companyId: created.companyId,
              userId: created.adminId,
              whatsapp: phone.e164,
              planId: plan?.id ?? null,
              termsAcceptedAt: new Date(),
              ip: client.ip,
              userAgent: client.userAgent?.slice(0, 400) ?? null,
            });
            await tx.insert(accountTokensTable).values({
              companyId: created.companyId,
              userId: created.adminId,
              kind: 'verify_email',
              tokenHash: sha256Hex(token),
              expiresAt: new Date(Date.now() + TOKEN_TTL_MS.verify_email),
            });
          },
        },
      );
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_unique')) throw emailTaken();
      throw error;
    }
    await this.deps.mail.send(input.email, verifyEmailMail(input.name, `${origin}/verify-email?token=${encodeURIComponent(token)}`));
    return { status: 'verification_sent', email: input.email };
  }

  /** Opens the link: the address is verified, the token spent, and the browser is signed in. */
  async verify(token: string, client: Client): Promise<IssuedSession> {
    const owner = await withTransaction(this.deps.pool, async (q) => {
      const found = await accountTokens.consume(q, 'verify_email', token);
      if (found) await accountsRepository.markVerified(q, found.companyId, found.userId);
      return found;
    });
    if (!owner) throw tokenInvalid();
    const session = await this.deps.auth.startSessionFor(owner.companyId, owner.userId, client);
    if (!session) throw signInUnavailable();
    return session;
  }

  /** Always "sent" to the caller; a mail goes out only to an unverified sign-up that can still use it. */
  async resend(email: string, origin: string): Promise<void> {
    const account = await accountsRepository.byEmail(this.deps.pool, email);
    if (!account || account.emailVerified || !account.active || account.invitationPending) return;
    const token = await accountTokens.issue(this.deps.pool, account.companyId, account.id, 'verify_email');
    await this.deps.mail.send(account.email, verifyEmailMail(account.name, `${origin}/verify-email?token=${encodeURIComponent(token)}`));
  }

  private async planFor(planId: number | undefined): Promise<Plan | undefined> {
    if (planId === undefined) return (await this.deps.plans.listPublic())[0];
    const plan = await this.deps.plans.get(planId);
    if (!plan || !plan.public || plan.archived) throw invalid({ planId: 'not a plan offered at sign-up' });
    return plan;
  }
}
