import { useState } from 'react';
import { Alert, Button, Center, EmptyState, Menu, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import {
  IconAlertCircle,
  IconBrandWhatsapp,
  IconChevronDown,
  IconMessageChatbot,
  IconPlug,
  IconPlus,
  IconQrcode,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '@jimmy/contracts';
import { PageHeader } from '../../components/PageHeader.js';
import { errorMessage } from '../../lib/errors.js';
import { useConnections, useQueues } from './connectionsApi.js';
import { ConnectionCard } from './ConnectionCard.js';
import { ConnectionDetailsDrawer } from './ConnectionDetailsDrawer.js';
import { CreateConnectionModal, type CreatableType } from './CreateConnectionModal.js';
import { DeleteConnectionModal } from './DeleteConnectionModal.js';
import { EditConnectionModal } from './EditConnectionModal.js';
import { useCredentialTests } from './useCredentialTests.js';

/** Details are looked up by id so the drawer follows live status changes of the cached list. */
interface DetailsState {
  id: number;
  verifyToken: string | null;
}

export function ConnectionsPage() {
  const { t } = useTranslation();
  const connections = useConnections();
  const queues = useQueues();
  const tests = useCredentialTests();
  const [creating, setCreating] = useState<CreatableType | null>(null);
  const [details, setDetails] = useState<DetailsState | null>(null);
  const [editing, setEditing] = useState<Connection | null>(null);
  const [deleting, setDeleting] = useState<Connection | null>(null);

  const detailsConnection = details ? (connections.data?.find((c) => c.id === details.id) ?? null) : null;

  const newMenu = (
    <Menu position="bottom-end" width={300} shadow="md">
      <Menu.Target>
        <Button leftSection={<IconPlus size={18} />} rightSection={<IconChevronDown size={16} />} data-testid="connections-new">
          {t('connections.new')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconBrandWhatsapp size={20} color="var(--mantine-color-green-7)" />}
          onClick={() => setCreating('whatsapp_cloud')}
          data-testid="connections-new-cloud"
        >
          <Text size="sm" fw={600}>
            {t('connections.newCloud')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('connections.newCloudHint')}
          </Text>
        </Menu.Item>
        <Menu.Item
          leftSection={<IconMessageChatbot size={20} color="var(--mantine-color-indigo-7)" />}
          onClick={() => setCreating('webchat')}
          data-testid="connections-new-webchat"
        >
          <Text size="sm" fw={600}>
            {t('connections.newWebchat')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('connections.newWebchatHint')}
          </Text>
        </Menu.Item>
        <Menu.Item
          leftSection={<IconQrcode size={20} color="var(--mantine-color-teal-7)" />}
          onClick={() => setCreating('whatsapp_web')}
          data-testid="connections-new-qr"
        >
          <Text size="sm" fw={600}>
            {t('connections.newQr')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('connections.newQrHint')}
          </Text>
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );

  const content = () => {
    if (connections.isError) {
      return (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertCircle size={18} />}
          title={t('connections.loadFailed')}
          data-testid="connections-error"
        >
          {errorMessage(connections.error, t)}{' '}
          <Button variant="subtle" size="compact-sm" color="red" onClick={() => void connections.refetch()}>
            {t('common.retry')}
          </Button>
        </Alert>
      );
    }
    if (connections.isPending) {
      return (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} data-testid="connections-loading">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={180} radius="lg" />
          ))}
        </SimpleGrid>
      );
    }
    if (connections.data.length === 0) {
      return (
        <Paper withBorder radius="lg" p="xl" data-testid="connections-empty">
          <Center mih={280}>
            <EmptyState
              variant="light"
              size="lg"
              icon={<IconPlug size={32} />}
              title={t('connections.emptyTitle')}
              description={t('connections.emptyText')}
              maw={520}
            >
              <EmptyState.Actions>{newMenu}</EmptyState.Actions>
            </EmptyState>
          </Center>
        </Paper>
      );
    }
    return (
      <Stack>
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} data-testid="connections-list">
          {connections.data.map((c) => (
            <ConnectionCard
              key={c.id}
              connection={c}
              queues={queues.data}
              tests={tests}
              onDetails={() => setDetails({ id: c.id, verifyToken: null })}
              onEdit={() => setEditing(c)}
              onDelete={() => setDeleting(c)}
            />
          ))}
        </SimpleGrid>
      </Stack>
    );
  };

  const isEmpty = connections.isSuccess && connections.data.length === 0;

  return (
    <>
      {/* The empty state carries its own menu; two identical test ids on one page would be ambiguous. */}
      <PageHeader title={t('connections.title')} description={t('connections.subtitle')} actions={isEmpty ? undefined : newMenu} />
      {content()}
      <CreateConnectionModal
        type={creating}
        onClose={() => setCreating(null)}
        onCreated={(connection, verifyToken) => {
          setCreating(null);
          setDetails({ id: connection.id, verifyToken });
        }}
      />
      <ConnectionDetailsDrawer
        connection={detailsConnection}
        verifyToken={details?.verifyToken ?? null}
        tests={tests}
        onDelete={setDeleting}
        onClose={() => setDetails(null)}
      />
      <EditConnectionModal connection={editing} onClose={() => setEditing(null)} />
      <DeleteConnectionModal connection={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}
