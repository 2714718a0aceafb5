import { ActionIcon, Button, Card, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconInfoCircle, IconPencil, IconPlugConnected, IconQrcode, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Connection, Queue } from '@jimmy/contracts';
import { ConnectionStatusBadge, ConnectionTypeIcon, describeLastError, useQrPermissions } from './parts.js';
import { TestOutcomeAlert, type CredentialTests } from './useCredentialTests.js';
import { ReconnectCardButton, WhatsAppWebSummary } from './WhatsAppWebCardParts.js';

interface Props {
  connection: Connection;
  queues: Queue[] | undefined;
  tests: CredentialTests;
  onDetails: () => void;
  onEdit: () => void;
  onDelete: () => void;
}

export function ConnectionCard({ connection: c, queues, tests, onDetails, onEdit, onDelete }: Props) {
  const { t } = useTranslation();
  const isCloud = c.type === 'whatsapp_cloud';
  const isWeb = c.type === 'whatsapp_web';
  const { canSeeQr, canManage } = useQrPermissions();
  const awaitingScan = isWeb && c.status === 'qr' && canSeeQr;
  const queueNames = c.queueIds.map((id) => queues?.find((q) => q.id === id)?.name).filter(Boolean);
  const testing = tests.isRunning(c.id);
  const outcome = tests.outcome(c.id);

  return (
    <Card withBorder radius="lg" padding="lg" data-testid={`connection-card-${c.id}`} data-status={c.status} data-type={c.type}>
      <Stack gap="sm" h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <ConnectionTypeIcon type={c.type} />
            <Stack gap={0} miw={0}>
              <Text fw={700} truncate="end" data-testid="connection-name">
                {c.name}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`connections.types.${c.type}`)}
              </Text>
            </Stack>
          </Group>
          <ConnectionStatusBadge status={c.status} />
        </Group>

        <Stack gap={4}>
          {isCloud && (
            <Text size="sm" c={c.displayPhoneNumber ? undefined : 'dimmed'} data-testid="connection-number">
              {c.displayPhoneNumber ? `${t('connections.number')}: ${c.displayPhoneNumber}` : t('connections.noNumber')}
            </Text>
          )}
          {isWeb && <WhatsAppWebSummary connection={c} />}
          <Text size="sm" c="dimmed">
            {t('connections.defaultQueue')}: {queueNames.length > 0 ? queueNames.join(', ') : t('connections.noQueue')}
          </Text>
          {/* A fresh test result below already says the same thing, in a louder way. */}
          {c.lastError && !outcome && (
            <Text size="sm" c="red" data-testid="connection-last-error" style={{ wordBreak: 'break-word' }}>
              {t('connections.lastError')}: {describeLastError(t, c.lastError)}
            </Text>
          )}
        </Stack>

        <TestOutcomeAlert outcome={outcome} testId={`connection-test-result-${c.id}`} />

        <Group justify="space-between" mt="auto" gap="xs">
          <Group gap="xs">
            <Button
              variant={awaitingScan ? 'filled' : 'light'}
              size="xs"
              leftSection={awaitingScan ? <IconQrcode size={16} /> : <IconInfoCircle size={16} />}
              onClick={onDetails}
              data-testid={`connection-details-${c.id}`}
            >
              {t(awaitingScan ? 'connections.web.cardScan' : 'connections.details')}
            </Button>
            {isWeb && canManage && <ReconnectCardButton connection={c} onStarted={onDetails} />}
            {isCloud && (
              <Button
                variant="default"
                size="xs"
                leftSection={<IconPlugConnected size={16} />}
                loading={testing}
                onClick={() => void tests.run(c)}
                data-testid={`connection-test-${c.id}`}
              >
                {t('connections.test')}
              </Button>
            )}
          </Group>
          <Group gap={4}>
            <Tooltip label={t('connections.edit')}>
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={onEdit}
                aria-label={t('connections.edit')}
                data-testid={`connection-edit-${c.id}`}
              >
                <IconPencil size={18} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('connections.delete')}>
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={onDelete}
                aria-label={t('connections.delete')}
                data-testid={`connection-delete-${c.id}`}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </Stack>
    </Card>
  );
}
