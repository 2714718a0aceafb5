import { describe, expect, it } from 'vitest';
import { assign, targetOf } from './mappingTargets.js';

const empty = { name: null, phone: null, email: null, customFields: {}, tags: null };

describe('mapping targets', () => {
  it('moves a target to the newly picked field and frees the old one', () => {
    let mapping = assign(empty, 'a.phone', 'phone');
    mapping = assign(mapping, 'b.phone', 'phone');
    expect(mapping.phone).toBe('b.phone');
    expect(targetOf(mapping, 'a.phone')).toBe('ignore');
  });

  it('gives a field one use at a time, custom fields included', () => {
    let mapping = assign(empty, 'plan', 'customField:plano');
    expect(targetOf(mapping, 'plan')).toBe('customField:plano');
    mapping = assign(mapping, 'plan', 'tags');
    expect(mapping).toEqual({ ...empty, tags: 'plan' });
  });
});
