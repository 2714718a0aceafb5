import { useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Group, Modal, Select, Stack, Table, TagsInput, Text, TextInput } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { customFieldTypes, type CustomField } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { useCustomFields, useDeleteCustomField, useSaveCustomField, type CustomFieldInput } from './extrasApi.js';

function FieldModal({ field, onClose }: { field: CustomField | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCustomField();
  const [input, setInput] = useState<CustomFieldInput>(
    field
      ? { key: field.key, label: field.label, type: field.type, options: field.options }
      : { key: '', label: '', type: 'text', options: [] },
  );
  const errors = fieldErrors(save.error, t);
  return (
    <Modal opened onClose={onClose} title={t(field ? 'contactExtras.fieldSettings.edit' : 'contactExtras.fieldSettings.add')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ id: field?.id ?? null, input }, { onSuccess: onClose });
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('contactExtras.fieldSettings.label')}
            value={input.label}
            onChange={(e) => {
              const label = e.currentTarget.value;
              // A new field's key follows its label until the admin types one: "Data de nascimento" → data_de_nascimento.
              const key = field
                ? input.key
                : label
                    .normalize('NFD')
                    .replace(/[\u0300-\u036f]/g, '')
                    .toLowerCase()
                    .replace(/[^a-z0-9]+/g, '_')
                    .replace(/^_+|_+$/g, '')
                    .replace(/^(\d)/, 'c_$1')
                    .slice(0, 40);
              setInput((v) => ({ ...v, label, key }));
            }}
            error={errors.label}
            required
            data-testid="custom-field-label"
          />
          <TextInput
            label={t('contactExtras.fieldSettings.key')}
            description={t('contactExtras.fieldSettings.keyHint')}
            value={input.key}
            onChange={(e) => setInput((v) => ({ ...v, key: e.currentTarget.value }))}
            error={errors.key}
            required
            data-testid="custom-field-key"
          />
          <Select
            label={t('contactExtras.fieldSettings.type')}
            data={customFieldTypes.map((type) => ({ value: type, label: t(`contactExtras.fields.types.${type}`) }))}
            value={input.type}
            allowDeselect={false}
            onChange={(type) => type && setInput((v) => ({ ...v, type: type }))}
          />
          {input.type === 'choice' && (
            <TagsInput
              label={t('contactExtras.fieldSettings.options')}
              description={t('contactExtras.fieldSettings.optionsHint')}
              value={input.options}
              onChange={(options) => setInput((v) => ({ ...v, options }))}
              error={errors.options}
            />
          )}
          {save.isError && !Object.keys(errors).length && <Alert color="red">{errorMessage(save.error, t)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('contactExtras.fieldSettings.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="custom-field-save">
              {t('contactExtras.fieldSettings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Settings › Custom fields: the company's contact field definitions (admins). */
export function CustomFieldsSettings() {
  const { t } = useTranslation();
  const fields = useCustomFields();
  const remove = useDeleteCustomField();
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  return (
    <Stack gap="md" data-testid="custom-fields-settings">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={560}>
          {t('contactExtras.fieldSettings.intro')}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="custom-field-new">
          {t('contactExtras.fieldSettings.add')}
        </Button>
      </Group>
      {fields.isError && <Alert color="red">{errorMessage(fields.error, t)}</Alert>}
      {fields.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('contactExtras.fieldSettings.empty')}
        </Text>
      )}
      {fields.data && fields.data.length > 0 && (
        <Table.ScrollContainer minWidth={420}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('contactExtras.fieldSettings.label')}</Table.Th>
                <Table.Th>{t('contactExtras.fieldSettings.key')}</Table.Th>
                <Table.Th>{t('contactExtras.fieldSettings.type')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fields.data.map((field) => (
                <Table.Tr key={field.id}>
                  <Table.Td>{field.label}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {field.key}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`contactExtras.fields.types.${field.type}`)}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <ActionIcon variant="subtle" onClick={() => setEditing(field)} aria-label={t('contactExtras.fieldSettings.edit')}>
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('contactExtras.fieldSettings.delete')}
                        onClick={() =>
                          window.confirm(t('contactExtras.fieldSettings.deleteConfirm', { label: field.label })) && remove.mutate(field.id)
                        }
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing !== null && <FieldModal field={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
