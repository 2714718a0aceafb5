import { normalizeText } from '../text/normalizeText.js';
import { NUMBER_WORDS } from '../text/numberWords.js';
import type { MenuOption, Reply } from './types.js';

export type OptionMatch<T extends MenuOption> = { kind: 'match'; option: T; by: 'id' | 'number' | 'text' } | { kind: 'no-match' };

// "2", "opção 2", "#2", "nº 2", "2 - Suporte" (a line copied from a text menu); "dois", "opção dois".
const NUMBERED = /^(?:(?:opcao|opc|op|option|numero|nº|n|no)\s*)?(\d{1,3})(?:\s+(.+))?$/;
const NUMBER_WORD = /^(?:(?:opcao|option|numero)\s+)?([a-z]+)(?:\s+(.+))?$/;
const MIN_PREFIX_LENGTH = 3;

/** The only index in `indexes`, or null when there are none; several are ambiguous. */
function only(indexes: number[]): number | null | 'ambiguous' {
  if (indexes.length === 0) return null;
  return indexes.length === 1 ? (indexes[0] ?? null) : 'ambiguous';
}

function byNumber(text: string, labels: string[]): number | null | 'ambiguous' {
  const digits = NUMBERED.exec(text);
  const word = digits ? null : NUMBER_WORD.exec(text);
  const number = digits ? Number(digits[1]) : word?.[1] === undefined ? undefined : NUMBER_WORDS.get(word[1]);
  if (number === undefined) return null;
  const rest = (digits ?? word)?.[2];
  const label = labels[number - 1];
  // A number with other words counts only when they are that option's label ("2 - Suporte");
  // digits followed by something else contradict themselves ("2 - Vendas"), while a number word
  // may just be an article ("um pouco de suporte").
  if (rest !== undefined) {
    if (label !== undefined && label.startsWith(rest)) return number - 1;
    return digits ? 'ambiguous' : null;
  }
  // A digit beyond the menu was a choice, just a wrong one; a word might still be a label.
  if (label === undefined) return digits ? 'ambiguous' : null;
  return number - 1;
}

function byText(text: string, labels: string[]): number | null | 'ambiguous' {
  const indexes = labels.map((_label, index) => index);
  const exact = only(indexes.filter((index) => labels[index] === text));
  if (exact !== null) return exact;

  if (text.length >= MIN_PREFIX_LENGTH) {
    const prefix = only(
      indexes.filter((index) => {
        const label = labels[index] ?? '';
        return label.startsWith(text) || label.split(' ').some((word) => word.startsWith(text));
      }),
    );
    if (prefix !== null) return prefix;
  }

  // The reply names a label among other words ("quero falar com o financeiro"). When one found
  // label is part of another ("suporte" in "suporte tecnico"), the longer one was meant.
  const padded = ` ${text} `;
  const contained = indexes.filter((index) => labels[index] !== '' && padded.includes(` ${labels[index]} `));
  return only(
    contained.filter((index) => !contained.some((other) => other !== index && (labels[other] ?? '').includes(labels[index] ?? ''))),
  );
}

/**
 * Maps a customer's reply back to a menu option: the interactive reply id, the 1-based number, or
 * the option's text ignoring case, accents and punctuation — the whole label, a unique prefix of it
 * or of one of its words (3+ letters), or a label named inside the reply. Anything ambiguous is a
 * no-match, so the menu is asked again rather than guessed.
 */
export function matchOption<T extends MenuOption>(reply: Reply, options: readonly T[]): OptionMatch<T> {
  if (reply.choiceId !== undefined) {
    const option = options.find((candidate) => candidate.id === reply.choiceId);
    if (option) return { kind: 'match', option, by: 'id' };
  }
  const text = normalizeText(reply.text ?? '');
  if (text === '') return { kind: 'no-match' };
  const labels = options.map((option) => normalizeText(option.label));

  const numbered = byNumber(text, labels);
  if (numbered === 'ambiguous') return { kind: 'no-match' };
  const numberedOption = numbered === null ? undefined : options[numbered];
  if (numberedOption) return { kind: 'match', option: numberedOption, by: 'number' };

  const texted = byText(text, labels);
  const textedOption = texted === null || texted === 'ambiguous' ? undefined : options[texted];
  return textedOption ? { kind: 'match', option: textedOption, by: 'text' } : { kind: 'no-match' };
}
