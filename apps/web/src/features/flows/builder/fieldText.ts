import type { TFunction } from 'i18next';
import type { FieldIssue } from '../formIssues.js';

// The engine's refinements speak English; each known one has its own translation.
const CUSTOM: Record<string, 'sendOrSave' | 'uniqueIds' | 'reservedInvalid' | 'listAnswers' | 'queueOrAgent' | 'regex'> = {
  'send the answer or save it': 'sendOrSave',
  'option ids must be unique': 'uniqueIds',
  '"invalid" is reserved': 'reservedInvalid',
  'list the accepted answers': 'listAnswers',
  'choose a queue or an agent': 'queueOrAgent',
  'invalid regular expression': 'regex',
};

export function issueText(issue: FieldIssue | undefined, t: TFunction): string | undefined {
  if (!issue) return undefined;
  if (issue.kind === 'custom') {
    const key = CUSTOM[issue.message];
    return key ? t(`flows.fieldErrors.${key}`) : t('flows.fieldErrors.invalid');
  }
  return t(`flows.fieldErrors.${issue.kind}`, { limit: issue.limit });
}

/** A schema key's label ("saveAs" → "Salvar na variável"); an unknown key shows as written. */
export function fieldLabel(key: string, t: TFunction): string {
  const labels = t('flows.fields', { returnObjects: true }) as Record<string, string>;
  return labels[key] ?? key;
}

/** An enum value's or a variant's label ("keyword" → "Palavra-chave"); HTTP methods stay as they are. */
export function valueLabel(value: string, t: TFunction): string {
  const labels = t('flows.enums', { returnObjects: true }) as Record<string, string>;
  return labels[value] ?? value;
}
