import { Alert, Anchor, Button, Drawer, Group, Stack, Text } from '@mantine/core';
import { IconExternalLink, IconKey, IconPlugConnected } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '@jimmy/contracts';
import { CopyField } from '../../components/CopyField.js';
import { ConnectionHeader, NumberedSteps, describeLastError } from './parts.js';
import { WhatsAppWebSetup } from './WhatsAppWebSetup.js';
import { TestOutcomeAlert, type CredentialTests } from './useCredentialTests.js';

interface Props {
  connection: Connection | null;
  /** Only right after creation: the server stores a hash, so this is the one moment we can show it. */
  verifyToken: string | null;
  tests: CredentialTests;
  onDelete: (connection: Connection) => void;
  onClose: () => void;
}

export function ConnectionDetailsDrawer({ connection, verifyToken, tests, onDelete, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={connection !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={connection ? t('connections.setup.title', { name: connection.name }) : ''}
      data-testid="connection-details"
    >
      {connection?.type === 'webchat' && <WebchatSetup connection={connection} />}
      {connection?.type === 'whatsapp_web' && <WhatsAppWebSetup connection={connection} onDelete={() => onDelete(connection)} />}
      {connection?.type === 'whatsapp_cloud' && <CloudSetup connection={connection} verifyToken={verifyToken} tests={tests} />}
    </Drawer>
  );
}

function CloudSetup({ connection, verifyToken, tests }: { connection: Connection; verifyToken: string | null; tests: CredentialTests }) {
  const { t } = useTranslation();
  const steps = [t('connections.setup.step1'), t('connections.setup.step2'), t('connections.setup.step3')];
  return (
    <Stack gap="lg">
      <ConnectionHeader connection={connection} />
      <Text size="sm">{t('connections.setup.cloudIntro')}</Text>
      {connection.webhookUrl && (
        <CopyField label={t('connections.setup.webhookUrl')} value={connection.webhookUrl} testId="connection-webhook-url" />
      )}
      {verifyToken ? (
        <CopyField label={t('connections.setup.verifyToken')} value={verifyToken} testId="connection-verify-token" />
      ) : (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('connections.setup.verifyToken')}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <IconKey size={16} />
            <Text size="sm" c="dimmed" data-testid="connection-verify-token-hint">
              {connection.hasVerifyToken ? t('connections.setup.verifyTokenHidden') : t('connections.setup.verifyTokenMissing')}
            </Text>
          </Group>
        </Stack>
      )}
      <NumberedSteps steps={steps} testId="connection-checklist" />
      <Stack gap="xs">
        <Group>
          <Button
            leftSection={<IconPlugConnected size={18} />}
            loading={tests.isRunning(connection.id)}
            onClick={() => void tests.run(connection)}
            data-testid="connection-details-test"
          >
            {t('connections.test')}
          </Button>
        </Group>
        <TestOutcomeAlert outcome={tests.outcome(connection.id)} testId="connection-details-test-result" />
        {!tests.outcome(connection.id) && connection.lastError && (
          <Alert color="red" variant="light" p="xs" style={{ wordBreak: 'break-word' }}>
            {t('connections.lastError')}: {describeLastError(t, connection.lastError)}
          </Alert>
        )}
      </Stack>
    </Stack>
  );
}

function WebchatSetup({ connection }: { connection: Connection }) {
  const { t } = useTranslation();
  const key = connection.widgetKey ?? '';
  const snippet = `<script src="${window.location.origin}/widget.js" data-key="${key}" defer></script>`;
  return (
    <Stack gap="lg">
      <ConnectionHeader connection={connection} />
      <Text size="sm">{t('connections.setup.webchatIntro')}</Text>
      <CopyField label={t('connections.setup.snippet')} value={snippet} testId="connection-snippet" multiline />
      <Group>
        <Anchor
          href={`/widget-demo?key=${encodeURIComponent(key)}`}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="connection-demo-link"
        >
          <Group gap={4}>
            {t('connections.setup.openDemo')}
            <IconExternalLink size={16} />
          </Group>
        </Anchor>
      </Group>
    </Stack>
  );
}
