import { count, eq } from 'drizzle-orm';
import type { Db } from '../../infra/db/index.js';
import { companies, connections, users } from '../../infra/db/schema.js';
import { randomToken } from '../../infra/crypto.js';
import { hashPassword } from '../../infra/passwords.js';

const DEMO_ADMIN_EMAIL = 'admin@demo.jimmy.chat';
const DEMO_ADMIN_PASSWORD = 'jimmy-demo-2026';

export interface NewCompany {
  name: string;
  timezone?: string;
  admin: { name: string; email: string; password: string; role?: 'admin' | 'super_admin' };
}

/** The transaction `createWithAdmin` runs in, for callers that write more rows with the company. */
type CompanyTransaction = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Self-service sign-up: a company on a trial of a plan, whose admin must confirm the e-mail first. */
export interface NewCompanyOptions {
  status?: 'trial' | 'active';
  planId?: number | null;
  trialEndsAt?: Date | null;
  /** False: the admin cannot sign in until the e-mail link is opened. */
  emailVerified?: boolean;
  /** More rows in the same transaction (the verification token), so a failure leaves nothing behind. */
  within?: (tx: CompanyTransaction, created: { companyId: number; adminId: number }) => Promise<void>;
}

export class CompaniesService {
  constructor(private readonly db: Db) {}

  /** A company and its first administrator appear together or not at all. */
  async createWithAdmin(input: NewCompany, options: NewCompanyOptions = {}): Promise<{ companyId: number; adminId: number }> {
    const passwordHash = await hashPassword(input.admin.password);
    return this.db.transaction(async (tx) => {
      const [company] = await tx
        .insert(companies)
        .values({
          name: input.name,
          timezone: input.timezone ?? 'America/Sao_Paulo',
          ...(options.status && { status: options.status, statusChangedAt: new Date() }),
          ...(options.planId !== undefined && { planId: options.planId }),
          ...(options.trialEndsAt !== undefined && { trialEndsAt: options.trialEndsAt }),
        })
        .returning({ id: companies.id });
      if (!company) throw new Error('company insert returned nothing');
      const [admin] = await tx
        .insert(users)
        .values({
          companyId: company.id,
          name: input.admin.name,
          email: input.admin.email.toLowerCase(),
          role: input.admin.role ?? 'admin',
          passwordHash,
          ...(options.emailVerified !== undefined && { emailVerified: options.emailVerified }),
        })
        .returning({ id: users.id });
      if (!admin) throw new Error('admin insert returned nothing');
      const created = { companyId: company.id, adminId: admin.id };
      await options.within?.(tx, created);
      return created;
    });
  }

  /**
   * First start only: with no company at all, create "Demo" and its admin. Later starts leave
   * everything as it is, so a changed password or a deleted demo is never brought back.
   */
  async seedDemo(credentials: { email?: string; password?: string }): Promise<{ created: boolean; email: string; usingDefaults: boolean }> {
    const email = (credentials.email ?? DEMO_ADMIN_EMAIL).toLowerCase();
    const usingDefaults = !credentials.password;
    const [existing] = await this.db.select({ n: count() }).from(companies);
    if ((existing?.n ?? 0) > 0) return { created: false, email, usingDefaults };
    const { companyId } = await this.createWithAdmin({
      name: 'Demo',
      admin: { name: 'Demo Admin', email, password: credentials.password ?? DEMO_ADMIN_PASSWORD },
    });
    // A web-chat connection from the start, so /widget-demo lets a newcomer play the customer at once.
    await this.db
      .insert(connections)
      .values({ companyId, type: 'webchat', name: 'Site', status: 'open', widgetKey: `wc_${randomToken(18)}` });
    return { created: true, email, usingDefaults };
  }

  async exists(companyId: number): Promise<boolean> {
    const [row] = await this.db.select({ id: companies.id }).from(companies).where(eq(companies.id, companyId));
    return Boolean(row);
  }
}
