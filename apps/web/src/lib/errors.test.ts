import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api.js';
import { errorMessage, fieldErrors } from './errors.js';
import { errorsPtBR } from './i18n/errors.js';
import { ptBR } from './i18n/pt-BR.js';
import { en } from './i18n/en.js';

const serverSrc = path.resolve(import.meta.dirname, '../../../server/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(path.join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [path.join(dir, e.name)]
        : [],
  );
}

/** The codes the server can put in an error body or on a failed message, read from its source. */
function serverCodes(): Set<string> {
  const codes = new Set<string>();
  const patterns = [
    /new DomainError\(\s*'([A-Z_]+)'/g,
    /conflict\(\s*'([A-Z_]+)'/g,
    /unauthorized\([^)]*?,\s*'([A-Z_]+)'\s*\)/g,
    /fail\(row, '([A-Z_]+)'/g,
    /body\('([A-Z_]+)'/g,
    /\{ code: '([A-Z_]+)', message/g,
  ];
  for (const file of sourceFiles(serverSrc)) {
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) codes.add(m[1]!);
    for (const m of text.matchAll(/notFound\('([A-Za-z ]+)'\)/g)) codes.add(`${m[1]!.toUpperCase().replace(/\s+/g, '_')}_NOT_FOUND`);
  }
  return codes;
}

async function translator(lng: 'pt-BR' | 'en') {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    resources: { 'pt-BR': { translation: ptBR }, en: { translation: en } },
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return instance.t;
}

describe('error messages', () => {
  it('has a pt-BR and English text for every code the server sends', () => {
    const codes = serverCodes();
    expect(codes.size).toBeGreaterThan(30);
    expect([...codes].filter((c) => !(c in errorsPtBR))).toEqual([]);
  });

  it('words a known code in the user language and falls back to the server message for an unknown one', async () => {
    const pt = await translator('pt-BR');
    const enT = await translator('en');
    const notFound = new ApiError({ code: 'TICKET_NOT_FOUND', status: 404, message: 'Ticket not found' });
    expect(errorMessage(notFound, pt)).toMatch(/^Atendimento não encontrado/);
    expect(errorMessage(notFound, enT)).toMatch(/^Conversation not found/);
    expect(errorMessage(new ApiError({ code: 'SOMETHING_NEW', status: 400, message: 'Server words' }), pt)).toBe('Server words');
    expect(errorMessage(new Error('boom'), pt)).toBe('Algo deu errado. Tente novamente.');
  });

  it('words a plan limit with its numbers, and the other 402s by their code', async () => {
    const pt = await translator('pt-BR');
    const enT = await translator('en');
    const limit = new ApiError({
      code: 'PLAN_LIMIT_REACHED',
      status: 402,
      message: 'Your plan allows 3 users',
      details: { resource: 'users', limit: 3, used: 3 },
    });
    expect(errorMessage(limit, pt)).toBe(
      'Seu plano permite 3 em Usuários e a empresa já usa 3. Faça upgrade em Plano e uso para criar mais.',
    );
    expect(errorMessage(limit, enT)).toMatch(/^Your plan allows 3 for Users/);
    const odd = new ApiError({ code: 'PLAN_LIMIT_REACHED', status: 402, message: 'x', details: { resource: 'rockets' } });
    expect(errorMessage(odd, pt)).toMatch(/^Você chegou ao limite do seu plano/);
    expect(errorMessage(new ApiError({ code: 'COMPANY_READ_ONLY', status: 402, message: 'x' }), pt)).toMatch(/somente leitura/);
  });

  it.each([
    ['VALIDATION_FAILED', 'name', 'Too small: expected string to have >=1 characters', 'Obrigatório.'],
    ['VALIDATION_FAILED', 'name', 'Too small: expected string to have >=8 characters', 'Muito curto (mínimo 8).'],
    ['VALIDATION_FAILED', 'name', 'Too big: expected string to have <=100 characters', 'Muito longo (máximo 100).'],
    ['VALIDATION_FAILED', 'email', 'Invalid email address', 'E-mail inválido.'],
    ['VALIDATION_FAILED', 'role', 'Invalid option: expected one of "admin"|"agent"', 'Valor inválido.'],
    ['VALIDATION_FAILED', 'currentPassword', 'The current password is wrong', 'A senha atual está errada.'],
    ['VALIDATION_FAILED', 'queueId', 'no such queue', 'Não existe (ou foi removido).'],
    ['EMAIL_TAKEN', 'email', 'already in use', 'Este e-mail já está em uso.'],
    ['QUEUE_NAME_TAKEN', 'name', 'already in use', 'Já existe uma fila com este nome.'],
  ])('%s on %s: "%s" → "%s"', async (code, field, message, expected) => {
    const pt = await translator('pt-BR');
    const error = new ApiError({ code, status: 400, message: 'x', fields: { [field]: message } });
    expect(fieldErrors(error, pt)[field]).toBe(expected);
  });
});
