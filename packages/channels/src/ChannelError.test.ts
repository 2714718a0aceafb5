import { describe, expect, it } from 'vitest';
import { ChannelError, classifyMetaError, networkError, timeoutError } from './ChannelError.js';
import type { MetaErrorInput } from './ChannelError.js';

type Flags = Pick<ChannelError, 'retryable' | 'windowClosed' | 'rateLimited' | 'authFailed'>;
const flags = (f: Partial<Flags>): Flags => ({ retryable: false, windowClosed: false, rateLimited: false, authFailed: false, ...f });

const cases: Array<[string, MetaErrorInput, Flags]> = [
  ['131047 window closed', { httpStatus: 400, code: 131047 }, flags({ windowClosed: true })],
  ['130429 throughput', { httpStatus: 400, code: 130429 }, flags({ rateLimited: true, retryable: true })],
  ['131056 pair rate', { httpStatus: 400, code: 131056 }, flags({ rateLimited: true, retryable: true })],
  ['80007 WABA rate', { httpStatus: 400, code: 80007 }, flags({ rateLimited: true, retryable: true })],
  ['4 app call limit', { httpStatus: 400, code: 4 }, flags({ rateLimited: true, retryable: true })],
  ['HTTP 429 without code', { httpStatus: 429 }, flags({ rateLimited: true, retryable: true })],
  ['HTTP 500', { httpStatus: 500, code: 131000 }, flags({ retryable: true })],
  ['HTTP 503 without body', { httpStatus: 503 }, flags({ retryable: true })],
  ['190 token', { httpStatus: 400, code: 190 }, flags({ authFailed: true })],
  ['HTTP 401', { httpStatus: 401 }, flags({ authFailed: true })],
  ['131026 undeliverable', { httpStatus: 400, code: 131026 }, flags({})],
  ['131051 unsupported', { httpStatus: 400, code: 131051 }, flags({})],
  ['100 invalid parameter', { httpStatus: 400, code: 100 }, flags({})],
  ['131009 bad value', { httpStatus: 400, code: 131009 }, flags({})],
  ['other 4xx', { httpStatus: 404, code: 803 }, flags({})],
  ['string code from a webhook', { code: '131047' }, flags({ windowClosed: true })],
];

describe('classifyMetaError', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    const error = classifyMetaError({ message: 'x', ...input });
    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject(expected);
    expect(error.code).toBe(input.code ?? input.httpStatus);
  });

  it('keeps http status and details', () => {
    const error = classifyMetaError({ httpStatus: 400, code: 131047, message: 'm', details: 'd' });
    expect(error).toMatchObject({ httpStatus: 400, details: 'd', message: 'm', maybeDelivered: false });
  });
});

describe('transport errors', () => {
  it('a timeout is retryable and may have been delivered', () => {
    expect(timeoutError(100)).toMatchObject({ code: 'TIMEOUT', retryable: true, maybeDelivered: true });
  });

  it('a refused connection cannot have delivered anything', () => {
    const cause = Object.assign(new Error('connect'), { code: 'ECONNREFUSED' });
    const error = networkError(new TypeError('fetch failed', { cause }));
    expect(error).toMatchObject({ code: 'NETWORK', retryable: true, maybeDelivered: false });
  });

  it('a reset mid-request may have delivered', () => {
    const cause = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    expect(networkError(new TypeError('fetch failed', { cause }))).toMatchObject({ retryable: true, maybeDelivered: true });
  });
});
