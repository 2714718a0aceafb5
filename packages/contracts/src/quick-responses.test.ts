import { describe, expect, it } from 'vitest';
import { greetingAt, matchesQuickResponse, renderQuickResponse, type QuickResponseContext } from './quick-responses.js';

const context: QuickResponseContext = {
  contactName: 'Maria da Silva',
  agentName: 'João',
  ticketId: 4321,
  queueName: 'Suporte',
  customFields: { plano: 'Ouro', cpf: '123' },
  fieldKeys: ['plano', 'cpf', 'aniversario'],
  // 13:30 UTC = 10:30 in São Paulo
  now: new Date('2026-03-10T13:30:00Z'),
  timeZone: 'America/Sao_Paulo',
};

describe('renderQuickResponse', () => {
  it('fills every variable', () => {
    const { body, unknown } = renderQuickResponse(
      '{{saudacao}}, {{nome}}! Sou {{agente}} da fila {{fila}}. Protocolo {{protocolo}}. Plano {{plano}}; {{ Name }} {{Saudação}} {{aniversario}}.',
      context,
    );
    expect(body).toBe('Bom dia, Maria! Sou João da fila Suporte. Protocolo 4321. Plano Ouro; Maria bom dia .');
    expect(unknown).toEqual([]);
  });

  it('lists unknown variables and leaves them as written', () => {
    const { body, unknown } = renderQuickResponse('Oi {{nome}}, {{cupom}} e {{cupom}} {{ x y }}', context);
    expect(body).toBe('Oi Maria, {{cupom}} e {{cupom}} {{ x y }}');
    expect(unknown).toEqual(['{{cupom}}', '{{ x y }}']);
  });

  it('renders an empty queue name when the ticket has none', () => {
    expect(renderQuickResponse('[{{fila}}]', { ...context, queueName: null }).body).toBe('[]');
  });

  it.each([
    ['2026-03-10T07:59:00Z', 'America/Sao_Paulo', 'boa noite'], // 04:59
    ['2026-03-10T08:00:00Z', 'America/Sao_Paulo', 'bom dia'], // 05:00
    ['2026-03-10T14:59:00Z', 'America/Sao_Paulo', 'bom dia'], // 11:59
    ['2026-03-10T15:00:00Z', 'America/Sao_Paulo', 'boa tarde'], // 12:00
    ['2026-03-10T20:59:00Z', 'America/Sao_Paulo', 'boa tarde'], // 17:59
    ['2026-03-10T21:00:00Z', 'America/Sao_Paulo', 'boa noite'], // 18:00
    // the same instant is afternoon in Lisbon
    ['2026-03-10T14:00:00Z', 'Europe/Lisbon', 'boa tarde'],
    ['2026-03-10T14:00:00Z', 'America/Manaus', 'bom dia'],
  ])('greets %s in %s with %s', (at, zone, expected) => {
    expect(greetingAt(new Date(at), zone)).toBe(expected);
    expect(renderQuickResponse('Olá e {{saudacao}}', { ...context, now: new Date(at), timeZone: zone }).body).toBe(`Olá e ${expected}`);
    expect(renderQuickResponse('Oi. {{saudacao}}', { ...context, now: new Date(at), timeZone: zone }).body).toBe(
      `Oi. ${expected[0]!.toUpperCase()}${expected.slice(1)}`,
    );
  });
});

describe('matchesQuickResponse', () => {
  const response = { shortcut: 'orcamento', body: 'Segue o orçamento solicitado' };
  it.each([
    ['orc', true],
    ['ORÇ', true],
    ['solicitado', true],
    ['SOLICITADÓ', true],
    ['', true],
    ['boleto', false],
  ])('%s → %s', (query, expected) => {
    expect(matchesQuickResponse(response, query)).toBe(expected);
  });
});
