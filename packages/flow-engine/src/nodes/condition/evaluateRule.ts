import { normalizeText } from '../../text/normalizeText.js';
import { formatTime, localTime } from '../../text/localTime.js';
import type { NodeInput } from '../defineNode.js';
import type { ConditionRule } from './conditionSchema.js';

const BR_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** Numbers compare as numbers, "31/12/2026" as dates, anything else ("09:30") as text. */
function compare(left: string, right: string): number {
  const a = Number(left.replace(',', '.'));
  const b = Number(right.replace(',', '.'));
  if (left.trim() !== '' && right.trim() !== '' && Number.isFinite(a) && Number.isFinite(b)) return a - b;
  const sortable = (text: string): string => text.replace(BR_DATE, '$3-$2-$1');
  return sortable(left.trim()).localeCompare(sortable(right.trim()));
}

function test(operator: ConditionRule['operator'], actual: string, expected: string): boolean {
  switch (operator) {
    case 'equals':
      return normalizeText(actual) === normalizeText(expected);
    case 'contains':
      return normalizeText(actual).includes(normalizeText(expected));
    case 'regex':
      // Case-insensitive like the other operators; the schema has already compiled the pattern.
      return new RegExp(expected, 'iu').test(actual);
    case 'greater':
      return compare(actual, expected) > 0;
    case 'less':
      return compare(actual, expected) < 0;
    case 'empty':
      return actual.trim() === '';
  }
}

export function evaluateRule(rule: ConditionRule, input: NodeInput<unknown>): boolean {
  const { source } = rule;
  let result: boolean;
  if (source.kind === 'tags') {
    const tags = input.contact.tags;
    // Tags are a set: "equals" means the contact has that tag, "empty" that it has none.
    if (rule.operator === 'empty') result = tags.length === 0;
    else if (rule.operator === 'greater' || rule.operator === 'less') result = test(rule.operator, String(tags.length), rule.value);
    else result = tags.some((tag) => test(rule.operator, tag, rule.value));
  } else {
    const actual =
      source.kind === 'variable'
        ? (input.variables[source.name] ?? '')
        : source.kind === 'contactField'
          ? (input.contact.fields[source.name] ?? '')
          : source.kind === 'message'
            ? input.lastMessage
            : formatTime(localTime(input.ctx.now, input.ctx.timeZone));
    result = test(rule.operator, actual, rule.value);
  }
  return rule.negate ? !result : result;
}
