import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { AuthService } from '../auth/index.js';
import type { CompanyStatusService } from '../companies/index.js';
import type { PlansRepository } from '../plans/index.js';
import { PlatformRepository } from './platform.repository.js';
import { platformRoutes } from './platform.routes.js';
import { PlatformService } from './platform.service.js';

export { seedPlatformOperator } from './platform-operator.js';

/** The platform admin (SAAS=on only): companies, plans, support sign-ins and their audit. */
export async function registerPlatform(
  http: FastifyInstance,
  deps: { pool: pg.Pool; auth: AuthService; plans: PlansRepository; companyStatus: CompanyStatusService; secureCookies: boolean },
): Promise<PlatformService> {
  const platform = new PlatformService(new PlatformRepository(deps.pool), deps.plans, deps.companyStatus, deps.auth);
  await http.register(platformRoutes, { platform, auth: deps.auth, secureCookies: deps.secureCookies });
  return platform;
}
