import { describe, expect, it } from 'vitest';
import { matchOption } from './matchOption.js';
import type { Reply } from './types.js';

const options = [
  { id: 'q-sales', label: 'Vendas' },
  { id: 'q-support', label: 'Suporte' },
  { id: 'q-tech', label: 'Suporte Técnico' },
  { id: 'q-finance', label: 'Financeiro' },
];

// expected: [option id, by] or null for no-match
const cases: Array<[Reply, [string, 'id' | 'number' | 'text'] | null]> = [
  // interactive reply ids
  [{ choiceId: 'q-finance', text: 'Financeiro' }, ['q-finance', 'id']],
  [{ choiceId: 'q-tech' }, ['q-tech', 'id']],
  [{ choiceId: 'stale-id', text: '1' }, ['q-sales', 'number']],
  [{ choiceId: 'stale-id' }, null],
  // numbers
  [{ text: '2' }, ['q-support', 'number']],
  [{ text: '2.' }, ['q-support', 'number']],
  [{ text: ' 2 ' }, ['q-support', 'number']],
  [{ text: '2)' }, ['q-support', 'number']],
  [{ text: 'opção 2' }, ['q-support', 'number']],
  [{ text: 'Opcao 3' }, ['q-tech', 'number']],
  [{ text: 'nº 4' }, ['q-finance', 'number']],
  [{ text: '#1' }, ['q-sales', 'number']],
  [{ text: '2️⃣' }, ['q-support', 'number']],
  [{ text: 'dois' }, ['q-support', 'number']],
  [{ text: 'opção três' }, ['q-tech', 'number']],
  [{ text: '3 - Suporte Técnico' }, ['q-tech', 'number']],
  [{ text: '5' }, null],
  [{ text: '0' }, null],
  [{ text: '2 - Vendas' }, null],
  [{ text: '2025' }, null],
  // exact text, ignoring case, accents, spaces and punctuation
  [{ text: 'suporte' }, ['q-support', 'text']],
  [{ text: 'financeiro ' }, ['q-finance', 'text']],
  [{ text: 'SUPORTE TÉCNICO' }, ['q-tech', 'text']],
  [{ text: 'suporte tecnico!' }, ['q-tech', 'text']],
  // unique prefix of the label or of one of its words
  [{ text: 'fin' }, ['q-finance', 'text']],
  [{ text: 'Vend' }, ['q-sales', 'text']],
  [{ text: 'técnico' }, ['q-tech', 'text']],
  [{ text: 'sup' }, null],
  [{ text: 'fi' }, null],
  // a label named inside the reply
  [{ text: 'quero falar com o financeiro' }, ['q-finance', 'text']],
  [{ text: 'Preciso de suporte técnico, por favor' }, ['q-tech', 'text']],
  [{ text: 'preciso de suporte' }, ['q-support', 'text']],
  [{ text: 'vendas ou financeiro?' }, null],
  // nothing to go on
  [{ text: 'oi, bom dia' }, null],
  [{ text: '   ' }, null],
  [{}, null],
];

describe('matchOption', () => {
  it.each(cases)('%j → %j', (reply, expected) => {
    const result = matchOption(reply, options);
    expect(result.kind === 'match' ? [result.option.id, result.by] : null).toEqual(expected);
  });

  it('duplicate labels are ambiguous', () => {
    expect(matchOption({ text: 'vendas' }, [options[0]!, { id: 'other', label: 'VENDAS' }])).toEqual({ kind: 'no-match' });
  });

  it('returns the caller’s own option object', () => {
    const queues = [{ id: 'a', label: 'Vendas', queueId: 7 }];
    const result = matchOption({ text: '1' }, queues);
    expect(result.kind === 'match' && result.option.queueId).toBe(7);
  });
});
