import { describe, expect, it, vi } from 'vitest';
import { NotOwnerError, type ConnectionRow, type RoutedWork, type Transport } from './transport.js';
import { Transports } from './transports.js';

const capabilities: Transport['capabilities'] = {
  maxButtons: 0,
  maxListRows: 0,
  templates: false,
  reactions: false,
  readReceipts: false,
  mediaKinds: [],
  media: 'link',
  providerReceipts: false,
};

function fakeTransport(overrides: Partial<Transport> = {}): Transport & { forwarded: Array<[string, RoutedWork]> } {
  const forwarded: Array<[string, RoutedWork]> = [];
  return {
    capabilities,
    forwarded,
    addressOf: () => null,
    send: () => Promise.resolve({ externalId: 'x' }),
    download: () => Promise.reject(new Error('no media')),
    markRead: () => Promise.resolve(),
    forward: (owner, work) => {
      forwarded.push([owner, work]);
      return Promise.resolve();
    },
    ...overrides,
  };
}

const row = (type: ConnectionRow['type']) => ({ id: 7, type }) as ConnectionRow;
const work: RoutedWork = { op: 'send', messageId: 1 };

describe('Transports', () => {
  it('picks the transport of the connection type', () => {
    const cloud = fakeTransport();
    const web = fakeTransport();
    const webchat = fakeTransport();
    const transports = new Transports({ whatsapp_cloud: cloud, whatsapp_web: web, webchat });
    expect(transports.of(row('whatsapp_cloud'))).toBe(cloud);
    expect(transports.of(row('whatsapp_web'))).toBe(web);
    expect(transports.of(row('webchat'))).toBe(webchat);
  });

  it.each([
    { case: 'runs here', routeFirst: false, owner: null, throwsInRun: null, ran: true, forwardedTo: null },
    { case: 'run finds another owner', routeFirst: false, owner: null, throwsInRun: 'node-b', ran: true, forwardedTo: 'node-b' },
    { case: 'routing first finds another owner', routeFirst: true, owner: 'node-c', throwsInRun: null, ran: false, forwardedTo: 'node-c' },
  ])('$case', async ({ routeFirst, owner, throwsInRun, ran, forwardedTo }) => {
    const transport = fakeTransport({
      ensureRunsHere: () => (owner ? Promise.reject(new NotOwnerError(owner)) : Promise.resolve()),
    });
    const run = vi.fn(() => (throwsInRun ? Promise.reject(new NotOwnerError(throwsInRun)) : Promise.resolve()));
    const transports = new Transports({ whatsapp_cloud: transport, whatsapp_web: transport, webchat: transport });
    await transports.runWhereConnected(row('whatsapp_web'), work, run, { routeFirst });
    expect(run.mock.calls.length > 0).toBe(ran);
    expect(transport.forwarded).toEqual(forwardedTo ? [[forwardedTo, work]] : []);
  });

  it('lets any other error through to the job', async () => {
    const transport = fakeTransport();
    const transports = new Transports({ whatsapp_cloud: transport, whatsapp_web: transport, webchat: transport });
    const failure = new Error('provider down');
    await expect(transports.runWhereConnected(row('whatsapp_cloud'), work, () => Promise.reject(failure))).rejects.toBe(failure);
    expect(transport.forwarded).toEqual([]);
  });
});
