import { NumberInput, Radio, Stack, Switch, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { surveyModes, surveySettingsSchema, type CompanySettingsResponse } from '@jimmy/contracts';
import { useSectionForm } from './useSectionForm.js';

const DEFAULT_COMMENT_QUESTION = surveySettingsSchema.parse({}).commentQuestion ?? '';

export function SurveyTab({ settings }: { settings: CompanySettingsResponse }) {
  const { t } = useTranslation();
  const { draft, patch, errors, footer } = useSectionForm('survey', settings);
  const off = draft.mode === 'off';
  return (
    <Stack gap="md" maw={720}>
      <Radio.Group label={t('settings.survey.mode')} value={draft.mode} onChange={(mode) => patch({ mode: mode })} error={errors.mode}>
        <Stack gap="xs" mt="xs">
          {surveyModes.map((mode) => (
            <Radio
              key={mode}
              value={mode}
              label={t(`settings.survey.modes.${mode}`)}
              description={t(`settings.survey.modeHints.${mode}`)}
              data-testid={`settings-survey-mode-${mode}`}
            />
          ))}
        </Stack>
      </Radio.Group>
      {draft.mode === 'agent' && (
        <Switch
          label={t('settings.survey.agentDefault')}
          description={t('settings.survey.agentDefaultHint')}
          checked={draft.agentDefault}
          onChange={(e) => patch({ agentDefault: e.currentTarget.checked })}
        />
      )}
      <Textarea
        label={t('settings.survey.question')}
        description={t('settings.survey.questionHint')}
        value={draft.question}
        onChange={(e) => patch({ question: e.currentTarget.value })}
        error={errors.question}
        disabled={off}
        autosize
        minRows={2}
        maxLength={1000}
        data-testid="settings-survey-question"
      />
      <Switch
        label={t('settings.survey.askComment')}
        checked={draft.commentQuestion !== null}
        disabled={off}
        onChange={(e) =>
          patch({ commentQuestion: e.currentTarget.checked ? (settings.survey.commentQuestion ?? DEFAULT_COMMENT_QUESTION) : null })
        }
      />
      {draft.commentQuestion !== null && (
        <Textarea
          label={t('settings.survey.commentQuestion')}
          value={draft.commentQuestion}
          onChange={(e) => patch({ commentQuestion: e.currentTarget.value })}
          error={errors.commentQuestion}
          disabled={off}
          autosize
          minRows={2}
          maxLength={1000}
        />
      )}
      <Textarea
        label={t('settings.survey.thanks')}
        value={draft.thanks}
        onChange={(e) => patch({ thanks: e.currentTarget.value })}
        error={errors.thanks}
        disabled={off}
        autosize
        minRows={1}
        maxLength={1000}
      />
      <NumberInput
        label={t('settings.survey.expiry')}
        description={t('settings.survey.expiryHint')}
        value={draft.expiryHours}
        onChange={(value) => patch({ expiryHours: typeof value === 'number' ? value : Number(value) || 1 })}
        min={1}
        max={720}
        allowDecimal={false}
        allowNegative={false}
        error={errors.expiryHours}
        disabled={off}
        maw={240}
      />
      {footer}
    </Stack>
  );
}
