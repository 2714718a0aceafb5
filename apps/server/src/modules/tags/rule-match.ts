import type { TagRule } from '@jimmy/contracts';

/**
 * Only this much of a message is tested. JavaScript regexes backtrack, so a pattern with nested
 * quantifiers over a long text can block the event loop for seconds (ReDoS); patterns are capped at
 * save time (TAG_RULE_PATTERN_MAX) and texts here, which bounds the work of any one test.
 */
export const RULE_TEXT_MAX = 2000;

const stripAccents = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '');

/** Case- and accent-insensitive form: "ORÇAMENTO" and "orcamento" compare equal. */
function foldText(text: string): string {
  return stripAccents(text).toLowerCase();
}

/**
 * A quantified group that itself contains a quantifier, like `(a+)+` or `(\w*)*`: the shape of
 * exponential backtracking, which no cap on the text can bound. Refused when a rule is saved.
 */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]/;

/** Why a regex rule's pattern is refused when saved, or null when it may be used. */
export function rejectRulePattern(pattern: string): string | null {
  const compiled = compileRulePattern(pattern);
  if (!compiled.ok) return `not a valid regular expression: ${compiled.reason}`;
  if (NESTED_QUANTIFIER.test(pattern)) return 'nested repetition like (a+)+ can take too long; simplify the pattern';
  return null;
}

/** A regex rule's pattern as the runner compiles it, or the reason it does not compile. */
export function compileRulePattern(pattern: string): { ok: true; regex: RegExp } | { ok: false; reason: string } {
  try {
    return { ok: true, regex: new RegExp(pattern, 'iu') };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : 'invalid regular expression' };
  }
}

export function ruleMatches(rule: Pick<TagRule, 'match' | 'pattern'>, text: string): boolean {
  const sample = text.slice(0, RULE_TEXT_MAX);
  if (rule.match === 'contains') {
    const needle = foldText(rule.pattern.trim());
    return needle.length > 0 && foldText(sample).includes(needle);
  }
  const compiled = compileRulePattern(rule.pattern);
  if (!compiled.ok) return false;
  if (compiled.regex.test(sample)) return true;
  // Accents stripped on both sides (case is the `i` flag's job: lowercasing would turn \D into \d).
  const folded = compileRulePattern(stripAccents(rule.pattern));
  return folded.ok && folded.regex.test(stripAccents(sample));
}

/** The tags that `texts` earn under `rules`, each once, in rule order. */
export function tagsEarned(rules: readonly Pick<TagRule, 'match' | 'pattern' | 'tagId' | 'id'>[], texts: readonly string[]) {
  const earned = new Map<number, number>();
  for (const rule of rules) {
    if (earned.has(rule.tagId)) continue;
    if (texts.some((text) => ruleMatches(rule, text))) earned.set(rule.tagId, rule.id);
  }
  return [...earned].map(([tagId, ruleId]) => ({ tagId, ruleId }));
}
