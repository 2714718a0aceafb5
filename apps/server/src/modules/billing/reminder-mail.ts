import type { Invoice } from '@jimmy/contracts';

interface ReminderInput {
  kind: 'soon' | 'due';
  language: 'pt-BR' | 'en';
  name: string;
  company: string;
  invoice: Invoice;
  billingUrl: string | null;
  graceDays: number;
}

const brl = (cents: number, language: string) =>
  new Intl.NumberFormat(language, { style: 'currency', currency: 'BRL' }).format(cents / 100);
const day = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));

/** The dunning e-mail, in the admin's language; plain text first (it must read well without HTML). */
export function reminderMail(input: ReminderInput): { subject: string; text: string } {
  const { invoice, language } = input;
  const amount = brl(invoice.amountCents, language);
  const dueOn = day(invoice.dueAt, language);
  const link = invoice.paymentUrl ?? input.billingUrl;
  if (language === 'en') {
    const subject = input.kind === 'soon' ? `Your Jimmy Chat invoice is due on ${dueOn}` : `Your Jimmy Chat invoice is due (${amount})`;
    const text = [
      `Hello ${input.name},`,
      '',
      input.kind === 'soon'
        ? `The ${invoice.plan.name} plan invoice of ${input.company} (${amount}) is due on ${dueOn}.`
        : `The ${invoice.plan.name} plan invoice of ${input.company} (${amount}) was due on ${dueOn} and is still open.`,
      `Unpaid ${input.graceDays} days after the due date, the account becomes read-only until it is paid.`,
      link ? `Pay here: ${link}` : 'Pay it in the console, under Billing.',
      '',
      'Already paid? Then please ignore this message.',
    ].join('\n');
    return { subject, text };
  }
  const subject = input.kind === 'soon' ? `Sua fatura do Jimmy Chat vence em ${dueOn}` : `Sua fatura do Jimmy Chat venceu (${amount})`;
  const text = [
    `Olá, ${input.name}!`,
    '',
    input.kind === 'soon'
      ? `A fatura do plano ${invoice.plan.name} de ${input.company} (${amount}) vence em ${dueOn}.`
      : `A fatura do plano ${invoice.plan.name} de ${input.company} (${amount}) venceu em ${dueOn} e continua em aberto.`,
    `Sem pagamento ${input.graceDays} dias após o vencimento, a conta passa a somente leitura até a fatura ser paga.`,
    link ? `Pague aqui: ${link}` : 'Pague pelo painel, em Assinatura.',
    '',
    'Se já pagou, desconsidere esta mensagem.',
  ].join('\n');
  return { subject, text };
}
