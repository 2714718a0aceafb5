import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AsaasCall {
  method: string;
  path: string;
  accessToken: string | undefined;
  body: Record<string, unknown> | null;
}

export interface AsaasFake {
  /** Base URL to set as ASAAS_URL (ends in /v3, as the real one). */
  url: string;
  apiKey: string;
  calls: AsaasCall[];
  customers: Map<string, Record<string, unknown>>;
  payments: Map<string, Record<string, unknown>>;
  /** The next request answers this status with an Asaas error body (once). */
  failNext(status: number, description: string): void;
  close(): Promise<void>;
}

/**
 * A stand-in for Asaas's REST API v3 on 127.0.0.1: the three endpoints billing uses, with the
 * `access_token` header checked and every call recorded. Shapes follow Asaas's documented answers.
 */
function parseJson(raw: string): Record<string, unknown> | null {
  try {
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function startAsaasFake(apiKey = 'aact_test_fake_key_0123456789'): Promise<AsaasFake> {
  const calls: AsaasCall[] = [];
  const customers = new Map<string, Record<string, unknown>>();
  const payments = new Map<string, Record<string, unknown>>();
  let failure: { status: number; description: string } | null = null;
  let sequence = 0;

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const path = url.pathname.replace(/^\/v3/, '');
      const body = parseJson(raw);
      const header = req.headers['access_token'];
      const accessToken = Array.isArray(header) ? header[0] : header;
      calls.push({ method: req.method ?? 'GET', path, accessToken, body });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const error = (status: number, code: string, description: string) => send(status, { errors: [{ code, description }] });
      if (accessToken !== apiKey) return error(401, 'invalid_access_token', 'A chave de API informada não pertence a este ambiente');
      if (failure) {
        const { status, description } = failure;
        failure = null;
        return error(status, 'invalid_action', description);
      }
      if (req.method === 'POST' && path === '/customers') {
        if (!body || typeof body.name !== 'string') return error(400, 'invalid_name', 'O nome do cliente é obrigatório');
        const id = `cus_${String(++sequence).padStart(12, '0')}`;
        const customer = { object: 'customer', id, ...body };
        customers.set(id, customer);
        return send(200, customer);
      }
      if (req.method === 'POST' && path === '/payments') {
        if (!body || typeof body.customer !== 'string' || !customers.has(body.customer)) {
          return error(400, 'invalid_customer', 'Cliente inexistente');
        }
        if (!['PIX', 'CREDIT_CARD', 'UNDEFINED', 'BOLETO'].includes(String(body.billingType))) {
          return error(400, 'invalid_billingType', 'Forma de pagamento inválida');
        }
        if (typeof body.value !== 'number' || !/^\d{4}-\d{2}-\d{2}$/.test(String(body.dueDate))) {
          return error(400, 'invalid_value', 'Valor ou vencimento inválido');
        }
        const id = `pay_${String(++sequence).padStart(12, '0')}`;
        const payment = {
          object: 'payment',
          id,
          status: 'PENDING',
          invoiceUrl: `https://sandbox.asaas.com/i/${id.slice(4)}`,
          ...body,
        };
        payments.set(id, payment);
        return send(200, payment);
      }
      const pix = /^\/payments\/([^/]+)\/pixQrCode$/.exec(path);
      if (req.method === 'GET' && pix) {
        const payment = payments.get(decodeURIComponent(pix[1]!));
        if (!payment) return error(404, 'not_found', 'Cobrança não encontrada');
        return send(200, {
          encodedImage: Buffer.from(`qr:${payment.id as string}`).toString('base64'),
          payload: `00020101021226800014br.gov.bcb.pix2558pix.example/qr/${payment.id as string}5204000053039865802BR6304ABCD`,
          expirationDate: '2099-12-31 23:59:59',
        });
      }
      return error(404, 'not_found', 'Recurso não encontrado');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v3`,
    apiKey,
    calls,
    customers,
    payments,
    failNext(status, description) {
      failure = { status, description };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
