import { saasErrorCodes, type CompanyStatus, type Plan, type PlatformCompany } from '@jimmy/contracts';
import type { z } from 'zod';
import type { planInputSchema } from '@jimmy/contracts';
import { DomainError, conflict, invalid, notFound } from '../../infra/errors.js';
import type { AuthService, IssuedSession } from '../auth/index.js';
import type { CompanyStatusService } from '../companies/index.js';
import type { PlansRepository } from '../plans/index.js';
import type { PlatformRepository } from './platform.repository.js';

type PlanInput = z.output<typeof planInputSchema>;
type Client = { userAgent: string | null; ip: string | null };

/** How long an export allows the company to be deleted. */
const EXPORT_VALID_HOURS = 24;

/** The platform operator's actions on companies and plans; each one lands in platform_audit. */
export class PlatformService {
  constructor(
    private readonly repo: PlatformRepository,
    private readonly plans: PlansRepository,
    private readonly status: CompanyStatusService,
    private readonly auth: AuthService,
  ) {}

  figures() {
    return this.repo.figures();
  }

  listCompanies(filter: Parameters<PlatformRepository['listCompanies']>[0]) {
    return this.repo.listCompanies(filter);
  }

  async company(id: number): Promise<PlatformCompany> {
    const company = await this.repo.getCompany(id);
    if (!company) throw notFound('Company');
    return company;
  }

  /** A customer company: the operators' own company is never suspended, deleted or entered. */
  private async customer(id: number): Promise<PlatformCompany> {
    const company = await this.company(id);
    if (company.isPlatform) throw conflict('PLATFORM_COMPANY', "This is the platform's own company");
    return company;
  }

  async changePlan(actorId: number, companyId: number, planId: number): Promise<PlatformCompany> {
    const company = await this.company(companyId);
    const plan = await this.plans.get(planId);
    if (!plan || plan.archived) throw invalid({ planId: 'no such plan (or archived)' });
    await this.repo.setPlan(companyId, planId);
    await this.repo.audit({
      actorUserId: actorId,
      companyId,
      action: 'company.plan',
      details: { from: company.plan, to: { id: plan.id, name: plan.name } },
    });
    return this.company(companyId);
  }

  /**
   * Adds days to the trial (counted from now when it already ended). A company made read-only by the
   * trial's end (never paid) goes back to trial; a paying or suspended company has no trial to extend.
   */
  async extendTrial(actorId: number, companyId: number, days: number): Promise<PlatformCompany> {
    const company = await this.customer(companyId);
    const from = Math.max(Date.now(), company.trialEndsAt ? Date.parse(company.trialEndsAt) : 0);
    const trialEndsAt = new Date(from + days * 86_400_000);
    if (company.status === 'trial') {
      await this.repo.setTrialEnd(companyId, trialEndsAt);
    } else if (company.status === 'read_only' && company.paidUntil === null) {
      await this.status.set(companyId, 'trial', 'trial extended by the platform', { only: ['read_only'], trialEndsAt });
    } else {
      throw conflict('COMPANY_NOT_IN_TRIAL', 'Only a company in trial, or read-only after its trial, can have its trial extended');
    }
    await this.repo.audit({
      actorUserId: actorId,
      companyId,
      action: 'company.extend-trial',
      details: { days, previousStatus: company.status, trialEndsAt: trialEndsAt.toISOString() },
    });
    return this.company(companyId);
  }

  async suspend(actorId: number, companyId: number, reason: string): Promise<PlatformCompany> {
    await this.customer(companyId);
    const previous = await this.status.set(companyId, 'suspended', reason);
    if (previous) await this.repo.audit({ actorUserId: actorId, companyId, action: 'company.suspend', details: { reason, previous } });
    return this.company(companyId);
  }

  /** Back to the status the company had when it was suspended (active when that is unknown). */
  async reactivate(actorId: number, companyId: number): Promise<PlatformCompany> {
    const company = await this.company(companyId);
    if (company.status !== 'suspended') throw conflict('COMPANY_NOT_SUSPENDED', 'This company is not suspended');
    const [last] = await this.repo.listAudit({ companyId, actions: ['company.suspend'], limit: 1 });
    const stored = last?.details.previous;
    const next: CompanyStatus = stored === 'trial' || stored === 'active' || stored === 'read_only' ? stored : 'active';
    const previous = await this.status.set(companyId, next, 'reactivated by the platform', { only: ['suspended'] });
    if (previous) await this.repo.audit({ actorUserId: actorId, companyId, action: 'company.reactivate', details: { status: next } });
    return this.company(companyId);
  }

  /** The export's pieces; the audit row (which later allows deletion) is written before the first byte. */
  async export(actorId: number, companyId: number): Promise<{ company: PlatformCompany; chunks: AsyncGenerator<string> }> {
    const company = await this.company(companyId);
    await this.repo.audit({ actorUserId: actorId, companyId, action: 'company.export', details: { name: company.name } });
    return { company, chunks: this.repo.exportChunks(companyId) };
  }

  async delete(actorId: number, companyId: number, confirmName: string): Promise<void> {
    const company = await this.customer(companyId);
    if (confirmName.trim() !== company.name) throw invalid({ confirmName: "type the company's exact name to confirm" });
    if (!(await this.repo.exportedSince(companyId, EXPORT_VALID_HOURS))) {
      throw conflict('EXPORT_REQUIRED', 'Export the company’s data first (an export taken in the last 24 hours allows deletion)');
    }
    // Written first with the company id, which the cascade then clears: the name and id stay in details.
    await this.repo.audit({ actorUserId: actorId, companyId: null, action: 'company.delete', details: { companyId, name: company.name } });
    await this.repo.deleteCompany(companyId);
  }

  async impersonate(actorId: number, companyId: number, client: Client): Promise<{ session: IssuedSession; admin: { name: string } }> {
    const company = await this.customer(companyId);
    if (company.status === 'suspended') throw conflict(saasErrorCodes.suspended, 'Reactivate the company before signing in as its admin');
    const admin = await this.repo.firstAdmin(companyId);
    if (!admin) throw conflict('NO_ACTIVE_ADMIN', 'This company has no active admin to sign in as');
    const session = await this.auth.startSessionFor(companyId, admin.id, client, { impersonatorUserId: actorId });
    if (!session) throw conflict('NO_ACTIVE_ADMIN', 'This company’s admin cannot sign in (unverified e-mail or inactive)');
    await this.repo.audit({
      actorUserId: actorId,
      companyId,
      action: 'impersonation.start',
      details: { adminId: admin.id, adminName: admin.name, adminEmail: admin.email },
    });
    return { session, admin };
  }

  /** Ends a support session and opens a fresh one of the operator's own. */
  async endImpersonation(
    context: { sessionId: string; companyId: number; userId: number },
    client: Client,
    revoke: () => Promise<void>,
  ): Promise<IssuedSession> {
    const operator = await this.repo.impersonatorOf(context.sessionId);
    if (!operator) throw new DomainError('NOT_IMPERSONATING', 'This session is not a support sign-in', 409);
    await revoke();
    await this.repo.audit({
      actorUserId: operator.userId,
      companyId: context.companyId,
      action: 'impersonation.end',
      details: { adminId: context.userId },
    });
    const session = await this.auth.startSessionFor(operator.companyId, operator.userId, client);
    if (!session) throw new DomainError('SESSION_EXPIRED', 'Your operator account can no longer sign in', 401);
    return session;
  }

  audit(companyId: number | undefined, limit = 200) {
    return this.repo.listAudit({ ...(companyId !== undefined && { companyId }), limit });
  }

  /** What a company's admins see: every platform action on their company, support sign-ins included. */
  accessOf(companyId: number) {
    return this.repo.listAudit({ companyId, limit: 200 });
  }

  // Plans.

  listPlans(): Promise<Plan[]> {
    return this.plans.list({ includeArchived: true });
  }

  async createPlan(actorId: number, input: PlanInput): Promise<Plan> {
    const id = await this.repo.createPlan(input);
    await this.repo.audit({ actorUserId: actorId, companyId: null, action: 'plan.create', details: { planId: id, name: input.name } });
    return (await this.plans.get(id))!;
  }

  async updatePlan(actorId: number, id: number, input: PlanInput): Promise<Plan> {
    if (!(await this.repo.updatePlan(id, input))) throw notFound('Plan');
    await this.repo.audit({ actorUserId: actorId, companyId: null, action: 'plan.update', details: { planId: id, name: input.name } });
    return (await this.plans.get(id))!;
  }

  async deletePlan(actorId: number, id: number): Promise<'deleted' | 'archived'> {
    const plan = await this.plans.get(id);
    if (!plan) throw notFound('Plan');
    const outcome = await this.repo.deleteOrArchivePlan(id);
    await this.repo.audit({
      actorUserId: actorId,
      companyId: null,
      action: outcome === 'archived' ? 'plan.archive' : 'plan.delete',
      details: { planId: id, name: plan.name },
    });
    return outcome;
  }
}
