import { describe, expect, it } from 'vitest';
import { leavesOf } from './payloadTree.js';

describe('leavesOf', () => {
  it('lists nested fields, lists of objects by index and lists of texts as one leaf', () => {
    const leaves = leavesOf({ lead: { contact: { phone: '11 9' }, tags: ['a', 'b'] }, items: [{ sku: 1 }], ok: true });
    expect(leaves.map((l) => [l.path, l.preview, l.list])).toEqual([
      ['lead.contact.phone', '11 9', false],
      ['lead.tags', 'a, b', true],
      ['items[0].sku', '1', false],
      ['ok', 'true', false],
    ]);
  });

  it('has nothing to offer for an empty or unreadable payload', () => {
    expect(leavesOf(null)).toEqual([]);
    expect(leavesOf({})).toEqual([]);
  });
});
