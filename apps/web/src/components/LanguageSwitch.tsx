import { Button } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@jimmy/contracts';

/**
 * One click flips between the two languages; the label names the language you will get, the way
 * most bilingual sites do, and data-lang exposes the current one for tests.
 */
export function LanguageSwitch({ language, onChange }: { language: Language; onChange: (next: Language) => void }) {
  const { t } = useTranslation();
  const next: Language = language === 'pt-BR' ? 'en' : 'pt-BR';
  return (
    <Button
      variant="subtle"
      color="gray"
      size="compact-sm"
      leftSection={<IconLanguage size={16} />}
      onClick={() => onChange(next)}
      aria-label={t('language.switchTo')}
      data-testid="lang-switch"
      data-lang={language}
    >
      {t(`language.${next}`)}
    </Button>
  );
}
