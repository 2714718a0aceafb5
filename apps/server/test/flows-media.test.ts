import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversationApp, textWebhook, type ConversationApp } from './conversations.harness.js';
import { attachFlow, graphOf, startFakeFiles, uploadFlowMedia, type FakeFileServer } from './flows-runtime.harness.js';
import { eventually } from './pipeline.harness.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
const START = ['start', 'start', { trigger: { kind: 'newConversation', connectionIds: [] } }] as const;

describe('flow media: the library, URLs fetched at publish, real media messages', () => {
  let app: ConversationApp;
  let files: FakeFileServer;

  beforeAll(async () => {
    files = await startFakeFiles({ '/promo/banner.jpg': { mime: 'image/jpeg', bytes: JPEG } });
    app = await startConversationApp();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await files?.close();
  });

  it('uploads, lists and serves library files to managers of the company only', async () => {
    const created = await uploadFlowMedia(app, app.companyA.adminToken, { name: 'cardapio.png', mime: 'image/png', bytes: PNG });
    expect(created.statusCode, created.body).toBe(201);
    const item = created.json<{ id: number }>();
    expect(item).toEqual({ id: expect.any(Number), kind: 'image', name: 'cardapio.png', mime: 'image/png', size: PNG.length });
    const pdf = await uploadFlowMedia(app, app.companyA.adminToken, {
      name: 'precos.pdf',
      mime: 'application/pdf',
      bytes: Buffer.from('%PDF-1.4'),
    });
    expect(pdf.json()).toMatchObject({ kind: 'document', name: 'precos.pdf' });

    const list = await app.inject({ method: 'GET', url: '/api/flows/media', token: app.companyA.adminToken });
    expect(list.json().items.map((i: { name: string }) => i.name)).toEqual(['precos.pdf', 'cardapio.png']);
    const file = await app.inject({ method: 'GET', url: `/api/flows/media/${item.id}/file`, token: app.companyA.adminToken });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(PNG)).toBe(true);

    // another company sees none of it; an agent may not manage flows
    expect((await app.inject({ method: 'GET', url: '/api/flows/media', token: app.companyB.adminToken })).json().items).toEqual([]);
    const foreign = await app.inject({ method: 'GET', url: `/api/flows/media/${item.id}/file`, token: app.companyB.adminToken });
    expect(foreign.statusCode).toBe(404);
    const agent = await app.createUser(app.companyA, 'agent');
    expect((await uploadFlowMedia(app, agent.token, { name: 'x.png', mime: 'image/png', bytes: PNG })).statusCode).toBe(403);
    const empty = await uploadFlowMedia(app, app.companyA.adminToken, { name: 'vazio.png', mime: 'image/png', bytes: Buffer.alloc(0) });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('is empty');
  });

  it('refuses to publish a Media URL it cannot fetch, naming the node, the URL and why', async () => {
    const missing = `${files.url}/promo/nao-existe.jpg`;
    const created = await app.inject({
      method: 'POST',
      url: '/api/flows',
      token: app.companyA.adminToken,
      payload: {
        name: 'Mídia quebrada',
        graph: graphOf([[...START], ['pic', 'media', { kind: 'image', source: { url: missing } }]], [['start', 'next', 'pic']]),
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const published = await app.inject({ method: 'POST', url: `/api/flows/${created.json().id}/publish`, token: app.companyA.adminToken });
    expect(published.statusCode, published.body).toBe(422);
    expect(published.json().error.code).toBe('FLOW_INVALID');
    expect(published.json().error.details.problems).toEqual([
      { code: 'mediaUnavailable', nodeId: 'pic', field: 'source.url', message: `Could not fetch ${missing}: HTTP 404` },
    ]);
    const versions = await app.inject({ method: 'GET', url: `/api/flows/${created.json().id}/versions`, token: app.companyA.adminToken });
    expect(versions.json().items).toEqual([]);
  });

  it("refuses to publish a library id that is not the company's", async () => {
    const theirs = await uploadFlowMedia(app, app.companyB.adminToken, { name: 'b.png', mime: 'image/png', bytes: PNG });
    const libraryId = String(theirs.json<{ id: number }>().id);
    const created = await app.inject({
      method: 'POST',
      url: '/api/flows',
      token: app.companyA.adminToken,
      payload: {
        name: 'Mídia de outra empresa',
        graph: graphOf([[...START], ['pic', 'media', { kind: 'image', source: { libraryId } }]], [['start', 'next', 'pic']]),
      },
    });
    const published = await app.inject({ method: 'POST', url: `/api/flows/${created.json().id}/publish`, token: app.companyA.adminToken });
    expect(published.statusCode, published.body).toBe(422);
    expect(published.json().error.details.problems).toEqual([
      { code: 'unknownReference', nodeId: 'pic', field: 'source.libraryId', message: `no such file in the media library (${libraryId})` },
    ]);
  });

  it('sends a library image and a URL image as two real media messages, in order, without fetching at send time', async () => {
    const upload = await uploadFlowMedia(app, app.companyA.adminToken, { name: 'boas-vindas.png', mime: 'image/png', bytes: PNG });
    const libraryId = String(upload.json<{ id: number }>().id);
    const bannerUrl = `${files.url}/promo/banner.jpg`;
    const graph = graphOf(
      [
        [...START],
        ['hello', 'message', { text: 'Olá!' }],
        ['lib', 'media', { kind: 'image', source: { libraryId }, caption: 'Nosso cardápio' }],
        ['url', 'media', { kind: 'image', source: { url: bannerUrl } }],
        ['bye', 'message', { text: 'Até logo!' }],
      ],
      [
        ['start', 'next', 'hello'],
        ['hello', 'next', 'lib'],
        ['lib', 'next', 'url'],
        ['url', 'next', 'bye'],
      ],
    );
    const fetchedBefore = files.requests.length;
    const { versionId } = await attachFlow(app, app.companyA, app.cloudConnectionId, graph, 'Mídia');
    expect(files.requests.slice(fetchedBefore)).toEqual(['/promo/banner.jpg']);
    const { rows } = await app.server.database.pool.query<{ media: Record<string, number> }>(
      'select media from flow_versions where id = $1',
      [versionId],
    );
    const bannerId = rows[0]!.media[bannerUrl]!;
    expect(bannerId).toEqual(expect.any(Number));
    const stored = await app.inject({ method: 'GET', url: `/api/flows/media/${bannerId}/file`, token: app.companyA.adminToken });
    expect(stored.rawPayload.equals(JPEG)).toBe(true);
    expect(stored.headers['content-type']).toBe('image/jpeg');
    // fetched files belong to their version, not to the library the builder offers
    const library = await app.inject({ method: 'GET', url: '/api/flows/media', token: app.companyA.adminToken });
    expect(library.json().items.map((i: { id: number }) => i.id)).not.toContain(bannerId);

    const phone = '5511977001122';
    const fetchedAfterPublish = files.requests.length;
    expect((await app.postWebhook(textWebhook(phone, 'oi').body)).statusCode).toBe(200);
    const sent = () => app.graph.sentMessages().filter((m) => m.to === phone);
    await eventually(async () => sent().length >= 4, 'four bot messages');
    expect(sent().map((m) => m.type)).toEqual(['text', 'image', 'image', 'text']);
    expect(sent()[1]!.body.image).toMatchObject({ caption: 'Nosso cardápio' });
    const uploads = app.graph.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/media'));
    expect(uploads.length).toBeGreaterThanOrEqual(2);
    expect(files.requests.length).toBe(fetchedAfterPublish);
  });
});
