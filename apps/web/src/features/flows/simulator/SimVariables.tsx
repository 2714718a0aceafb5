import { useState } from 'react';
import { Badge, Box, Button, Collapse, Group, ScrollArea, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SimContactEditor } from './SimContactEditor.js';
import type { SimContact, Snapshot } from './simulation.js';

function Rows({ values, before, testId }: { values: Record<string, string>; before: Record<string, string> | null; testId: string }) {
  const { t } = useTranslation();
  const entries = Object.entries(values).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        {t('flowSimulator.variables.none')}
      </Text>
    );
  }
  return (
    <Table withRowBorders={false} verticalSpacing={1} horizontalSpacing={4} fz="xs" data-testid={testId}>
      <Table.Tbody>
        {entries.map(([name, value]) => {
          // What the last step changed stands out, so each answer's effect is visible at a glance.
          const changed = before !== null && before[name] !== value;
          return (
            <Table.Tr key={name} data-name={name} data-changed={changed || undefined}>
              <Table.Td
                style={{ fontFamily: 'var(--mantine-font-family-monospace)', verticalAlign: 'top', width: '40%', overflowWrap: 'anywhere' }}
              >
                {name}
              </Table.Td>
              <Table.Td
                style={{
                  overflowWrap: 'anywhere',
                  background: changed ? 'var(--mantine-color-yellow-light)' : undefined,
                  color: value === '' ? 'var(--mantine-color-dimmed)' : undefined,
                }}
              >
                {value === '' ? t('flowSimulator.variables.empty') : value}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

interface Props {
  current: Snapshot;
  previous: Snapshot | null;
  /** The current node's label as the canvas shows it, when the builder can tell. */
  nodeLabel: string | null;
  tagSuggestions: string[];
  onContactChange: (contact: SimContact) => void;
  opened: boolean;
  onToggle: () => void;
}

export function SimVariables({ current, previous, nodeLabel, tagSuggestions, onContactChange, opened, onToggle }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const { session, contact } = current;
  const Chevron = opened ? IconChevronDown : IconChevronUp;
  const count = Object.keys(session.variables).length + Object.keys(contact.fields).length + contact.tags.length;
  return (
    <Box style={{ borderTop: '1px solid var(--mantine-color-default-border)' }} data-testid="sim-variables">
      <UnstyledButton onClick={onToggle} w="100%" px="xs" py={6} aria-expanded={opened} data-testid="sim-variables-toggle">
        <Group justify="space-between" wrap="nowrap">
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={600}>
              {t('flowSimulator.variables.title')}
            </Text>
            <Badge size="xs" variant="default">
              {count}
            </Badge>
          </Group>
          <Chevron size={16} />
        </Group>
      </UnstyledButton>
      <Collapse expanded={opened}>
        <ScrollArea.Autosize mah={260} px="xs" pb="xs" offsetScrollbars>
          <Stack gap={6}>
            {session.nodeId !== null && (
              <Text size="xs">
                <Text span c="dimmed" size="xs">
                  {t('flowSimulator.variables.node')}:{' '}
                </Text>
                {nodeLabel ?? session.nodeId}
              </Text>
            )}
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">
              {t('flowSimulator.variables.flow')}
            </Text>
            <Rows values={session.variables} before={previous?.session.variables ?? null} testId="sim-variables-flow" />
            <Group justify="space-between" wrap="nowrap">
              <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                {t('flowSimulator.variables.contactFields')}
              </Text>
              {!editing && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  leftSection={<IconPencil size={12} />}
                  onClick={() => setEditing(true)}
                  data-testid="sim-contact-edit"
                >
                  {t('flowSimulator.contact.edit')}
                </Button>
              )}
            </Group>
            {editing ? (
              <SimContactEditor
                contact={contact}
                tagSuggestions={tagSuggestions}
                onCancel={() => setEditing(false)}
                onSave={(edited) => {
                  onContactChange(edited);
                  setEditing(false);
                }}
              />
            ) : (
              <>
                <Rows values={contact.fields} before={previous?.contact.fields ?? null} testId="sim-variables-contact" />
                <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                  {t('flowSimulator.variables.tags')}
                </Text>
                {contact.tags.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    {t('flowSimulator.variables.none')}
                  </Text>
                ) : (
                  <Group gap={4} data-testid="sim-variables-tags">
                    {contact.tags.map((tag) => (
                      <Badge key={tag} size="sm" variant="light" tt="none">
                        {tag}
                      </Badge>
                    ))}
                  </Group>
                )}
              </>
            )}
          </Stack>
        </ScrollArea.Autosize>
      </Collapse>
    </Box>
  );
}
