import { useRef, useState, type FormEvent } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Center,
  EmptyState,
  FileButton,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconFileImport, IconPlus, IconSitemap, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { FlowSummary } from '@jimmy/contracts';
import { PageHeader } from '../../components/PageHeader.js';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useConnections } from '../connections/index.js';
import { useCreateFlow, useDeleteFlow, useFlows } from './flowsApi.js';
import { readFlowFile } from './readFlowFile.js';

export function FlowsPage() {
  const { t, i18n } = useTranslation();
  const flows = useFlows();
  const connections = useConnections();
  const create = useCreateFlow();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<FlowSummary | null>(null);
  const resetImport = useRef<() => void>(null);

  const connectionName = (id: number) => connections.data?.find((c) => c.id === id)?.name ?? `#${id}`;

  const importFile = async (file: File | null) => {
    resetImport.current?.();
    if (!file) return;
    let content: Awaited<ReturnType<typeof readFlowFile>>;
    try {
      content = await readFlowFile(file);
    } catch {
      notifications.show({ color: 'red', title: t('flows.import'), message: t('flows.importFile.invalid') });
      return;
    }
    const name = (content.name ?? file.name.replace(/\.json$/i, '')).slice(0, 80);
    try {
      const flow = await create.mutateAsync({ name, graph: content.graph });
      notifications.show({ color: 'brand', title: t('common.success'), message: t('flows.importFile.done', { name: flow.name }) });
      void navigate(`/flows/${flow.id}`);
    } catch (error) {
      notifications.show({ color: 'red', title: t('flows.import'), message: errorMessage(error, t) });
    }
  };

  const actions = (
    <Group gap="sm">
      <FileButton onChange={(file) => void importFile(file)} accept="application/json,.json" resetRef={resetImport}>
        {(props) => (
          <Button
            {...props}
            variant="default"
            leftSection={<IconFileImport size={18} />}
            loading={create.isPending}
            data-testid="flows-import"
          >
            {t('flows.import')}
          </Button>
        )}
      </FileButton>
      <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)} data-testid="flows-new">
        {t('flows.new')}
      </Button>
    </Group>
  );

  return (
    <>
      <PageHeader title={t('flows.title')} description={t('flows.subtitle')} actions={flows.data?.length === 0 ? undefined : actions} />
      {flows.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={t('flows.loadFailed')}>
          {errorMessage(flows.error, t)}{' '}
          <Button variant="subtle" size="compact-sm" color="red" onClick={() => void flows.refetch()}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : flows.isPending ? (
        <Center mih={240}>
          <Loader />
        </Center>
      ) : flows.data.length === 0 ? (
        <Paper withBorder radius="lg" p="xl" data-testid="flows-empty">
          <Center mih={280}>
            <EmptyState
              variant="light"
              size="lg"
              icon={<IconSitemap size={32} />}
              title={t('flows.emptyTitle')}
              description={t('flows.emptyText')}
              maw={520}
            >
              <EmptyState.Actions>{actions}</EmptyState.Actions>
            </EmptyState>
          </Center>
        </Paper>
      ) : (
        <Paper withBorder radius="lg" p={0} style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" highlightOnHover data-testid="flows-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('flows.columns.name')}</Table.Th>
                  <Table.Th>{t('flows.columns.version')}</Table.Th>
                  <Table.Th>{t('flows.columns.connections')}</Table.Th>
                  <Table.Th>{t('flows.columns.updatedAt')}</Table.Th>
                  <Table.Th w={48} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {flows.data.map((flow) => (
                  <Table.Tr key={flow.id} data-testid={`flow-row-${flow.id}`}>
                    <Table.Td>
                      <Text
                        component={Link}
                        to={`/flows/${flow.id}`}
                        fw={600}
                        c="brand.8"
                        aria-label={t('flows.open', { name: flow.name })}
                        data-testid={`flow-open-${flow.id}`}
                      >
                        {flow.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {flow.publishedVersion === null ? (
                        <Badge variant="light" color="gray">
                          {t('flows.notPublished')}
                        </Badge>
                      ) : (
                        <Badge variant="light" color="brand" data-testid={`flow-version-${flow.id}`}>
                          {t('flows.version', { version: flow.publishedVersion })}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={flow.connectionIds.length === 0 ? 'dimmed' : undefined}>
                        {flow.connectionIds.length === 0 ? t('flows.noConnections') : flow.connectionIds.map(connectionName).join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {formatDateTime(flow.updatedAt, i18n.language)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={t('flows.remove', { name: flow.name })}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          onClick={() => setDeleting(flow)}
                          aria-label={t('flows.remove', { name: flow.name })}
                          data-testid={`flow-delete-${flow.id}`}
                        >
                          <IconTrash size={18} />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <CreateFlowModal opened={creating} onClose={() => setCreating(false)} />
      <DeleteFlowModal flow={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}

function CreateFlowModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateFlow();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setName('');
    setError(null);
    create.reset();
    onClose();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError(t('validation.required'));
    try {
      const flow = await create.mutateAsync({ name: name.trim() });
      notifications.show({ color: 'brand', title: t('common.success'), message: t('flows.create.created', { name: flow.name }) });
      close();
      void navigate(`/flows/${flow.id}`);
    } catch (err) {
      setError(fieldErrors(err, t).name ?? errorMessage(err, t));
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={t('flows.create.title')} centered radius="lg">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <TextInput
            label={t('flows.create.name')}
            description={t('flows.create.nameHint')}
            placeholder={t('flows.create.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error}
            maxLength={80}
            withAsterisk
            data-autofocus
            data-testid="flow-create-name"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="flow-create-submit">
              {t('flows.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DeleteFlowModal({ flow, onClose }: { flow: FlowSummary | null; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteFlow();
  const close = () => {
    remove.reset();
    onClose();
  };
  const confirm = async () => {
    if (!flow) return;
    try {
      await remove.mutateAsync(flow.id);
      notifications.show({ color: 'brand', title: t('common.success'), message: t('flows.delete.done', { name: flow.name }) });
      close();
    } catch {
      // Shown below: the server refuses while a connection runs the flow, and says so.
    }
  };
  return (
    <Modal opened={flow !== null} onClose={close} title={flow ? t('flows.delete.title', { name: flow.name }) : ''} centered radius="lg">
      <Stack>
        <Text size="sm">{t('flows.delete.text')}</Text>
        {remove.isError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid="flow-delete-error">
            {errorMessage(remove.error, t)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => void confirm()} data-testid="flow-delete-confirm">
            {t('flows.delete.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
