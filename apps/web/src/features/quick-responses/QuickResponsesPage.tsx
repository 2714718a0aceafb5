import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Center,
  EmptyState,
  Group,
  Image,
  Loader,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconBolt, IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { renderQuickResponse, type QuickResponse } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import { errorMessage } from '../../lib/errors.js';
import { useCurrentUser } from '../auth/index.js';
import { AttachmentIcon, attachmentLabel } from './AttachmentIcon.js';
import { QuickResponseFormModal } from './QuickResponseFormModal.js';
import { deleteQuickResponse, useQuickResponseMutation, useQuickResponses } from './quickResponsesApi.js';
import { sampleContext } from './sampleContext.js';

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'America/Sao_Paulo';

/** Every response the user may use, searchable, with a preview of the text and attachments. */
export function QuickResponsesPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const list = useQuickResponses(q);
  const [editing, setEditing] = useState<QuickResponse | 'new' | null>(null);

  return (
    <>
      <PageHeader
        title={t('quickResponses.title')}
        description={t('quickResponses.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="qr-create">
            {t('quickResponses.create')}
          </Button>
        }
      />
      <TextInput
        mb="md"
        leftSection={<IconSearch size={16} />}
        rightSection={list.isFetching && !list.isPending ? <Loader size={14} /> : null}
        placeholder={t('quickResponses.search')}
        aria-label={t('quickResponses.search')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        data-testid="qr-search"
      />
      {list.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={t('quickResponses.loadFailed')}>
          {errorMessage(list.error, t)}{' '}
          <Button variant="subtle" size="compact-sm" color="red" onClick={() => void list.refetch()}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : list.isPending ? (
        <Center p="xl">
          <Loader size="sm" />
        </Center>
      ) : list.data.length === 0 ? (
        <Paper withBorder radius="lg" p="xl" data-testid="qr-empty">
          <Center mih={220}>
            <EmptyState
              variant="light"
              size="lg"
              icon={<IconBolt size={32} />}
              title={t('quickResponses.emptyTitle')}
              description={q ? t('quickResponses.noMatch') : t('quickResponses.emptyText')}
              maw={480}
            />
          </Center>
        </Paper>
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm" data-testid="qr-list">
          {list.data.map((r) => (
            <QuickResponseCard key={r.id} response={r} onEdit={() => setEditing(r)} />
          ))}
        </SimpleGrid>
      )}
      {editing && (
        <QuickResponseFormModal response={editing === 'new' ? null : editing} timeZone={TIME_ZONE} onClose={() => setEditing(null)} />
      )}
    </>
  );
}

function QuickResponseCard({ response, onEdit }: { response: QuickResponse; onEdit: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const remove = useQuickResponseMutation((id: number) => deleteQuickResponse(id));
  const preview = renderQuickResponse(response.body, sampleContext(user.name, TIME_ZONE)).body;
  const image = response.attachments.find((a) => a.kind === 'image' && a.url);

  const [confirming, setConfirming] = useState(false);
  const confirmDelete = () => setConfirming(true);
  const doDelete = () =>
    remove.mutate(response.id, {
      onSuccess: () => notifications.show({ color: 'green', message: t('quickResponses.deleted') }),
      onError: (err) => notifications.show({ color: 'red', message: errorMessage(err, t) }),
      onSettled: () => setConfirming(false),
    });

  return (
    <Paper withBorder radius="md" p="sm" data-testid="qr-item">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Group gap={6}>
            <Text fw={700}>/{response.shortcut}</Text>
            <Badge
              size="xs"
              variant="light"
              color={response.scope === 'personal' ? 'gray' : response.scope === 'queue' ? 'grape' : 'brand'}
            >
              {t(`quickResponses.scope.${response.scope}`)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" lineClamp={3} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {preview}
          </Text>
          {response.attachments.length > 0 && (
            <Group gap={6} wrap="wrap">
              {response.attachments.map((a) => (
                <Badge
                  key={a.id}
                  variant="default"
                  leftSection={<AttachmentIcon attachment={a} size={12} />}
                  style={{ textTransform: 'none', maxWidth: 220 }}
                >
                  {attachmentLabel(a)}
                </Badge>
              ))}
            </Group>
          )}
        </Stack>
        {image?.url && <Image src={image.url} alt="" w={56} h={56} radius="sm" fit="cover" />}
        <Group gap={2} wrap="nowrap">
          <Tooltip label={t('quickResponses.edit')}>
            <ActionIcon variant="subtle" color="gray" onClick={onEdit} aria-label={t('quickResponses.edit')} data-testid="qr-edit">
              <IconPencil size={16} />
            </ActionIcon>
          </Tooltip>
          {response.editable && (
            <Tooltip label={t('quickResponses.delete')}>
              <ActionIcon variant="subtle" color="red" onClick={confirmDelete} aria-label={t('quickResponses.delete')}>
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('quickResponses.delete')}>
        <Text size="sm">{t('quickResponses.deleteConfirm', { shortcut: response.shortcut })}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('quickResponses.keep')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={doDelete}>
            {t('quickResponses.deleteYes')}
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}
