import { expect } from 'vitest';
import type { TestApp, TestCompany } from './harness.js';

/** Creates a lead hook through the admin API and answers it (with its one-time secret, if asked for). */
export async function createLeadHook(app: TestApp, company: TestCompany, body: Record<string, unknown>) {
  const created = await app.inject({ method: 'POST', url: '/api/lead-hooks', token: company.adminToken, payload: body });
  expect(created.statusCode, created.body).toBe(201);
  return created.json<{ id: number; key: string; path: string; secret: string | null }>();
}

/** Posts a lead as a website form or an automation tool would. */
export function postLead(app: TestApp, path: string, body: object | string, headers: Record<string, string> = {}) {
  const form = typeof body === 'string';
  return app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', ...headers },
    payload: form ? body : JSON.stringify(body),
  });
}

export async function contactByPhone(app: TestApp, companyId: number, e164: string) {
  const { rows } = await app.server.database.pool.query<{
    id: string;
    name: string;
    email: string | null;
    custom_fields: Record<string, string>;
    tags: string[] | null;
  }>(
    `select c.id, c.name, c.email, c.custom_fields,
            (select array_agg(t.name order by t.name) from contact_tags ct join tags t on t.id = ct.tag_id where ct.contact_id = c.id) as tags
       from contacts c where c.company_id = $1 and c.phone = $2`,
    [companyId, e164],
  );
  return rows[0] && { ...rows[0], id: Number(rows[0].id), tags: rows[0].tags ?? [] };
}

export async function logOf(app: TestApp, company: TestCompany, hookId: number) {
  const response = await app.inject({ method: 'GET', url: `/api/lead-hooks/${hookId}/requests`, token: company.adminToken });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{
    items: {
      id: number;
      status: string;
      httpStatus: number;
      error: { code: string; fields?: Record<string, string> } | null;
      payload: unknown;
      raw: string | null;
      contactId: number | null;
      ticketId: number | null;
      replayOf: number | null;
    }[];
  }>().items;
}
