// `node scripts/site-screenshots.mjs`: the public site's feature pictures, taken from the real console.
// Builds if needed, starts the built server on a fresh embedded database with a fake Graph API, fills
// the Demo company with a few believable conversations through the public routes (signed WhatsApp
// webhooks, the REST API), then captures each page at 1200×750 and stores it as WebP (encoded by
// Chromium itself) under apps/server/site-assets/shots/, each at most MAX_BYTES. Re-run it after a
// console change; a page that does not exist yet (the console answers "not found") is skipped.
/* global Image, document -- toWebp runs inside the browser page */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ensureBuilt, ensureInstalled, root } from './lib.mjs';

const OUT = path.join(root, 'apps/server/site-assets/shots');
const MAX_BYTES = 40 * 1024;
const VIEW = { width: 1200, height: 750 };
const CLOUD = {
  phoneNumberId: 'PNID_SITE',
  wabaId: 'WABA_SITE',
  accessToken: 'site-token',
  appSecret: 'site-secret',
  verifyToken: 'site-verify',
};
const ADMIN = { email: 'admin@demo.jimmy.chat', password: 'jimmy-demo-2026' };
const only = process.argv.slice(2);

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

/** Answers the Graph API's send call as Meta documents it, so agents' replies show as sent. */
function fakeGraph(port) {
  let n = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: `wamid.SITE_${Date.now()}_${n++}` }] }));
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

ensureInstalled();
ensureBuilt();
const port = await freePort();
const graphPort = await freePort();
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'jimmy-shots-'));
const graph = await fakeGraph(graphPort);
const server = spawn(process.execPath, [path.join(root, 'apps/server/dist/main.js')], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    REDIS_URL: '',
    LOG_LEVEL: 'warn',
    PUBLIC_URL: base,
    WHATSAPP_GRAPH_URL: `http://127.0.0.1:${graphPort}`,
    WHATSAPP_WEB_SOCKET: 'fake',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});

async function api(token, method, url, body) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

let seq = 0;
async function customerWrites(waId, name, text) {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: CLOUD.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '5511900000000', phone_number_id: CLOUD.phoneNumberId },
              contacts: [{ wa_id: waId, profile: { name } }],
              messages: [
                {
                  id: `wamid.C_${Date.now()}_${seq++}`,
                  from: waId,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const signature = `sha256=${createHmac('sha256', CLOUD.appSecret).update(body).digest('hex')}`;
  const response = await fetch(`${base}/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    body,
  });
  if (response.status !== 200) throw new Error(`webhook: ${response.status}`);
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function seed(token) {
  const queues = [];
  for (const [name, color] of [
    ['Vendas', '#2f9e44'],
    ['Suporte', '#1c7ed6'],
    ['Financeiro', '#f08c00'],
  ])
    queues.push(await api(token, 'POST', '/api/queues', { name, color, greeting: `Você está na fila ${name}.` }));
  const tags = [];
  for (const [name, color] of [
    ['Cliente VIP', '#7950f2'],
    ['Orçamento', '#fab005'],
    ['Pós-venda', '#12b886'],
    ['Urgente', '#fa5252'],
  ])
    tags.push(await api(token, 'POST', '/api/tags', { name, color }));
  for (const [shortcut, body] of [
    ['ola', 'Olá, {{nome}}! Aqui é da equipe Jimmy. Como posso ajudar?'],
    ['prazo', 'O prazo de entrega é de 3 a 5 dias úteis após a confirmação do pagamento.'],
    ['pix', 'Nossa chave Pix é o CNPJ 12.345.678/0001-90. Assim que cair, te aviso por aqui.'],
    ['obrigado', 'Obrigado pelo contato! Qualquer dúvida, é só chamar.'],
  ])
    await api(token, 'POST', '/api/quick-responses', { shortcut, body, scope: 'company' }).catch(() => undefined);
  await api(token, 'POST', '/api/connections', { type: 'whatsapp_cloud', name: 'WhatsApp Comercial', ...CLOUD });
  const customers = [
    ['5511987650001', 'Ana Ribeiro', ['Oi! Vocês entregam em Campinas?', 'Queria um orçamento para 20 unidades']],
    ['5521987650002', 'Bruno Carvalho', ['Bom dia, meu pedido 4821 ainda não chegou']],
    ['5531987650003', 'Carla Mendes', ['Vocês aceitam Pix?']],
    ['5541987650004', 'Diego Martins', ['Preciso da segunda via do boleto']],
    ['5551987650005', 'Eduarda Lima', ['Olá, gostaria de falar com o suporte']],
  ];
  for (const [waId, name, texts] of customers) for (const text of texts) await customerWrites(waId, name, text);
  await pause(1500);
  const { items } = await api(token, 'GET', '/api/tickets?scope=all');
  const byName = (name) => items.find((t) => t.contact?.name === name);
  const ana = byName('Ana Ribeiro');
  const bruno = byName('Bruno Carvalho');
  for (const ticket of [ana, bruno].filter(Boolean)) await api(token, 'POST', `/api/tickets/${ticket.id}/accept`).catch(() => undefined);
  if (ana) {
    await api(token, 'POST', `/api/tickets/${ana.id}/messages`, { body: 'Olá, Ana! Entregamos sim, em até 3 dias úteis.' });
    await api(token, 'POST', `/api/tickets/${ana.id}/messages`, {
      body: 'Para 20 unidades consigo 12% de desconto. Posso te enviar a proposta?',
    });
    await customerWrites('5511987650001', 'Ana Ribeiro', 'Pode sim, obrigada!');
    await api(token, 'POST', `/api/tickets/${ana.id}/notes`, {
      body: 'Cliente de Campinas, já comprou em 2025. Aprovar desconto com o gerente.',
    });
    await api(token, 'POST', `/api/tickets/${ana.id}/tags`, { tagId: tags[1].id });
    await api(token, 'POST', `/api/tickets/${ana.id}/tags`, { tagId: tags[0].id });
    const sendAt = new Date(Date.now() + 5 * 3600_000).toISOString();
    await api(token, 'POST', `/api/tickets/${ana.id}/scheduled-messages`, {
      body: 'Oi, Ana! Conseguiu ver a proposta que enviei ontem?',
      sendAt,
    });
  }
  if (bruno) {
    await api(token, 'POST', `/api/tickets/${bruno.id}/tags`, { tagId: tags[2].id });
    await api(token, 'POST', `/api/tickets/${bruno.id}/messages`, { body: 'Bom dia, Bruno! Já localizei: sai para entrega hoje à tarde.' });
    await api(token, 'POST', `/api/tickets/${bruno.id}/close`, { sendSurvey: true }).catch(() => undefined);
    await customerWrites('5521987650002', 'Bruno Carvalho', '5');
  }
  await api(token, 'POST', '/api/flows', { name: 'Atendimento inicial' }).catch(() => undefined);
  await api(token, 'POST', '/api/api-tokens', { name: 'ERP', scopes: ['messages:send', 'messages:read', 'tickets:read'] }).catch(
    () => undefined,
  );
  await api(token, 'POST', '/api/webhook-subscriptions', {
    url: 'https://erp.example.com/jimmy',
    events: ['message.received', 'ticket.created'],
  }).catch(() => undefined);
  await pause(1000);
  return { ana, flows: (await api(token, 'GET', '/api/flows')).items ?? [] };
}

/** PNG → WebP in the page's own canvas, lowering the quality (then the size) until it fits MAX_BYTES. */
async function toWebp(page, png) {
  return page.evaluate(
    async ({ data, max }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      for (const scale of [1, 0.85, 0.7]) {
        const canvas = document.createElement('canvas');
        canvas.width = Math.round(img.width * scale);
        canvas.height = Math.round(img.height * scale);
        canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
        for (const quality of [0.8, 0.7, 0.6, 0.5, 0.4]) {
          const url = canvas.toDataURL('image/webp', quality);
          const b64 = url.slice(url.indexOf(',') + 1);
          if ((b64.length * 3) / 4 <= max || (scale === 0.7 && quality === 0.4)) return b64;
        }
      }
      return '';
    },
    { data: png.toString('base64'), max: MAX_BYTES },
  );
}

let status = 0;
try {
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${base}/readyz`)
      .then((r) => r.ok)
      .catch(() => false))
  ) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error('server did not start');
    await pause(250);
  }
  const token = (
    await (
      await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
      })
    ).json()
  ).accessToken;
  const { ana, flows } = await seed(token);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: VIEW, locale: 'pt-BR', reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByTestId('login-email').fill(ADMIN.email);
  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
  const ticketUrl = ana ? `/tickets/${ana.id}` : '/tickets';
  const shots = {
    hero: { url: ticketUrl },
    queues: { url: '/queues' },
    flows: { url: flows[0] ? `/flows/${flows[0].id}` : '/flows' },
    quickResponses: { url: '/quick-responses' },
    tags: { url: '/kanban' },
    notes: { url: ticketUrl },
    history: { url: '/contacts' },
    scheduled: { url: '/scheduled' },
    hours: { url: '/settings', click: 'settings-tab-hours' },
    survey: { url: '/settings', click: 'settings-tab-survey' },
    teamChat: { url: '/team-chat' },
    reports: { url: '/reports' },
    api: { url: '/integrations?tab=api' },
    webhooks: { url: '/integrations?tab=webhooks' },
    integrations: { url: '/integrations?tab=leads' },
  };
  mkdirSync(OUT, { recursive: true });
  for (const [key, shot] of Object.entries(shots)) {
    if (only.length > 0 && !only.includes(key)) continue;
    await page.goto(`${base}${shot.url}`);
    await page.waitForLoadState('networkidle').catch(() => undefined);
    if (
      await page
        .getByTestId('not-found')
        .isVisible()
        .catch(() => false)
    ) {
      console.log(`- ${key}: ${shot.url} does not exist in this build, skipped`);
      continue;
    }
    if (shot.click) await page.getByTestId(shot.click).click();
    await pause(800);
    const webp = await toWebp(page, await page.screenshot({ type: 'png' }));
    const bytes = Buffer.from(webp, 'base64');
    writeFileSync(path.join(OUT, `${key}.webp`), bytes);
    console.log(`✓ ${key}: ${(bytes.length / 1024).toFixed(1)} kB`);
  }
  await browser.close();
} catch (error) {
  console.error(error);
  status = 1;
} finally {
  server.kill('SIGTERM');
  graph.close();
  await new Promise((r) => (server.exitCode !== null ? r() : server.on('exit', r)));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(status);
