import { describe, expect, it } from 'vitest';
import { commentOf, scoreOf, surveyClaims, surveyMenu } from './survey-reply.js';

const awaitingScore = { status: 'awaiting_score' as const };
const awaitingComment = { status: 'awaiting_comment' as const };

describe('surveyClaims', () => {
  const cases: Array<[{ text?: string; choiceId?: string }, boolean]> = [
    [{ text: '5' }, true],
    [{ text: '⭐5' }, true],
    [{ text: '⭐⭐⭐⭐⭐' }, true],
    [{ text: 'cinco' }, true],
    [{ text: 'five' }, true],
    [{ text: 'nota 4' }, true],
    [{ choiceId: 'survey:5', text: '5 ⭐ Ótimo' }, true],
    [{ choiceId: 'survey:1' }, true],
    [{ text: 'oi, preciso de ajuda' }, false],
    [{ text: 'bom dia' }, false],
    [{ text: '' }, false],
    [{}, false],
    [{ choiceId: 'survey:9' }, false],
  ];
  it.each(cases)('awaiting a score: %j → %s', (reply, claimed) => {
    expect(surveyClaims(awaitingScore, reply)).toBe(claimed);
  });

  it('awaiting a comment claims anything', () => {
    expect(surveyClaims(awaitingComment, { text: 'oi, preciso de ajuda' })).toBe(true);
    expect(surveyClaims(awaitingComment, {})).toBe(true);
  });
});

describe('scoreOf', () => {
  it.each([
    [{ choiceId: 'survey:5' }, 5],
    [{ choiceId: 'survey:2', text: 'whatever' }, 2],
    [{ choiceId: 'survey:0' }, null],
    [{ text: 'cinco' }, 5],
    [{ text: '⭐5' }, 5],
    [{ text: 'ótimo atendimento' }, null],
  ])('%j → %s', (reply, score) => {
    expect(scoreOf(reply)).toBe(score);
  });
});

describe('commentOf', () => {
  it.each([
    ['não', null],
    ['Não.', null],
    ['nao', null],
    ['NO', null],
    ['n', null],
    ['-', null],
    ['   ', null],
    ['Atendente muito educada', 'Atendente muito educada'],
    ['não gostei da demora', 'não gostei da demora'],
  ])('%j → %j', (text, comment) => {
    expect(commentOf({ text })).toBe(comment);
  });
});

describe('surveyMenu', () => {
  it('numbers the options 1..5 so a typed number is the score', () => {
    const menu = surveyMenu('Como foi?', { buttons: 0, listRows: 0 });
    expect(menu).toEqual({ kind: 'text', body: expect.stringContaining('1 - 1 ⭐ Péssimo') });
    expect(menu.body).toContain('5 - 5 ⭐ Ótimo');
  });

  it('is a list with ids survey:1..5 where the channel has lists', () => {
    const menu = surveyMenu('Como foi?', { buttons: 3, listRows: 10 });
    expect(menu.kind).toBe('list');
    expect(menu.kind === 'list' && menu.rows.map((row) => row.id)).toEqual(['survey:1', 'survey:2', 'survey:3', 'survey:4', 'survey:5']);
  });
});
