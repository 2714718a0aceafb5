import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';
import { createFlow, graphOf } from './flows.harness.js';
import { contactByPhone, createLeadHook, logOf, postLead } from './lead-hooks.harness.js';
import { createQueue, eventually } from './pipeline.harness.js';

/**
 * Inbound lead webhooks through the public endpoint, as a website form, n8n or Zapier would post:
 * each payload variant ends as the right contact, tags and ticket, or as a 4xx naming the field
 * with nothing written; every request is in the log, and a logged one can be replayed.
 */
let app: ConversationApp;
let queueId: number;
let siteTagId: number;
let hook: { id: number; path: string };

const mapping = {
  name: 'lead.contact.name',
  phone: 'lead.contact.phone',
  email: 'lead.contact.email',
  customFields: { plano: 'lead.plan' },
  tags: 'lead.tags',
};

beforeAll(async () => {
  app = await startConversationApp();
  queueId = (await createQueue(app, app.companyA, 'Comercial')).id;
  const tag = await app.inject({
    method: 'POST',
    url: '/api/tags',
    token: app.companyA.adminToken,
    payload: { name: 'Site', color: '#228be6' },
  });
  siteTagId = tag.json().id;
  const field = await app.inject({
    method: 'POST',
    url: '/api/custom-fields',
    token: app.companyA.adminToken,
    payload: { key: 'plano', label: 'Plano', type: 'choice', options: ['Básico', 'Pro'] },
  });
  expect(field.statusCode, field.body).toBe(201);
  hook = await createLeadHook(app, app.companyA, {
    name: 'Fale conosco',
    mapping,
    actions: {
      tagIds: [siteTagId],
      connectionId: app.cloudConnectionId,
      route: 'queue',
      queueId,
      firstMessage: 'Olá {{name}}, recebemos seu contato!',
    },
  });
});
afterAll(async () => app?.close());

type Variant = {
  what: string;
  body: object | string;
  contentType?: string;
  status: number;
  phone?: string;
  code?: string;
  field?: string;
  expect?: { name?: string; email?: string | null; tags?: string[]; plano?: string };
};

const variants: Variant[] = [
  {
    what: 'JSON with nested fields',
    body: {
      lead: { contact: { name: 'Maria Souza', phone: '11 97777-0001', email: 'maria@example.com' }, plan: 'Pro', tags: 'Orçamento' },
    },
    status: 202,
    phone: '+5511977770001',
    expect: { name: 'Maria Souza', email: 'maria@example.com', tags: ['Orçamento', 'Site'], plano: 'Pro' },
  },
  {
    what: 'form-urlencoded with bracketed names',
    body: 'lead[contact][name]=Jo%C3%A3o+Lima&lead[contact][phone]=%2B55+(21)+9+7777-0002&lead[tags][]=Black+Friday&lead[tags][]=Ads',
    status: 202,
    phone: '+5521977770002',
    expect: { name: 'João Lima', tags: ['Ads', 'Black Friday', 'Site'] },
  },
  {
    what: 'an old 8-digit mobile, without +55 (the 9th digit is added)',
    body: { lead: { contact: { name: 'Ana', phone: '(31) 8777-0003' } } },
    status: 202,
    phone: '+5531987770003',
    expect: { name: 'Ana', email: null, tags: ['Site'] },
  },
  {
    what: 'tags as a JSON list, a number as phone, and extra fields ignored',
    body: {
      lead: { contact: { name: 'Bia', phone: 5511977770004 }, tags: ['VIP', 'vip', 'Indicação'], utm: { source: 'google' } },
      x: [1, 2],
    },
    status: 202,
    phone: '+5511977770004',
    expect: { name: 'Bia', tags: ['Indicação', 'Site', 'VIP'] },
  },
  {
    what: 'unicode everywhere',
    body: { lead: { contact: { name: '  José   Conceição 🎉 ', phone: '+55 11 97777 0005' }, tags: 'Promoção, 日本語' } },
    status: 202,
    phone: '+5511977770005',
    expect: { name: 'José Conceição 🎉', tags: ['Promoção', 'Site', '日本語'] },
  },
  {
    what: 'a missing phone',
    body: { lead: { contact: { name: 'Sem Telefone' } } },
    status: 422,
    code: 'LEAD_PHONE_MISSING',
    field: 'phone',
  },
  {
    what: 'an invalid phone',
    body: { lead: { contact: { name: 'Errado', phone: '12345' } } },
    status: 422,
    code: 'LEAD_PHONE_INVALID',
    field: 'phone',
    phone: '+5512345',
  },
  {
    what: 'an invalid e-mail (the valid phone is not half-applied)',
    body: { lead: { contact: { name: 'Carla', phone: '11977770008', email: 'carla@' } } },
    status: 422,
    code: 'LEAD_EMAIL_INVALID',
    field: 'email',
    phone: '+5511977770008',
  },
  {
    what: 'a custom value outside its choices',
    body: { lead: { contact: { name: 'Davi', phone: '11977770009' }, plan: 'Ouro' } },
    status: 422,
    code: 'LEAD_FIELD_INVALID',
    field: 'customFields.plano',
    phone: '+5511977770009',
  },
  { what: 'malformed JSON', body: '{"lead": {', contentType: 'application/json', status: 400, code: 'INVALID_JSON', field: 'body' },
  { what: 'a JSON list instead of an object', body: '[1,2]', contentType: 'application/json', status: 400, code: 'LEAD_PAYLOAD_INVALID' },
  { what: 'an unsupported content type', body: '<lead/>', contentType: 'text/xml', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
];

describe('POST /hooks/leads/:key', () => {
  it.each(variants)('$what → $status', async (variant) => {
    const before = (await logOf(app, app.companyA, hook.id)).length;
    const response = await postLead(app, hook.path, variant.body, variant.contentType ? { 'content-type': variant.contentType } : {});
    expect(response.statusCode, response.body).toBe(variant.status);
    const [logged] = await logOf(app, app.companyA, hook.id);
    expect((await logOf(app, app.companyA, hook.id)).length).toBe(before + 1);
    if (variant.status !== 202) {
      expect(response.json().error.code).toBe(variant.code);
      if (variant.field) expect(Object.keys(response.json().error.fields ?? {})).toContain(variant.field);
      expect(logged).toMatchObject({ status: 'rejected', httpStatus: variant.status, error: { code: variant.code }, contactId: null });
      // Nothing half-applied: no contact for a payload that failed after its phone was read.
      if (variant.phone) expect(await contactByPhone(app, app.companyA.id, variant.phone)).toBeUndefined();
      return;
    }
    const { contactId, ticketId } = response.json();
    const contact = await contactByPhone(app, app.companyA.id, variant.phone!);
    expect(contact?.id).toBe(contactId);
    expect(contact).toMatchObject({
      ...(variant.expect?.name !== undefined && { name: variant.expect.name }),
      ...(variant.expect?.email !== undefined && { email: variant.expect.email }),
      ...(variant.expect?.tags && { tags: variant.expect.tags }),
    });
    if (variant.expect?.plano) expect(contact?.custom_fields).toEqual({ plano: variant.expect.plano });
    const ticket = await app.inject({ method: 'GET', url: `/api/tickets/${ticketId}`, token: app.companyA.adminToken });
    expect(ticket.json()).toMatchObject({ status: 'pending', queueId, connectionId: app.cloudConnectionId, contact: { id: contactId } });
    expect(ticket.json().tags.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(variant.expect?.tags ?? ['Site']));
    expect(logged).toMatchObject({ status: 'accepted', httpStatus: 202, contactId, ticketId, error: null });
    const events = await app.server.database.pool.query<{ kind: string }>(
      'select kind from ticket_events where ticket_id = $1 order by id',
      [ticketId],
    );
    expect(events.rows.map((e) => e.kind)).toEqual(expect.arrayContaining(['created', 'tagged']));
    // The first message is a durable send job: it reaches WhatsApp after the commit.
    const to = variant.phone!.slice(1);
    const sent = await eventually(
      async () => app.graph.sentMessages().find((m) => m.to === to && JSON.stringify(m.body).includes('recebemos seu contato')),
      `first message to ${to}`,
    );
    expect(JSON.stringify(sent.body)).toContain(variant.expect?.name ? `Olá ${variant.expect.name}` : 'Olá');
  });

  it('de-duplicates by phone: a customer who already wrote keeps one contact, one live ticket and their name', async () => {
    expect((await app.postWebhook(textWebhook('5511966660000', 'oi', { name: 'Rafa Perfil' }).body)).statusCode).toBe(200);
    const known = await contactByPhone(app, app.companyA.id, '+5511966660000');
    const { rows: live } = await app.server.database.pool.query("select id from tickets where contact_id = $1 and status <> 'closed'", [
      known!.id,
    ]);
    const first = await postLead(app, hook.path, {
      lead: { contact: { name: 'Rafael', phone: '(11) 96666-0000', email: 'rafa@example.com' } },
    });
    expect(first.statusCode, first.body).toBe(202);
    const again = await postLead(app, hook.path, { lead: { contact: { name: 'Rafael', phone: '+55 11 966660000' }, tags: 'Retorno' } });
    expect(again.statusCode, again.body).toBe(202);
    expect(first.json()).toEqual({ contactId: known!.id, ticketId: Number(live[0].id) });
    expect(again.json()).toEqual(first.json());
    const contact = await contactByPhone(app, app.companyA.id, '+5511966660000');
    expect(contact).toMatchObject({ name: 'Rafa Perfil', email: 'rafa@example.com', tags: ['Retorno', 'Site'] });
    const { rows } = await app.server.database.pool.query('select count(*)::int as n from contacts where company_id = $1 and phone = $2', [
      app.companyA.id,
      '+5511966660000',
    ]);
    expect(rows[0].n).toBe(1);
  });

  it('files the same lead posted three times at once as one contact and one ticket', async () => {
    const lead = { lead: { contact: { name: 'Duda', phone: '11 97777-6060' } } };
    const answers = await Promise.all([1, 2, 3].map(() => postLead(app, hook.path, lead)));
    expect(answers.map((a) => a.statusCode)).toEqual([202, 202, 202]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    const { rows } = await app.server.database.pool.query(
      `select count(distinct c.id)::int as contacts, count(t.id)::int as tickets from contacts c left join tickets t on t.contact_id = c.id
        where c.company_id = $1 and c.phone = '+5511977776060'`,
      [app.companyA.id],
    );
    expect(rows[0]).toEqual({ contacts: 1, tickets: 1 });
  });

  it('replays a logged request through the current mapping', async () => {
    const draft = await createLeadHook(app, app.companyA, { name: 'Zapier' });
    const payload = { data: { fullName: 'Helena Prado', whatsapp: '11977771010', source: 'zapier' } };
    const refused = await postLead(app, draft.path, payload);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'LEAD_MAPPING_INCOMPLETE', fields: { phone: 'not mapped' } });
    const [logged] = await logOf(app, app.companyA, draft.id);
    // The mapping screen is built from this payload.
    expect(logged).toMatchObject({ status: 'rejected', payload });
    const mapped = await app.inject({
      method: 'PUT',
      url: `/api/lead-hooks/${draft.id}`,
      token: app.companyA.adminToken,
      payload: { mapping: { name: 'data.fullName', phone: 'data.whatsapp', customFields: {} }, actions: { tagIds: [siteTagId] } },
    });
    expect(mapped.statusCode, mapped.body).toBe(200);
    const replay = await app.inject({
      method: 'POST',
      url: `/api/lead-hooks/${draft.id}/requests/${logged!.id}/replay`,
      token: app.companyA.adminToken,
    });
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json()).toMatchObject({ status: 'accepted', replayOf: logged!.id, ticketId: null, payload });
    const contact = await contactByPhone(app, app.companyA.id, '+5511977771010');
    expect(contact).toMatchObject({ id: replay.json().contactId, name: 'Helena Prado', tags: ['Site'] });
    expect((await logOf(app, app.companyA, draft.id)).map((r) => r.status)).toEqual(['accepted', 'rejected']);
  });

  it('starts the chosen published flow on the lead’s new ticket', async () => {
    const flowId = await createFlow(
      app,
      app.companyA.adminToken,
      graphOf(
        [
          ['start', 'start', { trigger: { kind: 'leadWebhook' } }],
          ['ask', 'question', { prompt: 'Qual produto te interessa?', answer: 'text', saveAs: 'produto' }],
          ['bye', 'message', { text: 'Obrigado!' }],
        ],
        [
          ['start', 'next', 'ask'],
          ['ask', 'next', 'bye'],
        ],
      ),
      true,
    );
    const flowHook = await createLeadHook(app, app.companyA, {
      name: 'Landing',
      mapping: { name: 'nome', phone: 'telefone' },
      actions: { connectionId: app.cloudConnectionId, route: 'flow', flowId },
    });
    const response = await postLead(app, flowHook.path, 'nome=Lara&telefone=11977772020');
    expect(response.statusCode, response.body).toBe(202);
    const { ticketId } = response.json();
    const ticket = await app.inject({ method: 'GET', url: `/api/tickets/${ticketId}`, token: app.companyA.adminToken });
    expect(ticket.json()).toMatchObject({ status: 'bot', queueId: null });
    const { rows } = await app.server.database.pool.query('select flow_id from flow_sessions where ticket_id = $1 and ended_at is null', [
      ticketId,
    ]);
    expect(rows.map((r) => Number(r.flow_id))).toEqual([flowId]);
    await eventually(
      async () => app.graph.sentMessages().some((m) => m.to === '5511977772020' && JSON.stringify(m.body).includes('Qual produto')),
      'the flow’s question',
    );
    // An unpublished flow cannot be started: the lead is refused whole and the log says why.
    const draftFlow = await createFlow(
      app,
      app.companyA.adminToken,
      graphOf([['start', 'start', { trigger: { kind: 'leadWebhook' } }]], []),
    );
    await app.inject({
      method: 'PUT',
      url: `/api/lead-hooks/${flowHook.id}`,
      token: app.companyA.adminToken,
      payload: { actions: { connectionId: app.cloudConnectionId, route: 'flow', flowId: draftFlow } },
    });
    const refused = await postLead(app, flowHook.path, 'nome=Lia&telefone=11977772021');
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'LEAD_HOOK_MISCONFIGURED', fields: { 'actions.flowId': expect.any(String) } });
    expect(await contactByPhone(app, app.companyA.id, '+5511977772021')).toBeUndefined();
    expect((await logOf(app, app.companyA, flowHook.id))[0]).toMatchObject({ status: 'failed', httpStatus: 422 });
  });
});
