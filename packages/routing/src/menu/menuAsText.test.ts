import { describe, expect, it } from 'vitest';
import { menuAsText } from './menuAsText.js';
import type { MenuMessage } from './types.js';

const cases: Array<[MenuMessage, string]> = [
  [
    {
      kind: 'buttons',
      body: 'Olá!',
      buttons: [
        { id: 'a', title: 'Vendas' },
        { id: 'b', title: 'Suporte' },
      ],
    },
    'Olá!\n[Vendas]\n[Suporte]',
  ],
  [
    { kind: 'list', body: 'Escolha:', buttonLabel: 'Opções', rows: [{ id: 'a', title: 'Vendas', description: 'Vendas e orçamentos' }] },
    'Escolha:\n[Opções]\n1 - Vendas',
  ],
  [{ kind: 'text', body: 'Escolha:\n\n1 - Vendas' }, 'Escolha:\n\n1 - Vendas'],
];

describe('menuAsText', () => {
  it.each(cases)('%j', (menu, expected) => {
    expect(menuAsText(menu)).toBe(expected);
  });
});
