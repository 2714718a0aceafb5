import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, callApi, conversationAction, demoAdmin, launchBrowser, login, screenshot } from './browser.js';

/**
 * Service routing as a company meets it: the admin builds two queues and the opening hours in the
 * browser, a site visitor picks "Suporte" from the widget's menu, only the Suporte agent sees the
 * conversation, schedules a message that goes out, closes with the survey, and the rating shows.
 */
const stamp = Date.now().toString(36);
const VISITOR = `Visitante Filas ${stamp}`;
const SALES = `Vendas ${stamp}`;
const SUPPORT = `Suporte ${stamp}`;
const TIME_ZONE = 'America/Sao_Paulo';

let browser: Browser;
let adminToken: string;
const contexts: BrowserContext[] = [];
const api = <T>(method: string, path: string, body?: unknown, token = adminToken): Promise<T> => callApi<T>(token, method, path, body);

async function newPage(width = 1366, height = 768): Promise<Page> {
  const context = await browser.newContext({ locale: 'pt-BR', viewport: { width, height }, timezoneId: TIME_ZONE });
  contexts.push(context);
  return context.newPage();
}

/** Today's weekday key and a clock time in the company's time zone. */
function zoned(date: Date): { weekday: string; date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: TIME_ZONE,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return {
    weekday: parts.weekday!.toLowerCase().slice(0, 3),
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

const agents: Record<'sales' | 'support', { id: number; email: string; password: string; name: string }> = {
  sales: { id: 0, email: `vendas-${stamp}@demo.jimmy.chat`, password: 'agente de vendas 2026', name: `Vera Vendas ${stamp}` },
  support: { id: 0, email: `suporte-${stamp}@demo.jimmy.chat`, password: 'agente de suporte 2026', name: `Sílvio Suporte ${stamp}` },
};

beforeAll(async () => {
  browser = await launchBrowser();
  adminToken = (
    await (
      await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(demoAdmin),
      })
    ).json()
  ).accessToken;
  for (const agent of Object.values(agents)) {
    agent.id = (
      await api<{ id: number }>('POST', '/api/users', { name: agent.name, email: agent.email, password: agent.password, role: 'agent' })
    ).id;
  }
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('service routing in the browser', () => {
  let admin: Page;
  let widgetKey: string;

  it('the admin creates two queues with their agents', async () => {
    admin = await newPage();
    await login(admin, demoAdmin.email, demoAdmin.password);
    await admin.goto(`${baseUrl}/queues`);
    for (const [name, agent] of [
      [SALES, agents.sales],
      [SUPPORT, agents.support],
    ] as const) {
      await admin.getByTestId('queues-new').click();
      await admin.getByTestId('queue-form-name').fill(name);
      const members = admin.getByTestId('queue-form-members');
      await members.click();
      await members.fill(agent.name.slice(0, 8));
      await admin.getByRole('option', { name: agent.name }).click();
      await admin.keyboard.press('Escape');
      await admin.getByTestId('queue-form-submit').click();
      await admin.getByTestId('queues-list').getByText(name, { exact: true }).waitFor();
    }
    await screenshot(admin, 'routing-queues');
  });

  it('the admin sets the opening hours so that the company is open now', async () => {
    await admin.goto(`${baseUrl}/settings`);
    await admin.getByTestId('settings-tab-hours').click();
    const enabled = admin.getByTestId('settings-hours-enabled');
    if (!(await enabled.isChecked())) await enabled.check({ force: true });
    const { weekday } = zoned(new Date());
    const start = admin.getByTestId(`settings-hours-${weekday}-0-start`);
    if (!(await start.isVisible())) await admin.getByTestId(`settings-hours-${weekday}-add`).click();
    await start.fill('00:00');
    await admin.getByTestId(`settings-hours-${weekday}-0-end`).fill('23:59');
    await admin.getByTestId('settings-hours-save').click();
    await expect.poll(async () => (await api<{ hours: { schedule: unknown } }>('GET', '/api/settings')).hours.schedule).not.toBeNull();
    await expect.poll(() => admin.getByTestId('hours-status').textContent()).toMatch(/aberto/i);
    await screenshot(admin, 'routing-hours');

    const queues = await api<{ id: number; name: string }[] | { items: { id: number; name: string }[] }>('GET', '/api/queues');
    const list = Array.isArray(queues) ? queues : queues.items;
    const ids = [SALES, SUPPORT].map((name) => list.find((queue) => queue.name === name)!.id);
    const connection = await api<{ id: number; widgetKey: string }>('POST', '/api/connections', {
      type: 'webchat',
      name: `Site com filas ${stamp}`,
    });
    await api('PATCH', `/api/connections/${connection.id}`, { queueIds: ids });
    widgetKey = connection.widgetKey;
  });

  let visitor: Page;
  it('a site visitor picks "Suporte" from the menu', async () => {
    visitor = await newPage(390, 844);
    await visitor.goto(`${baseUrl}/widget-demo?key=${widgetKey}`);
    await visitor.getByTestId('widget-bubble').click();
    await visitor.getByTestId('widget-name').fill(VISITOR);
    await visitor.getByTestId('widget-start-submit').click();
    await visitor.getByTestId('widget-input').fill('Olá, preciso de ajuda');
    await visitor.getByTestId('widget-send').click();
    const choices = visitor.getByTestId('widget-choices');
    await choices.getByRole('button', { name: SALES }).waitFor();
    await screenshot(visitor, 'routing-widget-menu');
    await choices.getByRole('button', { name: SUPPORT }).click();
    await expect.poll(() => choices.count()).toBe(0);
  });

  let supportAgent: Page;
  it('the Suporte agent sees the conversation waiting; the Vendas agent does not', async () => {
    supportAgent = await newPage();
    await login(supportAgent, agents.support.email, agents.support.password);
    await supportAgent.getByTestId('tickets-tab-pending').click();
    await supportAgent.getByTestId('ticket-list').getByText(VISITOR).waitFor({ timeout: 15_000 });

    const salesAgent = await newPage();
    await login(salesAgent, agents.sales.email, agents.sales.password);
    await salesAgent.getByTestId('tickets-tab-pending').click();
    await salesAgent.getByTestId('ticket-list').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await salesAgent.getByTestId('ticket-list').getByText(VISITOR).count()).toBe(0);
    await screenshot(salesAgent, 'routing-sales-agent-list');
  });

  it('the agent accepts, schedules a message and sees it sent', async () => {
    await supportAgent.getByTestId('ticket-list').getByText(VISITOR).click();
    await supportAgent.getByTestId('conversation-header').getByTestId('ticket-status').waitFor();
    await conversationAction(supportAgent, 'ticket-accept');
    await expect
      .poll(() => supportAgent.getByTestId('conversation-header').getByTestId('ticket-status').textContent())
      .toMatch(/atendimento/i);
    await supportAgent.getByTestId('composer-schedule').click();
    const modal = supportAgent.getByTestId('schedule-modal');
    // The next whole minute in the company's time zone (at least 20 s ahead, so the form stays valid).
    const due = zoned(new Date(Date.now() + 80_000));
    await modal.getByTestId('schedule-date').fill(due.date);
    await modal.getByTestId('schedule-time').fill(due.time);
    await modal.getByTestId('schedule-body').fill('Passando para confirmar: seu problema foi resolvido?');
    await modal.getByTestId('schedule-submit').click();
    await modal.waitFor({ state: 'hidden' });
    // The conversation's side panel lists its scheduled messages (a drawer below 1440 px).
    const scheduled = supportAgent.getByTestId('ticket-scheduled');
    if (!(await scheduled.isVisible())) await supportAgent.getByTestId('contact-panel-toggle').click();
    await scheduled.getByTestId('scheduled-status').first().waitFor();
    await screenshot(supportAgent, 'routing-scheduled');
    await expect
      .poll(() => scheduled.getByTestId('scheduled-status').first().textContent(), { timeout: 150_000, interval: 1000 })
      .toMatch(/Enviada/);
    await visitor.getByText('Passando para confirmar: seu problema foi resolvido?').waitFor({ timeout: 15_000 });
  }, 200_000);

  it('the agent closes with the survey, the customer answers 5, and the history shows the rating', async () => {
    if (await supportAgent.getByRole('dialog').isVisible()) await supportAgent.keyboard.press('Escape');
    await conversationAction(supportAgent, 'ticket-close');
    const sendSurvey = supportAgent.getByTestId('close-send-survey');
    await sendSurvey.waitFor();
    if (!(await sendSurvey.isChecked())) await sendSurvey.check({ force: true });
    await supportAgent.getByTestId('ticket-close-confirm').click();

    const choices = visitor.getByTestId('widget-choices');
    await choices.getByRole('button', { name: /^5/ }).click({ timeout: 15_000 });
    await visitor.getByTestId('widget-input').fill('não');
    await visitor.getByTestId('widget-send').click();
    await screenshot(visitor, 'routing-widget-survey');

    const ticket = (await api<{ items: { id: number }[] }>('GET', `/api/tickets?q=${encodeURIComponent(VISITOR)}`)).items[0]!;
    await expect
      .poll(async () => (await api<{ survey: { score: number } | null }>('GET', `/api/tickets/${ticket.id}`)).survey?.score, {
        timeout: 15_000,
      })
      .toBe(5);
    // The conversation's header carries the rating, and its timeline (the ticket's history) says it.
    await supportAgent.getByTestId('ticket-survey-badge').waitFor({ timeout: 15_000 });
    const timeline = supportAgent.getByTestId('ticket-timeline');
    if (!(await timeline.isVisible())) await supportAgent.getByTestId('contact-panel-toggle').click();
    await expect.poll(() => timeline.textContent(), { timeout: 15_000 }).toMatch(/avaliou: 5\/5/);
    await screenshot(supportAgent, 'routing-history-rating');
  });
});
