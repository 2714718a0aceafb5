import { useMemo } from 'react';
import { Alert, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NODES } from '@jimmy/flow-engine';
import type { FlowNode } from '@jimmy/flow-engine';
import { currentLanguage } from '../../../lib/i18n/index.js';
import { issuesByField } from '../formIssues.js';
import { isNodeType } from '../graphEdits.js';
import { nodeFields } from '../nodeForm.js';
import type { Path } from '../schemaForm.js';
import { FormProvider, SchemaFields, type FormContextValue } from './SchemaFields.js';

interface Props {
  node: FlowNode | null;
  variables: readonly string[];
  choices: FormContextValue['choices'];
  onChange: (nodeId: string, path: Path, value: unknown) => void;
  onDelete: (nodeId: string) => void;
}

/** The selected block's form, generated from its schema, with each schema error under its field. */
export function NodeFormPanel({ node, variables, choices, onChange, onDelete }: Props) {
  const { t } = useTranslation();
  const type = node && isNodeType(node.type) ? node.type : null;
  const issues = useMemo(() => (node && type ? issuesByField(NODES[type].schema, node.data) : {}), [node, type]);
  if (!node || !type) {
    return (
      <Stack p="md" data-testid="flow-form-empty">
        <Text size="sm" c="dimmed">
          {t('flows.builder.nothingSelected')}
        </Text>
      </Stack>
    );
  }
  const fields = nodeFields(type);
  const invalid = Object.keys(issues).length > 0;
  return (
    <Stack p="md" gap="md" data-testid="flow-form">
      <Group justify="space-between" wrap="nowrap">
        <Title order={4} data-testid="flow-form-title">
          {NODES[type].editor.label[currentLanguage()]}
        </Title>
        {type !== 'start' && (
          <Button
            variant="subtle"
            color="red"
            size="xs"
            leftSection={<IconTrash size={14} />}
            onClick={() => onDelete(node.id)}
            data-testid="flow-form-delete"
          >
            {t('flows.builder.deleteNode')}
          </Button>
        )}
      </Group>
      {invalid && (
        <Badge color="orange" variant="light" leftSection={<IconInfoCircle size={12} />} styles={{ root: { textTransform: 'none' } }}>
          {t('flows.form.invalidHint')}
        </Badge>
      )}
      {fields.length === 0 ? (
        <Alert variant="light" color="gray">
          {t('flows.form.noFields')}
        </Alert>
      ) : (
        <FormProvider value={{ data: node.data, issues, variables, choices, onChange: (path, value) => onChange(node.id, path, value) }}>
          <SchemaFields fields={fields} path={[]} />
        </FormProvider>
      )}
    </Stack>
  );
}
