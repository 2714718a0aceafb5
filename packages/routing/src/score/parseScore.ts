import type { Reply } from '../menu/types.js';
import { normalizeText } from '../text/normalizeText.js';
import { ARTICLE_NUMBER_WORDS, NUMBER_WORDS } from '../text/numberWords.js';

export type ScoreResult = { kind: 'score'; score: number } | { kind: 'invalid' };

const INVALID: ScoreResult = { kind: 'invalid' };
const CHOICE_ID = /^(?:(?:score|nota|rating)[:_-])?(\d+)$/i;
const STAR = /[\u2B50\u2605\u{1F31F}]/gu; // ⭐ ★ 🌟
const DECIMAL = /\d[.,]\d/;

function inRange(score: number, scale: number): ScoreResult {
  return Number.isInteger(score) && score >= 1 && score <= scale ? { kind: 'score', score } : INVALID;
}

/**
 * Reads a survey answer on a 1..scale scale: a button id (`score:4`), digits with or without
 * words around them ("nota 5", "5 estrelas", "4/5"), a number word ("cinco", "duas", "five") or
 * star emojis counted ("⭐⭐⭐⭐"). Two different numbers ("de 1 a 5", "4,5") are invalid rather
 * than guessed; digits win over stars ("⭐5" is 5).
 */
export function parseScore(reply: Reply, scale = 5): ScoreResult {
  if (!Number.isInteger(scale) || scale < 1) return INVALID;
  const choice = reply.choiceId === undefined ? null : CHOICE_ID.exec(reply.choiceId.trim());
  if (choice) return inRange(Number(choice[1]), scale);

  const raw = (reply.text ?? '').toLowerCase().replace(/(\d)[.,]0+(?!\d)/g, '$1');
  if (DECIMAL.test(raw)) return INVALID;
  // The scale after the score is not a second number: "4/5", "nota 4 de 5", "4 out of 5".
  const withoutScale = raw.replace(new RegExp(`(?:/|\\bde\\b|\\bof\\b)\\s*${scale}(?!\\d)`, 'gu'), ' ');
  const text = normalizeText(withoutScale);

  const words = text.split(' ');
  const numbers = new Set([
    ...(text.match(/\d+/g) ?? []).map(Number),
    ...words.filter((word) => !ARTICLE_NUMBER_WORDS.has(word)).flatMap((word) => NUMBER_WORDS.get(word) ?? []),
  ]);
  if (numbers.size === 0) {
    for (const word of words) if (ARTICLE_NUMBER_WORDS.has(word)) numbers.add(1);
  }
  if (numbers.size > 1) return INVALID;
  const [number] = numbers;
  if (number !== undefined) return inRange(number, scale);

  const stars = (reply.text ?? '').match(STAR)?.length ?? 0;
  return stars > 0 ? inRange(stars, scale) : INVALID;
}
