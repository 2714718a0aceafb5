import { describe, expect, it } from 'vitest';
import { validateAnswer } from './validateAnswer.js';
import type { AnswerKind } from './validateAnswer.js';

const check = (kind: AnswerKind, text: string, choices: string[] = []) => validateAnswer(kind, text, { currentYear: 2026, choices });

describe('validateAnswer', () => {
  const cases: Array<[AnswerKind, string, string | null]> = [
    ['text', '  Maria  ', 'Maria'],
    ['text', '   ', null],
    ['number', '42', '42'],
    ['number', '1.234,56', '1234.56'],
    ['number', '12.5', '12.5'],
    ['number', '1.000', '1000'],
    ['number', 'doze', null],
    ['email', 'Maria@Example.com.br', 'maria@example.com.br'],
    ['email', 'maria@example', null],
    ['email', 'maria example.com', null],
    ['email', 'maria@@example.com', null],
    ['phone', '(11) 98765-4321', '+5511987654321'],
    ['phone', '+55 11 98765-4321', '+5511987654321'],
    ['phone', '5511987654321', '+5511987654321'],
    ['phone', '11 3456-7890', '+551134567890'],
    ['phone', '+55 (21) 3456-7890', '+552134567890'],
    ['phone', '011 98765-4321', '+5511987654321'],
    ['phone', '98765-4321', null],
    ['phone', '(11) 88765-4321', null],
    ['phone', '(10) 98765-4321', null],
    ['phone', 'call me', null],
    ['cpf', '529.982.247-25', '52998224725'],
    ['cpf', '52998224725', '52998224725'],
    ['cpf', '529.982.247-24', null],
    ['cpf', '111.111.111-11', null],
    ['cpf', '5299822472', null],
    ['cnpj', '11.222.333/0001-81', '11222333000181'],
    ['cnpj', '11222333000181', '11222333000181'],
    ['cnpj', '11.222.333/0001-82', null],
    ['cnpj', '00.000.000/0000-00', null],
    ['date', '31/12/2026', '31/12/2026'],
    ['date', '31/12', '31/12/2026'],
    ['date', '1/2', '01/02/2026'],
    ['date', '29/02/2028', '29/02/2028'],
    ['date', '29/02/2026', null],
    ['date', '31/04/2026', null],
    ['date', '12/31/2026', null],
    ['date', 'amanhã', null],
  ];
  it.each(cases)('%s %j → %j', (kind, text, expected) => {
    expect(check(kind, text)).toEqual(expected === null ? { ok: false } : { ok: true, value: expected });
  });

  it('options match case- and accent-insensitively and save the canonical choice', () => {
    expect(check('options', 'SIM', ['Sim', 'Não'])).toEqual({ ok: true, value: 'Sim' });
    expect(check('options', 'nao', ['Sim', 'Não'])).toEqual({ ok: true, value: 'Não' });
    expect(check('options', 'talvez', ['Sim', 'Não'])).toEqual({ ok: false });
  });
});
