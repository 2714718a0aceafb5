import type { CompanyStatus, Invoice, InvoiceStatus, PlatformInvoice } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';

export interface InvoiceRow {
  id: number;
  company_id: number;
  plan_id: number;
  plan_name: string;
  period_start: string;
  period_end: string;
  amount_cents: number;
  status: InvoiceStatus;
  due_at: Date;
  paid_at: Date | null;
  paid_via: 'gateway' | 'manual' | null;
  gateway: string | null;
  gateway_charge_id: string | null;
  payment_url: string | null;
  pix_code: string | null;
  reminders_sent: number;
  created_at: Date;
}

const invoiceColumns = `i.id, i.company_id, i.plan_id, p.name as plan_name, i.period_start::text as period_start,
  i.period_end::text as period_end, i.amount_cents, i.status, i.due_at, i.paid_at, i.paid_via, i.gateway,
  i.gateway_charge_id, i.payment_url, i.pix_code, i.reminders_sent, i.created_at`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toInvoice(r: InvoiceRow): Invoice {
  return {
    id: r.id,
    plan: { id: r.plan_id, name: r.plan_name },
    periodStart: r.period_start,
    periodEnd: r.period_end,
    amountCents: r.amount_cents,
    status: r.status,
    dueAt: iso(r.due_at)!,
    paidAt: iso(r.paid_at),
    paidVia: r.paid_via,
    paymentUrl: r.payment_url,
    pixCode: r.pix_code,
    createdAt: iso(r.created_at)!,
  };
}

export interface CompanyBillingRow {
  id: number;
  name: string;
  status: CompanyStatus;
  plan_id: number | null;
  trial_ends_at: Date | null;
  paid_until: Date | null;
}

/** Billing's SQL. Company-facing reads always carry company_id; the platform's list is the one exception, by design. */
export const billingSql = {
  async company(q: Queryable, companyId: number): Promise<CompanyBillingRow | undefined> {
    const { rows } = await q.query<CompanyBillingRow>(
      'select id, name, status, plan_id, trial_ends_at, paid_until from companies where id = $1',
      [companyId],
    );
    return rows[0];
  },

  async invoices(q: Queryable, companyId: number): Promise<InvoiceRow[]> {
    const { rows } = await q.query<InvoiceRow>(
      `select ${invoiceColumns} from invoices i join plans p on p.id = i.plan_id
        where i.company_id = $1 order by i.period_start desc, i.id desc limit 120`,
      [companyId],
    );
    return rows;
  },

  async invoice(q: Queryable, companyId: number, id: number): Promise<InvoiceRow | undefined> {
    const { rows } = await q.query<InvoiceRow>(
      `select ${invoiceColumns} from invoices i join plans p on p.id = i.plan_id where i.company_id = $1 and i.id = $2`,
      [companyId, id],
    );
    return rows[0];
  },

  /** The company's oldest open invoice: checkout pays it before opening another. */
  async openInvoice(q: Queryable, companyId: number): Promise<InvoiceRow | undefined> {
    const { rows } = await q.query<InvoiceRow>(
      `select ${invoiceColumns} from invoices i join plans p on p.id = i.plan_id
        where i.company_id = $1 and i.status = 'open' order by i.period_start, i.id limit 1 for update of i`,
      [companyId],
    );
    return rows[0];
  },

  /** Inserts the period's invoice, or returns the one a concurrent request (or the dunning job) made. */
  async insertInvoice(
    q: Queryable,
    input: { companyId: number; planId: number; periodStart: string; periodEnd: string; amountCents: number; dueAt: Date },
  ): Promise<number> {
    const { rows } = await q.query<{ id: number }>(
      `insert into invoices (company_id, plan_id, period_start, period_end, amount_cents, due_at)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (company_id, period_start) do update set updated_at = invoices.updated_at
       returning id`,
      [input.companyId, input.planId, input.periodStart, input.periodEnd, input.amountCents, input.dueAt],
    );
    return rows[0]!.id;
  },

  async repriceInvoice(q: Queryable, companyId: number, id: number, planId: number, amountCents: number): Promise<void> {
    await q.query(
      `update invoices set plan_id = $3, amount_cents = $4, gateway = null, gateway_charge_id = null, payment_url = null,
              pix_code = null, updated_at = now()
        where company_id = $1 and id = $2 and status = 'open'`,
      [companyId, id, planId, amountCents],
    );
  },

  async saveCharge(
    q: Queryable,
    companyId: number,
    id: number,
    charge: { gateway: string; chargeId: string; paymentUrl: string | null; pixCode: string | null },
  ): Promise<void> {
    await q.query(
      `update invoices set gateway = $3, gateway_charge_id = $4, payment_url = $5, pix_code = $6, updated_at = now()
        where company_id = $1 and id = $2 and status = 'open'`,
      [companyId, id, charge.gateway, charge.chargeId, charge.paymentUrl, charge.pixCode],
    );
  },

  async customerId(q: Queryable, companyId: number, gateway: string): Promise<string | undefined> {
    const { rows } = await q.query<{ customer_id: string }>(
      'select customer_id from billing_customers where company_id = $1 and gateway = $2',
      [companyId, gateway],
    );
    return rows[0]?.customer_id;
  },

  async saveCustomer(q: Queryable, companyId: number, gateway: string, customerId: string): Promise<string> {
    const { rows } = await q.query<{ customer_id: string }>(
      `insert into billing_customers (company_id, gateway, customer_id) values ($1, $2, $3)
       on conflict (company_id, gateway) do update set customer_id = billing_customers.customer_id
       returning customer_id`,
      [companyId, gateway, customerId],
    );
    return rows[0]!.customer_id;
  },

  /** Who receives billing mail: the company's active admins. */
  async adminEmails(q: Queryable, companyId: number): Promise<{ email: string; name: string; language: string }[]> {
    const { rows } = await q.query<{ email: string; name: string; language: string }>(
      `select email, name, language from users where company_id = $1 and role = 'admin' and active order by id`,
      [companyId],
    );
    return rows;
  },

  async platformInvoices(
    q: Queryable,
    filter: { status?: InvoiceStatus | undefined; id?: number; limit: number },
  ): Promise<PlatformInvoice[]> {
    const { rows } = await q.query<
      InvoiceRow & { company_name: string; company_status: CompanyStatus; paid_by_id: number | null; paid_by_name: string | null }
    >(
      `select ${invoiceColumns}, c.name as company_name, c.status as company_status, u.id as paid_by_id, u.name as paid_by_name
         from invoices i join plans p on p.id = i.plan_id join companies c on c.id = i.company_id
         left join users u on u.id = i.paid_by_user_id
        where ($1::text is null or i.status = $1) and ($3::bigint is null or i.id = $3)
        order by (i.status = 'open') desc, i.due_at desc, i.id desc limit $2`,
      [filter.status ?? null, filter.limit, filter.id ?? null],
    );
    return rows.map((r) => ({
      ...toInvoice(r),
      company: { id: r.company_id, name: r.company_name, status: r.company_status },
      paidBy: r.paid_by_id !== null && r.paid_by_name !== null ? { id: r.paid_by_id, name: r.paid_by_name } : null,
    }));
  },
};
