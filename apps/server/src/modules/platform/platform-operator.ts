import type pg from 'pg';
import type { CompaniesService } from '../companies/index.js';

const PLATFORM_COMPANY_NAME = 'Plataforma';

/**
 * SAAS=on: the platform operator (role super_admin) in a company of its own, created once. An install
 * that already has an operator, or a user with that e-mail, is left exactly as it is.
 */
export async function seedPlatformOperator(
  pool: pg.Pool,
  companies: CompaniesService,
  credentials: { email: string; password: string },
): Promise<{ created: boolean; email: string }> {
  const email = credentials.email.toLowerCase();
  const { rows } = await pool.query(`select 1 from users where role = 'super_admin' or lower(email) = $1 limit 1`, [email]);
  if (rows.length > 0) return { created: false, email };
  await companies.createWithAdmin({
    name: PLATFORM_COMPANY_NAME,
    admin: { name: 'Operador da plataforma', email, password: credentials.password, role: 'super_admin' },
  });
  return { created: true, email };
}
