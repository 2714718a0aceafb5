import { describe, expect, it } from 'vitest';
import { renderMenu } from './renderMenu.js';
import type { MenuCapabilities, MenuOption } from './types.js';

const cloudApi: MenuCapabilities = { buttons: 3, listRows: 10 };
const listOnly: MenuCapabilities = { buttons: 0, listRows: 10 };
const textOnly: MenuCapabilities = { buttons: 0, listRows: 0 };

const numbered = (count: number): MenuOption[] => Array.from({ length: count }, (_v, i) => ({ id: `q${i + 1}`, label: `Fila ${i + 1}` }));
const two = [
  { id: 'sales', label: 'Vendas' },
  { id: 'support', label: 'Suporte' },
];

describe('renderMenu picks the form', () => {
  const cases: Array<[string, MenuOption[], MenuCapabilities, 'buttons' | 'list' | 'text']> = [
    ['2 options, Cloud API → buttons', two, cloudApi, 'buttons'],
    ['3 options, Cloud API → buttons', numbered(3), cloudApi, 'buttons'],
    ['4 options, Cloud API → list', numbered(4), cloudApi, 'list'],
    ['10 options, Cloud API → list', numbered(10), cloudApi, 'list'],
    ['11 options, Cloud API → text', numbered(11), cloudApi, 'text'],
    ['2 options, lists only → list', two, listOnly, 'list'],
    ['2 options, no interactive → text', two, textOnly, 'text'],
    ['no options → text', [], cloudApi, 'text'],
  ];
  it.each(cases)('%s', (_name, options, capabilities, kind) => {
    expect(renderMenu('Escolha:', options, capabilities).kind).toBe(kind);
  });
});

describe('renderMenu shapes', () => {
  it('buttons keep ids and cut titles to 20 characters', () => {
    expect(renderMenu('Olá!', [...two, { id: 'tech', label: 'Suporte Técnico Especializado' }], cloudApi)).toEqual({
      kind: 'buttons',
      body: 'Olá!',
      buttons: [
        { id: 'sales', title: 'Vendas' },
        { id: 'support', title: 'Suporte' },
        { id: 'tech', title: 'Suporte Técnico…' },
      ],
    });
  });

  it('titles that collide once cut are numbered', () => {
    const similar = [
      { id: 'a', label: 'Atendimento ao cliente — São Paulo' },
      { id: 'b', label: 'Atendimento ao cliente — Lisboa' },
    ];
    const menu = renderMenu('Olá!', similar, cloudApi);
    expect(menu.kind === 'buttons' && menu.buttons.map((button) => button.title)).toEqual(['1. Atendimento ao…', '2. Atendimento ao…']);
  });

  it('list rows keep ids, cut titles to 24 and carry the whole label as description', () => {
    const options = [...numbered(3), { id: 'long', label: 'Segunda via de boleto bancário' }];
    expect(renderMenu('Escolha:', options, cloudApi, 'Ver todas as opções disponíveis')).toEqual({
      kind: 'list',
      body: 'Escolha:',
      buttonLabel: 'Ver todas as opções…',
      rows: [
        { id: 'q1', title: 'Fila 1' },
        { id: 'q2', title: 'Fila 2' },
        { id: 'q3', title: 'Fila 3' },
        { id: 'long', title: 'Segunda via de boleto…', description: 'Segunda via de boleto bancário' },
      ],
    });
  });

  it('the list button label defaults to pt-BR', () => {
    const menu = renderMenu('Escolha:', numbered(4), cloudApi);
    expect(menu.kind === 'list' && menu.buttonLabel).toBe('Escolha uma opção');
  });

  it('text menus number every option with its whole label', () => {
    expect(renderMenu('Olá! Escolha:', [...two, { id: 'x', label: 'Segunda via de boleto bancário' }], textOnly)).toEqual({
      kind: 'text',
      body: 'Olá! Escolha:\n\n1 - Vendas\n2 - Suporte\n3 - Segunda via de boleto bancário',
    });
  });

  it('a text menu without prompt is just the lines', () => {
    expect(renderMenu('', two, textOnly)).toEqual({ kind: 'text', body: '1 - Vendas\n2 - Suporte' });
  });
});
