import { useState } from 'react';
import { Alert, Badge, Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconDeviceFloppy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CompanySettingsResponse } from '@jimmy/contracts';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { errorsUnder, type FieldErrors } from './fieldErrors.js';
import { useSaveSettings } from './settingsApi.js';

type Section = 'routing' | 'hours' | 'survey';

/** A tab's draft of one settings section: saved whole, with the server's errors put back on its fields. */
export function useSectionForm<K extends Section>(section: K, settings: CompanySettingsResponse) {
  const { t } = useTranslation();
  const save = useSaveSettings();
  const [draft, setDraft] = useState<CompanySettingsResponse[K]>(settings[section]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const dirty = JSON.stringify(draft) !== JSON.stringify(settings[section]);

  const patch = (next: Partial<CompanySettingsResponse[K]>) => setDraft((current) => ({ ...current, ...next }));

  const submit = async () => {
    setErrors({});
    setFormError(null);
    try {
      const saved = await save.mutateAsync({ [section]: draft });
      setDraft(saved[section]);
      notifications.show({ color: 'brand', title: t('common.success'), message: t('settings.saved') });
    } catch (error) {
      const byField = errorsUnder(fieldErrors(error, t), `${section}.`);
      setErrors(byField);
      setFormError(errorMessage(error, t));
    }
  };

  const footer = (
    <>
      {formError && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid={`settings-${section}-error`}>
          {formError}
        </Alert>
      )}
      <Group justify="flex-end" gap="sm">
        {dirty && (
          <Badge color="yellow" variant="light">
            {t('settings.unsaved')}
          </Badge>
        )}
        <Button
          leftSection={<IconDeviceFloppy size={18} />}
          loading={save.isPending}
          onClick={() => void submit()}
          data-testid={`settings-${section}-save`}
        >
          {t('common.save')}
        </Button>
      </Group>
    </>
  );

  return { draft, patch, setDraft, errors, footer };
}
