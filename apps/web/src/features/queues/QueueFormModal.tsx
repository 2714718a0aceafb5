import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  ColorInput,
  Group,
  Input,
  Modal,
  MultiSelect,
  Radio,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { assignmentModes, type AssignmentMode, type Queue } from '@jimmy/contracts';
import type { Schedule } from '@jimmy/routing';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { WeekScheduleEditor, defaultSchedule, errorsUnder } from '../settings/index.js';
import { useSaveQueue, useUserOptions } from './queuesApi.js';

const SWATCHES = ['#25D366', '#128C7E', '#228BE6', '#7950F2', '#E64980', '#FA5252', '#FD7E14', '#FAB005', '#40C057', '#868E96'];

interface Values {
  name: string;
  color: string;
  greeting: string;
  userIds: string[];
  assignmentMode: AssignmentMode;
  schedule: Schedule | null;
}

const valuesOf = (queue: Queue | null): Values => ({
  name: queue?.name ?? '',
  color: queue?.color ?? SWATCHES[0]!,
  greeting: queue?.greeting ?? '',
  userIds: (queue?.userIds ?? []).map(String),
  assignmentMode: queue?.assignmentMode ?? 'manual',
  schedule: queue?.schedule ?? null,
});

export function QueueFormModal({ opened, queue, onClose }: { opened: boolean; queue: Queue | null; onClose: () => void }) {
  const { t } = useTranslation();
  // The week grid needs the whole width of a phone.
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      fullScreen={phone}
      opened={opened}
      onClose={onClose}
      title={queue ? t('queues.form.editTitle') : t('queues.form.createTitle')}
      centered
      radius="lg"
      size="xl"
    >
      {opened && <QueueForm key={queue?.id ?? 'new'} queue={queue} onDone={onClose} />}
    </Modal>
  );
}

function QueueForm({ queue, onDone }: { queue: Queue | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveQueue();
  const users = useUserOptions();
  const [values, setValues] = useState<Values>(() => valuesOf(queue));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    if (!values.name.trim()) return setErrors({ name: t('validation.required') });
    setErrors({});
    try {
      const saved = await save.mutateAsync({
        id: queue?.id ?? null,
        body: {
          name: values.name.trim(),
          color: values.color,
          greeting: values.greeting.trim() || null,
          userIds: values.userIds.map(Number),
          assignmentMode: values.assignmentMode,
          schedule: values.schedule,
        },
      });
      notifications.show({
        color: 'brand',
        title: t('common.success'),
        message: t(queue ? 'queues.form.updated' : 'queues.form.created', { name: saved.name }),
      });
      onDone();
    } catch (error) {
      const byField = fieldErrors(error, t);
      setErrors(byField);
      setFormError(errorMessage(error, t));
    }
  };

  const userOptions = (users.data ?? [])
    .filter((u) => u.active || values.userIds.includes(String(u.id)))
    .map((u) => ({ value: String(u.id), label: `${u.name} · ${t(`roles.${u.role}`)}` }));

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <Group align="flex-start" grow wrap="wrap" gap="md">
          <TextInput
            label={t('queues.form.name')}
            description={t('queues.form.nameHint')}
            value={values.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={errors.name}
            withAsterisk
            data-autofocus
            maxLength={60}
            miw={220}
            data-testid="queue-form-name"
          />
          <ColorInput
            label={t('queues.form.color')}
            value={values.color}
            onChange={(color) => set({ color })}
            format="hex"
            swatches={SWATCHES}
            swatchesPerRow={10}
            error={errors.color}
            miw={180}
            data-testid="queue-form-color"
          />
        </Group>
        <Textarea
          label={t('queues.form.greeting')}
          description={t('queues.form.greetingHint')}
          placeholder={t('queues.form.greetingPlaceholder')}
          value={values.greeting}
          onChange={(e) => set({ greeting: e.currentTarget.value })}
          error={errors.greeting}
          autosize
          minRows={2}
          maxLength={1000}
          data-testid="queue-form-greeting"
        />
        <MultiSelect
          label={t('queues.form.members')}
          description={t('queues.form.membersHint')}
          placeholder={values.userIds.length === 0 ? t('queues.form.membersPlaceholder') : undefined}
          nothingFoundMessage={t('queues.form.membersEmpty')}
          data={userOptions}
          value={values.userIds}
          onChange={(userIds) => set({ userIds })}
          searchable
          clearable
          error={errors.userIds}
          disabled={users.isPending}
          data-testid="queue-form-members"
        />
        <Radio.Group
          label={t('queues.form.mode')}
          value={values.assignmentMode}
          onChange={(mode) => set({ assignmentMode: mode })}
          error={errors.assignmentMode}
        >
          <Stack gap="xs" mt="xs">
            {assignmentModes.map((mode) => (
              <Radio
                key={mode}
                value={mode}
                label={t(`queues.modes.${mode}`)}
                description={t(`queues.modeHints.${mode}`)}
                data-testid={`queue-form-mode-${mode}`}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Stack gap="xs">
          <Input.Label>{t('queues.form.hours')}</Input.Label>
          <Switch
            label={t('queues.form.useCompanyHours')}
            checked={values.schedule === null}
            onChange={(e) => set({ schedule: e.currentTarget.checked ? null : (queue?.schedule ?? defaultSchedule()) })}
            data-testid="queue-form-hours"
          />
          {values.schedule ? (
            <WeekScheduleEditor
              value={values.schedule}
              onChange={(schedule) => set({ schedule })}
              errors={errorsUnder(errors, 'schedule.')}
              testId="queue-hours"
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t('queues.form.companyHoursHint')}
            </Text>
          )}
        </Stack>
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
            {formError}
          </Alert>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="queue-form-submit">
            {queue ? t('common.save') : t('queues.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
