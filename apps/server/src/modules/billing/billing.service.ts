import type pg from 'pg';
import type {
  BillingSummary,
  CheckoutResponse,
  CompanyStatus,
  Invoice,
  InvoiceStatus,
  PaymentMethod,
  PlatformInvoice,
} from '@jimmy/contracts';
import { withTransaction, type Queryable } from '../../infra/db/index.js';
import { invalid, notFound } from '../../infra/errors.js';
import type { EventBus } from '../../infra/events.js';
import type { Logger } from '../../infra/logger.js';
import type { Mailer } from '../../infra/mailer.js';
import type { AuthContext } from '../auth/index.js';
import type { CompanyStatusService } from '../companies/index.js';
import type { PlansRepository } from '../plans/index.js';
import { billingSql as sql, toInvoice, type InvoiceRow } from './billing.repository.js';
import type { PaymentGateway } from './gateway.js';
import { addMonth, startOfUtcDay, utcDate } from './periods.js';
import { reminderMail } from './reminder-mail.js';

const missing = () => notFound('Invoice');

export interface BillingDeps {
  pool: pg.Pool;
  events: EventBus;
  plans: PlansRepository;
  companyStatus: CompanyStatusService;
  mailer: Mailer;
  gateway: PaymentGateway;
  logger: Logger;
  publicUrl?: string | undefined;
  reminderDays: number;
  graceDays: number;
}

interface Payment {
  companyId: number;
  previous: CompanyStatus;
  status: CompanyStatus;
}

/**
 * Invoices per period, their charges at the gateway, payment (gateway webhook or the platform's
 * "mark as paid") and dunning. Paying an invoice, extending paid_until and re-activating the company
 * happen in one transaction; `company.status.changed` is published only after it committed.
 */
export class BillingService {
  constructor(private readonly deps: BillingDeps) {}

  async summary(auth: AuthContext): Promise<BillingSummary> {
    const company = await sql.company(this.deps.pool, auth.companyId);
    if (!company) throw notFound('Company');
    const plan = company.plan_id ? await this.deps.plans.get(company.plan_id) : undefined;
    return {
      status: company.status,
      plan: plan ? { id: plan.id, name: plan.name, priceCents: plan.priceCents } : null,
      trialEndsAt: company.trial_ends_at?.toISOString() ?? null,
      paidUntil: company.paid_until?.toISOString() ?? null,
      gateway: this.deps.gateway.name,
      plans: await this.deps.plans.listPublic(),
      invoices: (await sql.invoices(this.deps.pool, auth.companyId)).map(toInvoice),
    };
  }

  async invoice(auth: AuthContext, id: number): Promise<Invoice> {
    const row = await sql.invoice(this.deps.pool, auth.companyId, id);
    if (!row) throw missing();
    return toInvoice(row);
  }

  /**
   * The invoice to pay now (the oldest open one, or a new one for the current period) at the chosen
   * plan's price, and a charge for it at the gateway. Called again, it reuses both unless the plan
   * or the payment method changed.
   */
  async checkout(
    auth: AuthContext,
    input: { planId: number; method: PaymentMethod; cpfCnpj?: string | undefined },
    now = new Date(),
  ): Promise<CheckoutResponse> {
    const plan = await this.deps.plans.get(input.planId);
    if (!plan || plan.archived) throw invalid({ planId: 'unknown plan' });
    if (plan.priceCents <= 0) throw invalid({ planId: 'this plan is free: there is nothing to pay' });
    const invoiceId = await withTransaction(this.deps.pool, async (client) => {
      const company = await client.query<{ paid_until: Date | null }>('select paid_until from companies where id = $1 for update', [
        auth.companyId,
      ]);
      // An unpaid invoice whose period is already over was for months the company could not use
      // (read-only): it is voided, and the company pays from today instead of for the past.
      await client.query(
        `update invoices set status = 'void', updated_at = now() where company_id = $1 and status = 'open' and period_end <= $2::date`,
        [auth.companyId, utcDate(now)],
      );
      const open = await sql.openInvoice(client, auth.companyId);
      if (open) {
        if (open.plan_id !== plan.id || open.amount_cents !== plan.priceCents) {
          await sql.repriceInvoice(client, auth.companyId, open.id, plan.id, plan.priceCents);
        }
        return open.id;
      }
      const paidUntil = company.rows[0]?.paid_until ?? null;
      // Paid ahead: the new period starts where the paid one ends; otherwise today.
      const startsAt = paidUntil && paidUntil > now ? paidUntil : now;
      const periodStart = utcDate(startsAt);
      return sql.insertInvoice(client, {
        companyId: auth.companyId,
        planId: plan.id,
        periodStart,
        periodEnd: addMonth(periodStart),
        amountCents: plan.priceCents,
        dueAt: startsAt,
      });
    });
    let invoice = (await sql.invoice(this.deps.pool, auth.companyId, invoiceId))!;
    if (!this.reusable(invoice, input.method)) {
      await this.charge(invoice, input.method, { name: auth.user.company.name, email: auth.user.email, cpfCnpj: input.cpfCnpj }, now);
      invoice = (await sql.invoice(this.deps.pool, auth.companyId, invoiceId))!;
    }
    return { invoice: toInvoice(invoice), paymentUrl: invoice.payment_url, pixCode: invoice.pix_code };
  }

  /** A stored charge still fits: same gateway, and a Pix code when Pix is wanted (none when a card is). */
  private reusable(invoice: InvoiceRow, method: PaymentMethod): boolean {
    if (this.deps.gateway.name === 'manual') return true;
    if (invoice.gateway !== this.deps.gateway.name || !invoice.gateway_charge_id) return false;
    if (method === 'pix') return invoice.pix_code !== null;
    if (method === 'card') return invoice.pix_code === null;
    return true;
  }

  private async charge(
    invoice: InvoiceRow,
    method: PaymentMethod,
    customer: { name: string; email: string; cpfCnpj?: string | undefined },
    now: Date,
  ): Promise<void> {
    const { gateway, pool } = this.deps;
    let customerId = await sql.customerId(pool, invoice.company_id, gateway.name);
    if (!customerId) {
      const created = await gateway.createCustomer({ companyId: invoice.company_id, ...customer });
      if (!created) return;
      customerId = await sql.saveCustomer(pool, invoice.company_id, gateway.name, created);
    }
    const dueDate = utcDate(invoice.due_at > now ? invoice.due_at : now);
    const charge = await gateway.createCharge(
      {
        invoiceId: invoice.id,
        customerId,
        amountCents: invoice.amount_cents,
        dueDate,
        description: `Jimmy Chat · ${invoice.plan_name} · ${invoice.period_start} – ${invoice.period_end}`,
      },
      method,
    );
    if (!charge) return;
    await sql.saveCharge(pool, invoice.company_id, invoice.id, {
      gateway: gateway.name,
      chargeId: charge.chargeId,
      paymentUrl: charge.paymentUrl,
      pixCode: charge.pixCode ?? null,
    });
  }

  /**
   * A gateway's notification: verified (401 before anything is stored), recorded once by its event
   * id (a replay answers as the first did and changes nothing), and a payment pays its invoice.
   */
  async handleWebhook(
    gatewayName: string,
    headers: Record<string, string | string[] | undefined>,
    rawBody: string,
  ): Promise<{ duplicate: boolean; invoiceId: number | null }> {
    const { gateway } = this.deps;
    if (gateway.name !== gatewayName) throw notFound('Route', 'NOT_FOUND');
    const event = gateway.parseWebhook(headers, rawBody);
    const result = await withTransaction(this.deps.pool, async (client) => {
      const inserted = await client.query<{ id: number }>(
        `insert into billing_events (gateway, event_id, kind) values ($1, $2, $3)
         on conflict (gateway, event_id) do nothing returning id`,
        [gateway.name, event.eventId, event.kind],
      );
      const eventRow = inserted.rows[0];
      if (!eventRow) return { duplicate: true, invoiceId: null, payment: null };
      const { rows } = await client.query<{ id: number; company_id: number }>(
        `select id, company_id from invoices
          where ($2::bigint is not null and id = $2 and (gateway is null or gateway = $1))
             or ($3::text is not null and gateway = $1 and gateway_charge_id = $3)
          order by (id = $2) desc nulls last limit 1`,
        [gateway.name, event.invoiceId, event.chargeId],
      );
      const invoice = rows[0];
      if (!invoice) return { duplicate: false, invoiceId: null, payment: null };
      await client.query('update billing_events set company_id = $2, invoice_id = $3 where id = $1', [
        eventRow.id,
        invoice.company_id,
        invoice.id,
      ]);
      const payment = event.effect === 'paid' ? await this.payIn(client, invoice.company_id, invoice.id, { via: 'gateway' }) : null;
      return { duplicate: false, invoiceId: invoice.id, payment };
    });
    if (result.payment) this.announce(result.payment);
    if (!result.duplicate && !result.invoiceId) this.deps.logger.warn({ event }, 'billing event matched no invoice');
    return { duplicate: result.duplicate, invoiceId: result.invoiceId };
  }

  /** The platform admin confirms a payment received outside any gateway; a paid invoice stays as it was. */
  async markPaid(auth: AuthContext, invoiceId: number): Promise<PlatformInvoice> {
    const payment = await withTransaction(this.deps.pool, async (client) => {
      const { rows } = await client.query<{ company_id: number }>('select company_id from invoices where id = $1 for update', [invoiceId]);
      const invoice = rows[0];
      if (!invoice) throw missing();
      return this.payIn(client, invoice.company_id, invoiceId, { via: 'manual', userId: auth.userId });
    });
    if (payment) this.announce(payment);
    const [item] = await sql.platformInvoices(this.deps.pool, { limit: 1, id: invoiceId });
    return item!;
  }

  platformInvoices(filter: { status?: InvoiceStatus | undefined; limit: number }): Promise<PlatformInvoice[]> {
    return sql.platformInvoices(this.deps.pool, filter);
  }

  /**
   * Pays an invoice inside the caller's transaction: paid_until moves to the period's end (never
   * back), the company takes the invoice's plan and becomes active (a suspended one stays suspended).
   * A void invoice is paid too (money that arrived on an old charge is still credited). Null when it
   * was paid already: nothing changes.
   */
  private async payIn(
    q: Queryable,
    companyId: number,
    invoiceId: number,
    how: { via: 'gateway' | 'manual'; userId?: number },
  ): Promise<Payment | null> {
    const paid = await q.query<{ plan_id: number; period_end: string }>(
      `update invoices set status = 'paid', paid_at = now(), paid_via = $3, paid_by_user_id = $4, updated_at = now()
        where company_id = $1 and id = $2 and status in ('open', 'void')
        returning plan_id, period_end::text as period_end`,
      [companyId, invoiceId, how.via, how.userId ?? null],
    );
    const invoice = paid.rows[0];
    if (!invoice) return null;
    const { rows } = await q.query<{ previous: CompanyStatus; status: CompanyStatus }>(
      `update companies c
          set paid_until = greatest(coalesce(c.paid_until, $3::timestamptz), $3::timestamptz),
              plan_id = $2,
              status = case when old.previous = 'suspended' then c.status else 'active' end,
              status_reason = case when old.previous in ('suspended', 'active') then c.status_reason else 'invoice_paid' end,
              status_changed_at = case when old.previous in ('suspended', 'active') then c.status_changed_at else now() end,
              updated_at = now()
         from (select id, status as previous from companies where id = $1 for update) old
        where c.id = old.id
        returning old.previous, c.status`,
      [companyId, invoice.plan_id, startOfUtcDay(invoice.period_end)],
    );
    const row = rows[0]!;
    return { companyId, previous: row.previous, status: row.status };
  }

  private announce(payment: Payment): void {
    if (payment.previous === payment.status) return;
    this.deps.events.publish('company.status.changed', {
      companyId: payment.companyId,
      status: payment.status,
      previous: payment.previous,
      reason: 'invoice_paid',
    });
  }

  /**
   * One dunning pass: next-period invoices for paying companies whose paid period is about to end, a
   * reminder BILLING_REMINDER_DAYS before the due date and one on it (each claimed before it is sent,
   * so never twice), and read-only for companies still unpaid BILLING_GRACE_DAYS after it.
   */
  async dunning(now = new Date()): Promise<{ created: number; reminded: number; readOnly: number }> {
    const { pool, reminderDays, graceDays } = this.deps;
    let created = 0;
    const due = await pool.query<{ id: number; plan_id: number; price_cents: number; paid_until: Date }>(
      `select c.id, c.plan_id, p.price_cents, c.paid_until from companies c join plans p on p.id = c.plan_id
        where c.status = 'active' and c.paid_until is not null and p.price_cents > 0
          and c.paid_until <= $1::timestamptz + make_interval(days => $2)
          and not exists (select 1 from invoices i where i.company_id = c.id and i.period_start >= (c.paid_until at time zone 'UTC')::date)`,
      [now, reminderDays + 1],
    );
    for (const company of due.rows) {
      const periodStart = utcDate(company.paid_until);
      const id = await sql.insertInvoice(pool, {
        companyId: company.id,
        planId: company.plan_id,
        periodStart,
        periodEnd: addMonth(periodStart),
        amountCents: company.price_cents,
        dueAt: company.paid_until,
      });
      created++;
      if (this.deps.gateway.name !== 'manual') await this.chargeForReminder(company.id, id, now);
    }

    let reminded = 0;
    // Stage 1: before the due date; stage 2: on or after it. The update claims the stage first.
    const stages: { stage: 1 | 2; where: string }[] = [
      { stage: 1, where: `i.reminders_sent = 0 and i.due_at > $1 and i.due_at - make_interval(days => $2) <= $1` },
      // Not for an invoice opened at checkout a moment ago: its admin is paying it right now.
      { stage: 2, where: `i.reminders_sent < 2 and i.due_at <= $1 and i.created_at < $1 - interval '12 hours'` },
    ];
    for (const { stage, where } of stages) {
      const claimed = await pool.query<InvoiceRow>(
        `update invoices i set reminders_sent = $3, last_reminder_at = $1, updated_at = now()
           from plans p where p.id = i.plan_id and i.status = 'open' and $2::int >= 0 and ${where}
         returning i.id, i.company_id, i.plan_id, p.name as plan_name, i.period_start::text as period_start,
                   i.period_end::text as period_end, i.amount_cents, i.status, i.due_at, i.paid_at, i.paid_via, i.gateway,
                   i.gateway_charge_id, i.payment_url, i.pix_code, i.reminders_sent, i.created_at`,
        [now, reminderDays, stage],
      );
      for (const invoice of claimed.rows) {
        if (await this.remind(invoice, stage === 1 ? 'soon' : 'due')) reminded++;
      }
    }

    let readOnly = 0;
    const overdue = await pool.query<{ company_id: number }>(
      `select distinct i.company_id from invoices i join companies c on c.id = i.company_id
        where i.status = 'open' and i.due_at + make_interval(days => $2) < $1
          and c.status = 'active' and (c.paid_until is null or c.paid_until < $1)`,
      [now, graceDays],
    );
    for (const { company_id } of overdue.rows) {
      if (await this.deps.companyStatus.set(company_id, 'read_only', 'invoice_overdue', { only: ['active'] })) readOnly++;
    }
    return { created, reminded, readOnly };
  }

  /** Best effort: a reminder with the gateway's payment link is better, one without it still works. */
  private async chargeForReminder(companyId: number, invoiceId: number, now: Date): Promise<void> {
    try {
      const invoice = await sql.invoice(this.deps.pool, companyId, invoiceId);
      const company = await sql.company(this.deps.pool, companyId);
      const [admin] = await sql.adminEmails(this.deps.pool, companyId);
      if (!invoice || !company || !admin || invoice.gateway_charge_id) return;
      await this.charge(invoice, 'undefined', { name: company.name, email: admin.email }, now);
    } catch (error) {
      this.deps.logger.warn(
        { err: error, companyId, invoiceId },
        'billing: charge for the next period failed; the reminder goes without a link',
      );
    }
  }

  private async remind(invoice: InvoiceRow, kind: 'soon' | 'due'): Promise<boolean> {
    const company = await sql.company(this.deps.pool, invoice.company_id);
    if (!company) return false;
    let sent = false;
    for (const admin of await sql.adminEmails(this.deps.pool, invoice.company_id)) {
      const mail = reminderMail({
        kind,
        language: admin.language === 'en' ? 'en' : 'pt-BR',
        name: admin.name,
        company: company.name,
        invoice: toInvoice(invoice),
        billingUrl: this.deps.publicUrl ? `${this.deps.publicUrl.replace(/\/+$/, '')}/billing` : null,
        graceDays: this.deps.graceDays,
      });
      try {
        await this.deps.mailer.send({ to: admin.email, ...mail });
        sent = true;
      } catch (error) {
        this.deps.logger.warn({ err: error, invoiceId: invoice.id }, 'billing reminder not sent');
      }
    }
    return sent;
  }
}
