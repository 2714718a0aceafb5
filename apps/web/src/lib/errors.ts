import type { TFunction } from 'i18next';
import { ptBR } from './i18n/pt-BR.js';
import { isApiError } from './api.js';

type ErrorCode = keyof typeof ptBR.errors;

function isKnownCode(code: string): code is ErrorCode {
  return code in ptBR.errors;
}

/** A message for the user in their language; the server's English message is only a fallback for unknown codes. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('errors.UNKNOWN');
  if (isKnownCode(error.code)) return t(`errors.${error.code}`);
  return error.message || t('errors.UNKNOWN');
}

/**
 * Field errors keyed by field path. The server's per-field text is shown as is, except where the
 * error code itself names the problem (EMAIL_TAKEN), which we can say in the user's language.
 */
export function fieldErrors(error: unknown, t: TFunction): Record<string, string> {
  if (!isApiError(error)) return {};
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fields)) {
    out[path] = error.code === 'EMAIL_TAKEN' && path === 'email' ? t('errors.EMAIL_TAKEN') : message;
  }
  return out;
}

export function hasFieldErrors(error: unknown): boolean {
  return isApiError(error) && Object.keys(error.fields).length > 0;
}
