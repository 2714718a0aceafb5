import { Alert, Badge, Button, Center, Drawer, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors.js';
import { formatDateTime } from '../../../lib/format.js';
import { useFlowVersions } from '../flowsApi.js';

interface Props {
  flowId: number;
  opened: boolean;
  publishedVersion: number | null;
  restoring: number | null;
  onRestore: (versionId: number, version: number) => void;
  onClose: () => void;
}

export function VersionsDrawer({ flowId, opened, publishedVersion, restoring, onRestore, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const versions = useFlowVersions(flowId, opened);
  return (
    <Drawer opened={opened} onClose={onClose} position="right" title={t('flows.versions.title')} size="sm">
      <Stack gap="sm" data-testid="flow-versions">
        <Text size="sm" c="dimmed">
          {t('flows.versions.restoreHint')}
        </Text>
        {versions.isPending ? (
          <Center mih={120}>
            <Loader size="sm" />
          </Center>
        ) : versions.isError ? (
          <Alert color="red" variant="light">
            {errorMessage(versions.error, t)}
          </Alert>
        ) : versions.data.length === 0 ? (
          <Text size="sm">{t('flows.versions.empty')}</Text>
        ) : (
          versions.data.map((version) => (
            <Paper key={version.id} withBorder radius="md" p="sm" data-testid={`flow-version-item-${version.version}`}>
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={0}>
                  <Group gap={6}>
                    <Text fw={600}>{t('flows.versions.label', { version: version.version })}</Text>
                    {version.version === publishedVersion && (
                      <Badge size="xs" color="brand" variant="light">
                        {t('flows.versions.current')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(version.createdAt, i18n.language)}
                    {version.publishedBy && ` · ${t('flows.versions.by', { name: version.publishedBy })}`}
                  </Text>
                </Stack>
                <Button
                  size="xs"
                  variant="light"
                  loading={restoring === version.id}
                  onClick={() => onRestore(version.id, version.version)}
                  data-testid={`flow-version-restore-${version.version}`}
                >
                  {t('flows.versions.restore')}
                </Button>
              </Group>
            </Paper>
          ))
        )}
      </Stack>
    </Drawer>
  );
}
