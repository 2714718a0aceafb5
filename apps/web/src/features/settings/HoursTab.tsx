import { Divider, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CompanySettingsResponse } from '@jimmy/contracts';
import { errorsUnder } from './fieldErrors.js';
import { useSectionForm } from './useSectionForm.js';
import { WeekScheduleEditor, defaultSchedule } from './WeekScheduleEditor.js';

type Messages = 'closedMessage' | 'breakMessage' | 'callbackQuestion' | 'callbackYesReply' | 'callbackNoReply';

export function HoursTab({ settings }: { settings: CompanySettingsResponse }) {
  const { t } = useTranslation();
  const { draft, patch, errors, footer } = useSectionForm('hours', settings);
  const message = (field: Messages, label: string, hint?: string) => (
    <Textarea
      label={label}
      description={hint}
      value={draft[field]}
      onChange={(e) => patch({ [field]: e.currentTarget.value })}
      error={errors[field]}
      autosize
      minRows={2}
      maxLength={1000}
      data-testid={`settings-hours-${field}`}
    />
  );
  return (
    <Stack gap="md" maw={860}>
      <Switch
        label={t('settings.hours.enabled')}
        description={t('settings.hours.enabledHint')}
        checked={draft.schedule !== null}
        onChange={(e) =>
          patch({ schedule: e.currentTarget.checked ? (settings.hours.schedule ?? defaultSchedule(settings.timezone)) : null })
        }
        data-testid="settings-hours-enabled"
      />
      {draft.schedule !== null && (
        <WeekScheduleEditor
          value={draft.schedule}
          onChange={(schedule) => patch({ schedule })}
          errors={errorsUnder(errors, 'schedule.')}
          testId="settings-hours"
        />
      )}
      <Divider label={t('settings.hours.messages')} labelPosition="left" />
      {message('closedMessage', t('settings.hours.closedMessage'), t('settings.hours.closedMessageHint'))}
      {message('breakMessage', t('settings.hours.breakMessage'), t('settings.hours.breakMessageHint'))}
      <Switch
        label={t('settings.hours.offerCallback')}
        description={t('settings.hours.offerCallbackHint')}
        checked={draft.offerCallback}
        onChange={(e) => patch({ offerCallback: e.currentTarget.checked })}
        data-testid="settings-hours-callback"
      />
      {draft.offerCallback && (
        <Stack gap="sm" pl="md" style={{ borderLeft: '2px solid var(--mantine-color-default-border)' }}>
          <TextInput
            label={t('settings.hours.callbackQuestion')}
            value={draft.callbackQuestion}
            onChange={(e) => patch({ callbackQuestion: e.currentTarget.value })}
            error={errors.callbackQuestion}
            maxLength={300}
          />
          {message('callbackYesReply', t('settings.hours.callbackYes'))}
          {message('callbackNoReply', t('settings.hours.callbackNo'))}
        </Stack>
      )}
      {Object.keys(errors).some((path) => path.startsWith('schedule.')) && (
        <Text size="sm" c="red">
          {t('errors.VALIDATION_FAILED')}
        </Text>
      )}
      {footer}
    </Stack>
  );
}
