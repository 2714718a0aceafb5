import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { EventBus } from '../../infra/events.js';
import type { Logger } from '../../infra/logger.js';
import type { Mailer } from '../../infra/mailer.js';
import type { AuthService } from '../auth/index.js';
import type { CompaniesService } from '../companies/index.js';
import type { PlansRepository } from '../plans/index.js';
import type { UsersService } from '../users/index.js';
import { accountsRoutes } from './accounts.routes.js';
import { AccountsService } from './accounts.service.js';
import { mailSender } from './mail-sender.js';
import { signupRoutes } from './signup.routes.js';
import { SignupService } from './signup.service.js';

export interface SignupDeps {
  pool: pg.Pool;
  events: EventBus;
  logger: Logger;
  mailer: Mailer;
  auth: AuthService;
  users: UsersService;
  companies: CompaniesService;
  plans: PlansRepository;
  /** SAAS=on: self-service sign-up exists; password reset and invitations always do. */
  saas: boolean;
  publicUrl: string | undefined;
  secureCookies: boolean;
  signupPerMinute: number;
}

/** Accounts by e-mail (docs/signup.md): sign-up with verification (SaaS only), password reset, invitations. */
export async function registerSignup(http: FastifyInstance, deps: SignupDeps): Promise<void> {
  const mail = mailSender(deps.mailer, deps.logger);
  const common = { publicUrl: deps.publicUrl, secureCookies: deps.secureCookies };
  await http.register(accountsRoutes, {
    ...common,
    accounts: new AccountsService({ pool: deps.pool, auth: deps.auth, users: deps.users, events: deps.events, mail }),
  });
  if (!deps.saas) return;
  await http.register(signupRoutes, {
    ...common,
    perMinute: deps.signupPerMinute,
    signup: new SignupService({ pool: deps.pool, companies: deps.companies, plans: deps.plans, auth: deps.auth, mail }),
  });
}
