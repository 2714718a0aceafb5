import { Alert, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CustomField, LeadMapping } from '@jimmy/contracts';
import { assign, targetOf, type Target } from './mappingTargets.js';
import { leavesOf } from './payloadTree.js';

/** The last payload's fields as a pickable tree: each row says what that field fills. */
export function MappingTable(props: {
  payload: unknown;
  mapping: LeadMapping;
  customFields: CustomField[];
  onChange: (mapping: LeadMapping) => void;
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const { t } = useTranslation();
  const leaves = leavesOf(props.payload);
  // A mapped path missing from this payload still shows, so a mapping is never silently lost.
  const mapped = [
    props.mapping.name,
    props.mapping.phone,
    props.mapping.email,
    props.mapping.tags,
    ...Object.values(props.mapping.customFields),
  ];
  for (const path of mapped) if (path && !leaves.some((l) => l.path === path)) leaves.push({ path, depth: 1, preview: '', list: false });
  const options = [
    { value: 'ignore', label: t('leadHooks.targets.ignore') },
    { value: 'name', label: t('leadHooks.targets.name') },
    { value: 'phone', label: t('leadHooks.targets.phone') },
    { value: 'email', label: t('leadHooks.targets.email') },
    { value: 'tags', label: t('leadHooks.targets.tags') },
    ...props.customFields.map((f) => ({ value: `customField:${f.key}`, label: t('leadHooks.targets.customField', { label: f.label }) })),
  ];
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap">
        <Stack gap={0}>
          <Title order={4}>{t('leadHooks.mappingTitle')}</Title>
          <Text size="xs" c="dimmed">
            {t('leadHooks.mappingHint')}
          </Text>
        </Stack>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconRefresh size={14} />}
          onClick={props.onRefresh}
          loading={props.refreshing}
          data-testid="lead-mapping-refresh"
        >
          {t('leadHooks.refresh')}
        </Button>
      </Group>
      {leaves.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="lead-mapping-empty">
          {t('leadHooks.mappingEmpty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing={6} data-testid="lead-mapping">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('leadHooks.field')}</Table.Th>
                <Table.Th>{t('leadHooks.value')}</Table.Th>
                <Table.Th w={220}>{t('leadHooks.useAs')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {leaves.map((leaf) => (
                <Table.Tr key={leaf.path}>
                  <Table.Td style={{ paddingLeft: 8 + (leaf.depth - 1) * 12 }}>
                    <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {leaf.path}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" lineClamp={2} style={{ wordBreak: 'break-word' }}>
                      {leaf.preview}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      data={leaf.list ? options.filter((o) => o.value === 'ignore' || o.value === 'tags') : options}
                      value={targetOf(props.mapping, leaf.path)}
                      onChange={(value) => props.onChange(assign(props.mapping, leaf.path, (value ?? 'ignore') as Target))}
                      allowDeselect={false}
                      aria-label={`${t('leadHooks.useAs')} ${leaf.path}`}
                      data-testid={`lead-map-${leaf.path}`}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {!props.mapping.phone && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="lead-mapping-phone-missing">
          {t('leadHooks.phoneMissing')}
        </Alert>
      )}
    </Stack>
  );
}
