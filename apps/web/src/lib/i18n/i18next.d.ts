import 'i18next';
import type { ptBR } from './pt-BR.js';

// Types every t('key') call against the source dictionary, so a typo is a compile error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ptBR };
  }
}
