import type { LeadHook } from '@jimmy/contracts';

/** The full URL a form posts to: the hook's path on this server's origin. */
export const hookUrl = (hook: Pick<LeadHook, 'path'>) => `${window.location.origin}${hook.path}`;
