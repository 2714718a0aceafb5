import { describe, expect, it } from 'vitest';
import { answerHandshake } from './handshake.js';

const known = (t: string) => t === 'verify-me';
const query = (overrides: Record<string, unknown> = {}) => ({
  'hub.mode': 'subscribe',
  'hub.verify_token': 'verify-me',
  'hub.challenge': '1158201444',
  ...overrides,
});

describe('answerHandshake', () => {
  it.each([
    ['matching token echoes the challenge', query(), { status: 200, body: '1158201444' }],
    ['unknown token', query({ 'hub.verify_token': 'nope' }), { status: 403, body: 'Forbidden' }],
    ['wrong mode', query({ 'hub.mode': 'unsubscribe' }), { status: 400, body: 'Bad Request' }],
    ['missing challenge', query({ 'hub.challenge': undefined }), { status: 400, body: 'Bad Request' }],
    ['missing token', query({ 'hub.verify_token': undefined }), { status: 400, body: 'Bad Request' }],
    ['empty query', {}, { status: 400, body: 'Bad Request' }],
    ['challenge with markup is not reflected', query({ 'hub.challenge': '<script>' }), { status: 400, body: 'Bad Request' }],
    ['repeated params take the first', query({ 'hub.challenge': ['42', '43'] }), { status: 200, body: '42' }],
    ['qs-style nested params', { hub: { mode: 'subscribe', verify_token: 'verify-me', challenge: '7' } }, { status: 200, body: '7' }],
  ])('%s', async (_name, q, expected) => {
    expect(await answerHandshake(q, known)).toEqual(expected);
  });

  it('awaits an async token lookup', async () => {
    const lookup = async (t: string) => t === 'tenant-2';
    expect(await answerHandshake(query({ 'hub.verify_token': 'tenant-2' }), lookup)).toEqual({ status: 200, body: '1158201444' });
  });
});
