import type { TFunction } from 'i18next';
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
