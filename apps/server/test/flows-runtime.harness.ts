import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp, TestCompany } from './harness.js';

type NodeSpec = [id: string, type: string, data: unknown];
type EdgeSpec = [source: string, handle: string, target: string];

export function graphOf(nodes: NodeSpec[], edges: EdgeSpec[]) {
  return {
    format: 1,
    nodes: nodes.map(([id, type, data], index) => ({ id, type, position: { x: index * 220, y: 0 }, data })),
    edges: edges.map(([source, sourceHandle, target]) => ({ id: `${source}-${sourceHandle}-${target}`, source, sourceHandle, target })),
    variables: [],
  };
}

/** A flow created, published and attached to a connection through the flows API, as an admin would. */
export async function attachFlow(app: TestApp, company: TestCompany, connectionId: number | null, graph: object, name = 'Fluxo') {
  const created = await app.inject({
    method: 'POST',
    url: '/api/flows',
    token: company.adminToken,
    payload: { name: `${name} ${Math.random().toString(36).slice(2, 8)}`, graph },
  });
  if (created.statusCode !== 201) throw new Error(`flow: ${created.statusCode} ${created.body}`);
  const flowId = created.json<{ id: number }>().id;
  const published = await app.inject({ method: 'POST', url: `/api/flows/${flowId}/publish`, token: company.adminToken });
  if (published.statusCode !== 201) throw new Error(`publish: ${published.statusCode} ${published.body}`);
  if (connectionId !== null) {
    const attached = await app.inject({
      method: 'PATCH',
      url: `/api/connections/${connectionId}`,
      token: company.adminToken,
      payload: { flowId },
    });
    if (attached.statusCode !== 200) throw new Error(`attach: ${attached.statusCode} ${attached.body}`);
  }
  return { flowId, versionId: published.json<{ id: number }>().id };
}

export interface FakeJsonServer {
  url: string;
  requests: { method: string; url: string; body: string }[];
  close(): Promise<void>;
}

/** A local JSON endpoint (the HTTP node's external system, or an OpenAI-compatible server). */
export async function startFakeJson(answer: (request: { method: string; url: string; body: string }) => unknown): Promise<FakeJsonServer> {
  const requests: FakeJsonServer['requests'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request = { method: req.method ?? 'GET', url: req.url ?? '/', body };
      requests.push(request);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer(request)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The AI integration the AI node uses, pointing at a fake server (no key: the fake does not check it). */
export async function setAiIntegration(app: TestApp, companyId: number, baseUrl: string) {
  await app.server.database.pool.query(
    `insert into ai_integrations (company_id, base_url, model) values ($1, $2, 'fake-model')
     on conflict (company_id) do update set base_url = excluded.base_url`,
    [companyId, baseUrl],
  );
}

/**
 * The service flow: greet, ask the name and e-mail (saved on the contact), a menu, a tag,
 * an HTTP call and an AI answer on the "pedido" branch, the company's working hours, then a
 * transfer to Suporte.
 */
export function serviceFlow(options: { supportQueueId: number; salesQueueId: number; apiUrl: string }) {
  return graphOf(
    [
      ['start', 'start', { trigger: { kind: 'newConversation', connectionIds: [] } }],
      ['greet', 'message', { text: 'Olá! Eu sou o assistente virtual.' }],
      ['askName', 'question', { prompt: 'Qual é o seu nome?', answer: 'text', saveAs: 'nome' }],
      ['saveName', 'contactField', { field: 'name', value: '{{nome}}' }],
      [
        'askEmail',
        'question',
        { prompt: 'Qual é o seu e-mail, {{nome}}?', answer: 'email', saveAs: 'email', invalidMessage: 'E-mail inválido.' },
      ],
      ['saveEmail', 'contactField', { field: 'email', value: '{{email}}' }],
      [
        'menu',
        'menu',
        {
          text: 'Sobre o que você quer falar?',
          options: [
            { id: 'pedido', label: 'Meu pedido' },
            { id: 'duvida', label: 'Dúvida' },
          ],
        },
      ],
      ['tagPedido', 'tag', { action: 'add', tag: 'Pedido' }],
      [
        'lookup',
        'httpRequest',
        { method: 'GET', url: `${options.apiUrl}/orders?email={{email}}`, mappings: [{ path: '$.order.status', variable: 'status' }] },
      ],
      ['status', 'message', { text: 'Seu pedido está: {{status}}' }],
      ['ai', 'aiAnswer', { systemPrompt: 'Você atende {{nome}}. Seja breve.', userMessage: 'Pedido {{status}}' }],
      ['tagDuvida', 'tag', { action: 'add', tag: 'Dúvida' }],
      ['hours', 'workingHours', { target: { kind: 'company' } }],
      ['closedMsg', 'message', { text: 'Estamos fora do horário.' }],
      ['toSupport', 'transfer', { queueId: String(options.supportQueueId), message: 'Vou te passar para o Suporte.' }],
      ['toSales', 'transfer', { queueId: String(options.salesQueueId) }],
    ],
    [
      ['start', 'next', 'greet'],
      ['greet', 'next', 'askName'],
      ['askName', 'next', 'saveName'],
      ['saveName', 'next', 'askEmail'],
      ['askEmail', 'next', 'saveEmail'],
      ['saveEmail', 'next', 'menu'],
      ['menu', 'pedido', 'tagPedido'],
      ['menu', 'duvida', 'tagDuvida'],
      ['tagPedido', 'next', 'lookup'],
      ['lookup', 'success', 'status'],
      ['lookup', 'error', 'hours'],
      ['status', 'next', 'ai'],
      ['ai', 'success', 'hours'],
      ['ai', 'error', 'hours'],
      ['tagDuvida', 'next', 'toSales'],
      ['hours', 'open', 'toSupport'],
      ['hours', 'break', 'closedMsg'],
      ['hours', 'closed', 'closedMsg'],
      ['closedMsg', 'next', 'toSupport'],
    ],
  );
}

/** What the customer sees of serviceFlow's "pedido" branch, in order (the menu as its text). */
export const PEDIDO_SCRIPT = [
  'Olá! Eu sou o assistente virtual.',
  'Qual é o seu nome?',
  'Qual é o seu e-mail, Maria Souza?',
  'Sobre o que você quer falar?',
  'Seu pedido está: enviado',
  'Resposta da IA: seu pedido já saiu.',
  'Vou te passar para o Suporte.',
];

export async function stepLogsOf(app: TestApp, ticketId: number) {
  const { rows } = await app.server.database.pool.query<{
    event: string;
    node_ids: string[];
    node_id: string | null;
    end_reason: string | null;
  }>(
    `select l.event, l.node_ids, l.node_id, s.end_reason from flow_step_logs l join flow_sessions s on s.id = l.session_id
      where s.ticket_id = $1 order by l.id`,
    [ticketId],
  );
  return rows;
}

export async function sessionsOf(app: TestApp, ticketId: number) {
  const { rows } = await app.server.database.pool.query<{
    id: string;
    end_reason: string | null;
    ended_at: Date | null;
    state: { status: string; nodeId: string | null };
  }>('select id, end_reason, ended_at, state from flow_sessions where ticket_id = $1 order by id', [ticketId]);
  return rows;
}

/** A file uploaded to the flow media library as `token` (multipart, as the builder sends it). */
export function uploadFlowMedia(app: TestApp, token: string, file: { name: string; mime: string; bytes: Buffer }) {
  const boundary = '----jimmy-flow-media';
  return app.inject({
    method: 'POST',
    url: '/api/flows/media',
    token,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.mime}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
}

export interface FakeFileServer {
  url: string;
  /** Paths asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** A local file host: each path answers its bytes and type; anything else is a 404. */
export async function startFakeFiles(files: Record<string, { mime: string; bytes: Buffer }>): Promise<FakeFileServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '/');
    const file = files[req.url ?? '/'];
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not here');
      return;
    }
    res.writeHead(200, { 'content-type': file.mime, 'content-length': file.bytes.length });
    res.end(file.bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
