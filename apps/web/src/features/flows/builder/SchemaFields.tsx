import { createContext, useContext, useRef } from 'react';
import {
  ActionIcon,
  Autocomplete,
  Button,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../formIssues.js';
import { insertVariable } from '../nodeForm.js';
import { nextItemId } from '../nodeDefaults.js';
import { emptyObject, getIn, pathKey, variantIndex, variantValue, type FieldSpec, type Path } from '../schemaForm.js';
import { fieldLabel, issueText, valueLabel } from './fieldText.js';
import { MediaSourceField } from './MediaSourceField.js';
import { VariablePicker } from './VariablePicker.js';

type Option = { value: string; label: string };

/** What generic fields need from the page: current data, errors, and the company's lists for id fields. */
export interface FormContextValue {
  data: unknown;
  issues: Record<string, FieldIssue>;
  variables: readonly string[];
  choices: { queueId: Option[]; agentId: Option[]; flowId: Option[]; connectionIds: Option[]; tag: string[] };
  onChange: (path: Path, value: unknown) => void;
}

const FormContext = createContext<FormContextValue | null>(null);
export const FormProvider = FormContext.Provider;

function useForm(): FormContextValue {
  const form = useContext(FormContext);
  if (!form) throw new Error('SchemaFields outside FormProvider');
  return form;
}

const testId = (path: Path) => `field-${pathKey(path)}`;

// Side by side only when every label fits the 320 px panel; otherwise a select.
const fitsSegmented = (data: readonly { label: string }[]) =>
  data.length <= 3 && data.reduce((sum, item) => sum + item.label.length, 0) <= 30;

/** Renders fields for the schema specs at `path`; list items hide their `id`, which is generated. */
export function SchemaFields({ fields, path, inItem = false }: { fields: readonly FieldSpec[]; path: Path; inItem?: boolean }) {
  return (
    <Stack gap="sm">
      {fields
        .filter((field) => !(inItem && field.key === 'id'))
        .map((field) => (
          <SchemaField key={field.key} spec={field} path={[...path, field.key]} />
        ))}
    </Stack>
  );
}

function SchemaField({ spec, path }: { spec: FieldSpec; path: Path }) {
  const { t } = useTranslation();
  const form = useForm();
  const value = getIn(form.data, path);
  const label = fieldLabel(spec.key, t);
  const error = issueText(form.issues[pathKey(path)], t);
  // An optional field emptied leaves the data, so the engine sees "not set" rather than "".
  const set = (next: unknown) => form.onChange(path, !spec.required && (next === '' || next === null) ? undefined : next);
  const common = { label, error, withAsterisk: spec.required, 'data-testid': testId(path) };

  switch (spec.kind) {
    case 'text': {
      if (spec.key === 'tag') {
        return <Autocomplete {...common} data={form.choices.tag} value={String(value ?? '')} onChange={set} />;
      }
      // Ids of the company's things are picked from a list, never typed.
      const choices = (
        { queueId: form.choices.queueId, agentId: form.choices.agentId, flowId: form.choices.flowId } as Record<
          string,
          Option[] | undefined
        >
      )[spec.key];
      if (choices) {
        return (
          <Select
            {...common}
            data={choices}
            value={value === undefined || value === '' ? null : String(value)}
            onChange={set}
            searchable
            clearable={!spec.required}
            comboboxProps={{ withinPortal: true }}
          />
        );
      }
      return <TemplateInput spec={spec} path={path} value={String(value ?? '')} onChange={set} common={common} />;
    }
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => set(typeof next === 'number' ? next : null)}
          min={spec.min}
          max={spec.max}
          allowDecimal={!spec.integer}
          placeholder={spec.defaultValue !== undefined ? String(spec.defaultValue) : undefined}
        />
      );
    case 'boolean':
      return (
        <Switch
          label={label}
          checked={value === undefined ? spec.defaultValue === true : value === true}
          onChange={(e) => set(e.currentTarget.checked)}
          data-testid={testId(path)}
        />
      );
    case 'enum': {
      const data = spec.options.map((option) => ({ value: option, label: valueLabel(option, t) }));
      const current = typeof value === 'string' ? value : String(spec.defaultValue ?? '');
      if (fitsSegmented(data)) {
        return (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {label}
            </Text>
            <SegmentedControl data={data} value={current} onChange={set} size="xs" fullWidth data-testid={testId(path)} />
          </Stack>
        );
      }
      return (
        <Select
          {...common}
          data={data}
          value={current || null}
          onChange={set}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      );
    }
    case 'stringList': {
      const list = Array.isArray(value) ? (value as string[]) : [];
      if (spec.key === 'connectionIds') {
        return (
          <MultiSelect
            {...common}
            data={form.choices.connectionIds}
            value={list}
            onChange={set}
            clearable
            comboboxProps={{ withinPortal: true }}
          />
        );
      }
      return <TagsInput {...common} value={list} onChange={set} placeholder={t('flows.form.addValue')} />;
    }
    case 'objectList':
      return <ObjectList spec={spec} path={path} value={Array.isArray(value) ? value : []} error={error} />;
    case 'object':
      return (
        <Fieldset legend={label} p="xs">
          <SchemaFields fields={spec.fields} path={path} />
        </Fieldset>
      );
    case 'variant': {
      // The Media node's file is picked from the library or uploaded, never typed as an id.
      if (spec.key === 'source' && spec.variants.map((v) => v.key).join() === 'libraryId,url') {
        const inner = ['url', 'libraryId'].map((key) => issueText(form.issues[pathKey([...path, key])], t)).find(Boolean);
        return (
          <MediaSourceField value={value} onChange={(next) => form.onChange(path, next)} error={error ?? inner} testId={testId(path)} />
        );
      }
      const index = variantIndex(spec, value);
      const data = spec.variants.map((variant, i) => ({ value: String(i), label: valueLabel(variant.key, t) }));
      const pick = (next: string | null) =>
        next !== null && Number(next) !== index && form.onChange(path, variantValue(spec, Number(next)));
      return (
        <Fieldset legend={label} p="xs" data-testid={testId(path)}>
          <Stack gap="sm">
            {fitsSegmented(data) ? (
              <SegmentedControl
                data={data}
                value={String(index)}
                onChange={pick}
                size="xs"
                fullWidth
                data-testid={`${testId(path)}-variant`}
              />
            ) : (
              <Select
                data={data}
                value={String(index)}
                onChange={pick}
                allowDeselect={false}
                data-testid={`${testId(path)}-variant`}
                comboboxProps={{ withinPortal: true }}
              />
            )}
            <SchemaFields fields={spec.variants[index]?.fields ?? []} path={path} />
            {error && (
              <Text size="xs" c="red">
                {error}
              </Text>
            )}
          </Stack>
        </Fieldset>
      );
    }
    case 'unsupported':
      return null;
  }
}

function TemplateInput({
  spec,
  path,
  value,
  onChange,
  common,
}: {
  spec: Extract<FieldSpec, { kind: 'text' }>;
  path: Path;
  value: string;
  onChange: (value: string) => void;
  common: { label: string; error: string | undefined; withAsterisk: boolean; 'data-testid': string };
}) {
  const form = useForm();
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const pick = (name: string) => {
    const next = insertVariable(value, name, input.current?.selectionStart ?? null);
    onChange(next.text);
    // Back in the field with the caret after the insert, ready to keep typing.
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(next.caret, next.caret);
    });
  };
  const picker = spec.template ? <VariablePicker variables={form.variables} onPick={pick} testId={testId(path)} /> : undefined;
  const props = {
    ...common,
    ref: input,
    value,
    maxLength: spec.maxLength,
    onChange: (e: { currentTarget: { value: string } }) => onChange(e.currentTarget.value),
    rightSection: picker,
  };
  return spec.multiline ? (
    <Textarea {...props} autosize minRows={2} maxRows={8} rightSectionProps={{ style: { alignItems: 'flex-start', paddingTop: 6 } }} />
  ) : (
    <TextInput {...props} />
  );
}

function ObjectList({
  spec,
  path,
  value,
  error,
}: {
  spec: Extract<FieldSpec, { kind: 'objectList' }>;
  path: Path;
  value: unknown[];
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const form = useForm();
  const hasId = spec.fields.some((field) => field.key === 'id');
  const add = () => {
    const item = emptyObject(spec.fields);
    if (hasId) item.id = nextItemId(value);
    form.onChange(path, [...value, item]);
  };
  const remove = (index: number) =>
    form.onChange(
      path,
      value.filter((_, i) => i !== index),
    );
  const full = spec.maxItems !== undefined && value.length >= spec.maxItems;
  return (
    <Fieldset legend={fieldLabel(spec.key, t)} p="xs" data-testid={testId(path)}>
      <Stack gap="xs">
        {value.map((_, index) => (
          <Paper key={index} withBorder radius="sm" p={8}>
            <Group justify="space-between" mb={4} wrap="nowrap">
              <Text size="xs" c="dimmed">
                {t('flows.form.item', { index: index + 1 })}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                size="sm"
                disabled={value.length <= spec.minItems}
                onClick={() => remove(index)}
                aria-label={t('flows.form.removeItem', { index: index + 1 })}
                data-testid={`${testId(path)}-remove-${index}`}
              >
                <IconTrash size={14} />
              </ActionIcon>
            </Group>
            <SchemaFields fields={spec.fields} path={[...path, index]} inItem />
          </Paper>
        ))}
        {error && (
          <Text size="xs" c="red">
            {error}
          </Text>
        )}
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={add}
          disabled={full}
          data-testid={`${testId(path)}-add`}
        >
          {t('flows.form.addItem')}
        </Button>
      </Stack>
    </Fieldset>
  );
}
