import { useMemo, useState } from 'react';
import { Alert, Button, Center, EmptyState, Group, Loader, Paper, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAddressBook, IconAlertCircle, IconMessagePlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { companyRoles, type Role } from '@jimmy/contracts';
import { PageHeader } from '../../components/PageHeader.js';
import { errorMessage } from '../../lib/errors.js';
import { useCurrentUser } from '../auth/index.js';
import { useContactList } from './contactsApi.js';
import { ContactDrawer } from './ContactDrawer.js';
import { TagFilterInput } from './TagFilterInput.js';
import type { TagFilter } from './contactsApi.js';
import { ContactsTable } from './ContactsTable.js';
import { NewConversationModal } from './NewConversationModal.js';
import { ContactsCsvButtons } from './import/ContactsCsvButtons.js';

const SEARCH_DEBOUNCE_MS = 300;

export function ContactsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const [tagFilter, setTagFilter] = useState<TagFilter>({ ids: [], mode: 'any' });
  const list = useContactList(q, tagFilter);
  const [openId, setOpenId] = useState<number | null>(null);
  const [starting, setStarting] = useState(false);
  // Starting a conversation is company work; a platform operator looking around does not send from a tenant's number.
  const canStart = (companyRoles as readonly Role[]).includes(me.role);

  const contacts = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const isEmpty = list.isSuccess && contacts.length === 0 && !q && tagFilter.ids.length === 0;

  const newButton = canStart ? (
    <Button leftSection={<IconMessagePlus size={18} />} onClick={() => setStarting(true)} data-testid="new-conversation">
      {t('contacts.newConversation.button')}
    </Button>
  ) : undefined;

  return (
    <>
      <PageHeader
        title={t('contacts.title')}
        description={t('contacts.subtitle')}
        actions={
          <Group gap="xs">
            <ContactsCsvButtons filter={{ q }} />
            {newButton}
          </Group>
        }
      />
      {list.isError ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertCircle size={18} />}
          title={t('contacts.loadFailed')}
          data-testid="contacts-error"
        >
          {errorMessage(list.error, t)}{' '}
          <Button variant="subtle" size="compact-sm" color="red" onClick={() => void list.refetch()}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : isEmpty ? (
        <Paper withBorder radius="lg" p="xl" data-testid="contacts-empty">
          <Center mih={280}>
            <EmptyState
              variant="light"
              size="lg"
              icon={<IconAddressBook size={32} />}
              title={t('contacts.emptyTitle')}
              description={t('contacts.emptyText')}
              maw={480}
            />
          </Center>
        </Paper>
      ) : (
        <Paper withBorder radius="lg" p={0} style={{ overflow: 'hidden' }}>
          <Group m="md" gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              maw={380}
              style={{ flex: '1 1 220px' }}
              leftSection={<IconSearch size={16} />}
              rightSection={list.isFetching && !list.isFetchingNextPage && !list.isPending ? <Loader size={14} /> : null}
              placeholder={t('contacts.search')}
              aria-label={t('contacts.search')}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              data-testid="contacts-search"
            />
            <TagFilterInput value={tagFilter} onChange={setTagFilter} />
          </Group>
          <ContactsTable contacts={contacts} loading={list.isPending} onOpen={(c) => setOpenId(c.id)} />
          {list.isSuccess && contacts.length === 0 && (
            <Center p="xl" c="dimmed" fz="sm" data-testid="contacts-no-match">
              {t('contacts.noMatch', { q })}
            </Center>
          )}
          {list.hasNextPage && (
            <Center p="md">
              <Button
                variant="default"
                loading={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
                data-testid="contacts-load-more"
              >
                {t('contacts.loadMore')}
              </Button>
            </Center>
          )}
        </Paper>
      )}
      <ContactDrawer contactId={openId} onClose={() => setOpenId(null)} />
      {canStart && <NewConversationModal opened={starting} onClose={() => setStarting(false)} />}
    </>
  );
}
