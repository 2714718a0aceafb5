import { NumberInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { QueueMenuPicker } from './QueueMenuPicker.js';

/** The settings every connection type has; kept as strings so a half-typed form never loses input. */
export interface CommonValues {
  name: string;
  /** The connection's queues in menu order. */
  queueIds: number[];
  reopenWindowMinutes: number | string;
}

export type CommonErrors = Partial<Record<keyof CommonValues, string>>;

const MAX_REOPEN_MINUTES = 7 * 24 * 60;

export function validateCommon(values: CommonValues, t: TFunction): CommonErrors {
  const out: CommonErrors = {};
  if (!values.name.trim()) out.name = t('validation.required');
  const minutes = Number(values.reopenWindowMinutes);
  if (values.reopenWindowMinutes === '' || !Number.isInteger(minutes) || minutes < 0 || minutes > MAX_REOPEN_MINUTES) {
    out.reopenWindowMinutes = t('connections.form.reopenRange');
  }
  return out;
}

export function commonPayload(values: CommonValues) {
  return {
    name: values.name.trim(),
    queueIds: values.queueIds,
    reopenWindowMinutes: Number(values.reopenWindowMinutes),
  };
}

interface Props {
  values: CommonValues;
  errors: CommonErrors;
  onChange: (patch: Partial<CommonValues>) => void;
}

/** Name first and routing last, so the Cloud form can put its credentials in between. */
export function NameField({ values, errors, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('connections.form.name')}
      description={t('connections.form.nameHint')}
      value={values.name}
      onChange={(e) => onChange({ name: e.currentTarget.value })}
      error={errors.name}
      withAsterisk
      data-autofocus
      maxLength={80}
      data-testid="connection-form-name"
    />
  );
}

export function RoutingFields({ values, errors, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <QueueMenuPicker value={values.queueIds} onChange={(queueIds) => onChange({ queueIds })} error={errors.queueIds} />
      <NumberInput
        label={t('connections.form.reopenWindow')}
        description={t('connections.form.reopenWindowHint')}
        value={values.reopenWindowMinutes}
        onChange={(value) => onChange({ reopenWindowMinutes: value })}
        error={errors.reopenWindowMinutes}
        min={0}
        max={MAX_REOPEN_MINUTES}
        allowDecimal={false}
        allowNegative={false}
        data-testid="connection-form-reopen"
      />
    </>
  );
}
