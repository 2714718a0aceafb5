import { describe, expect, it } from 'vitest';
import { NODES } from '@jimmy/flow-engine';
import { issuesByField } from './formIssues.js';
import { flowVariables, insertVariable, nodeFields, nodeSummary } from './nodeForm.js';
import { emptyValue, getIn, setIn, variantIndex, variantValue, type FieldSpec } from './schemaForm.js';

const byKey = (fields: FieldSpec[]) => Object.fromEntries(fields.map((f) => [f.key, f]));

describe('schema → form fields', () => {
  it('maps a menu: a multiline template text, a list of options with their own fields, numbers with limits', () => {
    const f = byKey(nodeFields('menu'));
    expect(f.text).toMatchObject({ kind: 'text', required: true, multiline: true, template: true });
    expect(f.options).toMatchObject({ kind: 'objectList', minItems: 1, maxItems: 30 });
    expect(f.options?.kind === 'objectList' && f.options.fields.map((x) => [x.key, x.kind])).toEqual([
      ['id', 'text'],
      ['label', 'text'],
    ]);
    // A default makes the field optional for the user (the engine fills it in).
    expect(f.maxRetries).toMatchObject({ kind: 'number', integer: true, min: 0, max: 10, required: false, defaultValue: 2 });
    expect(f.saveAs).toMatchObject({ kind: 'text', required: false, template: false });
  });

  it('maps discriminated unions to variants keyed by their tag, and plain unions by their field', () => {
    const trigger = byKey(nodeFields('start')).trigger!;
    expect(trigger.kind).toBe('variant');
    if (trigger.kind !== 'variant') return;
    expect(trigger.discriminator).toBe('kind');
    expect(trigger.variants.map((v) => [v.key, v.fields.map((x) => `${x.key}:${x.kind}`)])).toEqual([
      ['newConversation', ['connectionIds:stringList']],
      ['keyword', ['keywords:stringList', 'match:enum']],
      ['leadWebhook', []],
    ]);
    expect(variantIndex(trigger, { kind: 'keyword', keywords: ['oi'] })).toBe(1);
    expect(variantValue(trigger, 1)).toEqual({ kind: 'keyword', keywords: [], match: 'exact' });

    const source = byKey(nodeFields('media')).source!;
    expect(source.kind === 'variant' && [source.discriminator, source.variants.map((v) => v.key)]).toEqual([null, ['libraryId', 'url']]);
    if (source.kind === 'variant') expect(variantIndex(source, { url: 'https://x' })).toBe(1);
  });

  it('builds a valid new item for nested lists (condition rules) from the schema alone', () => {
    const groups = byKey(nodeFields('condition')).groups!;
    expect(groups.kind).toBe('objectList');
    if (groups.kind !== 'objectList') return;
    const rules = byKey(groups.fields).rules!;
    if (rules.kind !== 'objectList') throw new Error('rules should be a list');
    const rule = emptyValue({ ...rules, minItems: 1 });
    expect(rule).toEqual([{ source: { kind: 'variable', name: '' }, operator: 'equals', value: '', negate: false }]);
  });

  it('sets and reads nested paths immutably, removing keys set to undefined', () => {
    const data = { options: [{ id: 'opt1', label: 'A' }], saveAs: 'x' };
    const next = setIn(data, ['options', 0, 'label'], 'B') as typeof data;
    expect(getIn(next, ['options', 0, 'label'])).toBe('B');
    expect(data.options[0]!.label).toBe('A');
    expect(setIn(data, ['saveAs'], undefined)).toEqual({ options: data.options });
  });

  it('places each schema issue on its field, in translatable kinds', () => {
    const issues = issuesByField(NODES.menu.schema, { text: '', options: [{ id: 'opt1', label: '' }], maxRetries: 20 });
    expect(issues.text?.kind).toBe('required');
    expect(issues['options.0.label']?.kind).toBe('required');
    expect(issues.maxRetries).toMatchObject({ kind: 'tooBig', limit: 10 });
    expect(issuesByField(NODES.transfer.schema, {}).queueId).toMatchObject({ kind: 'custom', message: 'choose a queue or an agent' });
    expect(issuesByField(NODES.message.schema, { text: 'Oi' })).toEqual({});
  });
});

describe('variables', () => {
  it('offers declared variables, what nodes save, and the contact fields', () => {
    const graph = {
      format: 1 as const,
      variables: [{ name: 'origem' }],
      edges: [],
      nodes: [
        { id: 'q', type: 'question', position: { x: 0, y: 0 }, data: { saveAs: 'email' } },
        { id: 'h', type: 'httpRequest', position: { x: 0, y: 0 }, data: { mappings: [{ path: '$.id', variable: 'pedido' }] } },
        { id: 's', type: 'setVariable', position: { x: 0, y: 0 }, data: { name: 'not valid!' } },
      ],
    };
    expect(flowVariables(graph)).toEqual(['email', 'origem', 'pedido', 'contact.name', 'contact.phone', 'contact.email']);
  });

  it('inserts {{name}} at the caret, or at the end without one', () => {
    expect(insertVariable('Olá !', 'contact.name', 4)).toEqual({ text: 'Olá {{contact.name}}!', caret: 20 });
    expect(insertVariable('Oi ', 'x', null)).toEqual({ text: 'Oi {{x}}', caret: 8 });
  });
});

describe('node summaries', () => {
  it('names the queue a transfer goes to, and falls back to the id or the message', () => {
    const nameOf = (field: string, id: string) => (field === 'queueId' && id === '7' ? 'Suporte' : undefined);
    expect(nodeSummary('transfer', { queueId: '7', agentId: '3' }, nameOf)).toBe('Suporte · 3');
    expect(nodeSummary('transfer', { message: 'Um momento' }, nameOf)).toBe('Um momento');
    expect(nodeSummary('workingHours', { target: { kind: 'queue', queueId: '7' } }, nameOf)).toBe('Suporte');
    expect(nodeSummary('tag', { action: 'remove', tag: 'vip' })).toBe('− vip');
  });
});
