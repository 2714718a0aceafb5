import { expect } from 'vitest';
import type { ApiScope } from '@jimmy/contracts';
import type { TestApp, TestCompany } from './harness.js';

/** Creates an API token as the company's admin through the admin route; answers the token shown once and its id. */
export async function createApiToken(
  app: TestApp,
  company: TestCompany,
  scopes: readonly ApiScope[],
  extra: { name?: string; expiresAt?: string } = {},
): Promise<{ id: number; token: string }> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/api-tokens',
    token: company.adminToken,
    payload: { name: extra.name ?? `token with ${scopes.length} scopes`, scopes, ...(extra.expiresAt && { expiresAt: extra.expiresAt }) },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: number; token: string }>();
}
