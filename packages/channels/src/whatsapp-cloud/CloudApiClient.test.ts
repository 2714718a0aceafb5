import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloudApiClient } from './CloudApiClient.js';
import { startFakeGraphServer } from './fakeGraphServer.js';
import type { FakeGraphServer } from './fakeGraphServer.js';

let fake: FakeGraphServer;
let client: CloudApiClient;
const to = '5511988887777';

beforeEach(async () => {
  fake = await startFakeGraphServer({ accessToken: 'TOKEN_1' });
  client = new CloudApiClient({ graphUrl: fake.url, version: 'v23.0', phoneNumberId: 'PNID_100', accessToken: 'TOKEN_1' });
});
afterEach(async () => {
  await fake.close();
});

describe('CloudApiClient against the fake Graph API', () => {
  it('sends text with the Bearer token and returns the wamid', async () => {
    const { externalId } = await client.send({ kind: 'text', to, body: 'Olá' });
    expect(externalId).toMatch(/^wamid\.FAKE_\d+$/);
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v23.0/PNID_100/messages' });
    expect(request?.headers.authorization).toBe('Bearer TOKEN_1');
    expect(fake.sentMessages()).toEqual([
      {
        id: externalId,
        to,
        type: 'text',
        body: { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text: { body: 'Olá', preview_url: false } },
      },
    ]);
  });

  it('quotes a message through context.message_id', async () => {
    await client.send({ kind: 'text', to, body: 'yes', replyToExternalId: 'wamid.IN_1' });
    expect(fake.sentMessages()[0]?.body['context']).toEqual({ message_id: 'wamid.IN_1' });
  });

  it('uploads media as multipart, then sends it by id', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0x01]); // includes CRLF-- on purpose
    const { id } = await client.uploadMedia(bytes, 'image/jpeg', 'photo.jpg');
    expect(fake.uploadedMedia(id)).toEqual({ bytes, mimeType: 'image/jpeg', fileName: 'photo.jpg' });
    expect(fake.requests[0]?.body).toEqual({
      fields: { messaging_product: 'whatsapp', type: 'image/jpeg' },
      file: { fileName: 'photo.jpg', mimeType: 'image/jpeg', size: bytes.length },
    });

    await client.send({ kind: 'media', to, mediaKind: 'image', providerMediaId: id, caption: 'produto' });
    expect(fake.sentMessages()[0]?.body['image']).toEqual({ id, caption: 'produto' });
  });

  it('sends a document with its filename', async () => {
    await client.send({ kind: 'media', to, mediaKind: 'document', link: 'https://files.example/b.pdf', fileName: 'boleto.pdf' });
    expect(fake.sentMessages()[0]).toMatchObject({
      type: 'document',
      body: { document: { link: 'https://files.example/b.pdf', filename: 'boleto.pdf' } },
    });
  });

  it('sends a reaction', async () => {
    await client.send({ kind: 'reaction', to, targetExternalId: 'wamid.IN_1', emoji: '❤️' });
    expect(fake.sentMessages()[0]?.body['reaction']).toEqual({ message_id: 'wamid.IN_1', emoji: '❤️' });
  });

  it('sends a template, even when the window is closed', async () => {
    fake.windowClosedFor(to);
    const components = [{ type: 'body', parameters: [{ type: 'text', text: 'Maria' }] }];
    await client.send({ kind: 'template', to, name: 'hello_again', language: 'pt_BR', components });
    expect(fake.sentMessages()[0]?.body['template']).toEqual({ name: 'hello_again', language: { code: 'pt_BR' }, components });
  });

  it('sends buttons and lists the fake accepts', async () => {
    await client.send({
      kind: 'buttons',
      to,
      body: 'Pick',
      buttons: [
        { id: 'a', title: 'A' },
        { id: 'b', title: 'B' },
      ],
    });
    await client.send({ kind: 'list', to, body: 'Menu', button: 'Open', sections: [{ title: 'S', rows: [{ id: 'r', title: 'R' }] }] });
    expect(fake.sentMessages().map((m) => m.type)).toEqual(['interactive', 'interactive']);
  });

  it('marks a message as read', async () => {
    await client.markRead('wamid.IN_1');
    expect(fake.requests[0]?.body).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN_1' });
    expect(fake.sentMessages()).toEqual([]);
  });

  it('downloads media with the token after looking it up, checking sha256', async () => {
    const bytes = Buffer.from('OggS fake voice note');
    fake.addMedia('MEDIA_AUD_1', bytes, 'audio/ogg; codecs=opus');
    const info = await client.getMediaInfo('MEDIA_AUD_1');
    expect(info).toEqual({
      url: `${fake.url}/download/MEDIA_AUD_1`,
      mimeType: 'audio/ogg; codecs=opus',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      fileSize: bytes.length,
    });

    const media = await client.downloadMedia('MEDIA_AUD_1');
    expect(media.bytes.equals(bytes)).toBe(true);
    expect(media.mimeType).toBe('audio/ogg; codecs=opus');
    const download = fake.requests.find((r) => r.path === '/download/MEDIA_AUD_1');
    expect(download?.headers.authorization).toBe('Bearer TOKEN_1');
  });

  it('lists templates across pages', async () => {
    const templates = Array.from({ length: 5 }, (_, i) => ({
      id: `T${i}`,
      name: `template_${i}`,
      language: 'pt_BR',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: `Body ${i}` }],
    }));
    await fake.close();
    fake = await startFakeGraphServer({ accessToken: 'TOKEN_1', templates: { WABA_100: templates }, templatePageSize: 2 });
    client = new CloudApiClient({ graphUrl: fake.url, version: 'v23.0', phoneNumberId: 'PNID_100', accessToken: 'TOKEN_1' });

    expect(await client.listTemplates('WABA_100')).toEqual(templates);
    expect(fake.requests.map((r) => r.query)).toEqual([{ limit: '100' }, { limit: '2', after: '2' }, { limit: '2', after: '4' }]);
  });

  it('checks credentials', async () => {
    expect(await client.checkCredentials()).toEqual({ displayPhoneNumber: '+55 11 90000-0000', verifiedName: 'Jimmy Test' });
    expect(fake.requests[0]).toMatchObject({ path: '/v23.0/PNID_100', query: { fields: 'display_phone_number,verified_name' } });
  });
});
