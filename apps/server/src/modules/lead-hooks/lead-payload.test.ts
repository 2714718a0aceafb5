import { describe, expect, it } from 'vitest';
import { parseBody, tagNamesAt, textAt } from './lead-payload.js';

describe('parseBody', () => {
  it.each([
    ['application/json', '{"a":{"b":1}}', { a: { b: 1 } }],
    ['application/json; charset=utf-8', '{"nome":"José"}', { nome: 'José' }],
    ['application/vnd.api+json', '{"x":true}', { x: true }],
    ['application/x-www-form-urlencoded', 'nome=Jo%C3%A3o+Lima&tel=11', { nome: 'João Lima', tel: '11' }],
    [
      'application/x-www-form-urlencoded',
      'lead[contact][phone]=1&lead[tags][]=a&lead[tags][]=b',
      { lead: { contact: { phone: '1' }, tags: ['a', 'b'] } },
    ],
    ['application/x-www-form-urlencoded', 'tag=a&tag=b', { tag: ['a', 'b'] }],
    [undefined, '{"a":1}', { a: 1 }],
  ])('%s %s', (type, raw, payload) => {
    expect(parseBody(type, raw)).toEqual({ ok: true, payload });
  });

  it.each([
    ['application/json', '{', 400, 'INVALID_JSON'],
    ['application/json', '"text"', 400, 'LEAD_PAYLOAD_INVALID'],
    ['application/json', 'null', 400, 'LEAD_PAYLOAD_INVALID'],
    ['text/plain', 'hi', 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ])('%s %s → %i %s', (type, raw, status, code) => {
    expect(parseBody(type, raw)).toMatchObject({ ok: false, status, code });
  });
});

describe('reading a path', () => {
  const payload = {
    'contact.phone': 'dotted',
    lead: { items: [{ phone: ' 11 9 ' }], n: 5, tags: ['VIP', 'vip', 'Novo'] },
    csv: 'a, b | c',
  };
  it.each([
    ['contact.phone', 'dotted'],
    ['lead.items[0].phone', '11 9'],
    ['lead.items.0.phone', '11 9'],
    ['lead.n', '5'],
    ['lead.items', ''],
    ['lead.missing.deep', ''],
  ])('%s → %j', (path, text) => {
    expect(textAt(payload, path)).toBe(text);
  });

  it('reads tags from a list or from separated text, once each ignoring case', () => {
    expect(tagNamesAt(payload, 'lead.tags')).toEqual(['VIP', 'Novo']);
    expect(tagNamesAt(payload, 'csv')).toEqual(['a', 'b', 'c']);
    expect(tagNamesAt(payload, null)).toEqual([]);
  });
});
