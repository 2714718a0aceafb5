import type { TFunction } from 'i18next';
import { limitedResources, type LimitedResource } from '@jimmy/contracts';
import { errorsPtBR } from './i18n/errors.js';
import { isApiError } from './api.js';

type ErrorCode = keyof typeof errorsPtBR;

function isKnownCode(code: string): code is ErrorCode {
  return code in errorsPtBR;
}

/** A code's text in the user's language; the server's (English) message only for a code we do not know. */
export function codeMessage(code: string, serverMessage: string | null | undefined, t: TFunction): string {
  if (isKnownCode(code)) return t(`errors.${code}`);
  return serverMessage || t('errors.UNKNOWN');
}

/** A message for the user in their language; the server's English message is only a fallback for unknown codes. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('errors.UNKNOWN');
  const limit = planLimitMessage(error.code, error.details, t);
  if (limit) return limit;
  return codeMessage(error.code, error.message, t);
}

// Codes whose fields only say "this one": the code's own text says it better, in the user's language.
const fieldCodes = new Set<string>([
  'EMAIL_TAKEN',
  'QUEUE_NAME_TAKEN',
  'PHONE_NUMBER_TAKEN',
  'CANNOT_CHANGE_SELF',
  'WEBHOOK_URL_NOT_ALLOWED',
]);

/** zod's English issues and the services' own field checks (VALIDATION_FAILED), recognised by their shape. */
function validationText(message: string, t: TFunction): string {
  if (/password is wrong/i.test(message)) return t('fieldErrors.wrongPassword');
  if (/^no such|does not exist/i.test(message)) return t('fieldErrors.notFound');
  if (/^is empty$/i.test(message)) return t('fieldErrors.empty');
  const min = /too small.*>=?\s*(\d+)/i.exec(message);
  if (min) return min[1] === '1' ? t('fieldErrors.required') : t('fieldErrors.tooShort', { min: min[1] });
  const max = /too big.*<=?\s*(\d+)/i.exec(message);
  if (max) return t('fieldErrors.tooLong', { max: max[1] });
  if (/email/i.test(message)) return t('fieldErrors.email');
  if (/received undefined|required/i.test(message)) return t('fieldErrors.required');
  return t('fieldErrors.invalid');
}

/** Field errors keyed by field path, in the user's language. */
export function fieldErrors(error: unknown, t: TFunction): Record<string, string> {
  if (!isApiError(error)) return {};
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fields)) {
    if (fieldCodes.has(error.code)) out[path] = codeMessage(error.code, message, t);
    else if (error.code === 'VALIDATION_FAILED') out[path] = validationText(message, t);
    else out[path] = message;
  }
  return out;
}

export function hasFieldErrors(error: unknown): boolean {
  return isApiError(error) && Object.keys(error.fields).length > 0;
}

/** PLAN_LIMIT_REACHED names what was counted (details.resource, limit, used): say it with the numbers. */
function planLimitMessage(code: string, details: unknown, t: TFunction): string | null {
  if (code !== 'PLAN_LIMIT_REACHED' || typeof details !== 'object' || details === null) return null;
  const { resource, limit, used } = details as { resource?: unknown; limit?: unknown; used?: unknown };
  if (typeof resource !== 'string' || typeof limit !== 'number' || typeof used !== 'number') return null;
  if (!limitedResources.includes(resource as LimitedResource)) return null;
  return t('usage.limitReached', { limit, used, resource: t(`usage.resources.${resource as LimitedResource}`) });
}
