import { Checkbox, Group, Loader, Text } from '@mantine/core';
import { IconStar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SurveySettings } from './surveysApi.js';

/**
 * The survey part of the close dialog: a checkbox when the agent decides, a line when it is
 * always sent, nothing when the company turned it off. `value` null: the agent has not touched it.
 */
export function SendSurveyOption({
  settings,
  loading,
  value,
  onChange,
}: {
  settings: SurveySettings | undefined;
  loading: boolean;
  value: boolean | null;
  onChange: (send: boolean) => void;
}) {
  const { t } = useTranslation();
  if (loading) return <Loader size="xs" />;
  if (!settings) {
    return (
      <Text size="xs" c="dimmed">
        {t('surveys.close.settingsFailed')}
      </Text>
    );
  }
  if (settings.mode === 'off') return null;
  if (settings.mode === 'always') {
    return (
      <Group gap={6} wrap="nowrap" data-testid="close-survey-always">
        <IconStar size={16} color="var(--mantine-color-yellow-6)" />
        <Text size="sm">{t('surveys.close.always')}</Text>
      </Group>
    );
  }
  return (
    <Checkbox
      checked={value ?? settings.agentDefault}
      onChange={(event) => onChange(event.currentTarget.checked)}
      label={t('surveys.close.send')}
      description={t('surveys.close.sendHint')}
      data-testid="close-send-survey"
    />
  );
}
