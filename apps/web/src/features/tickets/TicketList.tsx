import { useEffect, useMemo } from 'react';
import { Alert, Badge, Box, Button, Center, EmptyState, Group, Loader, SegmentedControl, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useElementSize } from '@mantine/hooks';
import { IconInbox, IconSearch } from '@tabler/icons-react';
import { Virtuoso } from 'react-virtuoso';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useCurrentUser } from '../auth/index.js';
import { useQueues } from '../connections/index.js';
import { useTicketList, type TicketTab } from './ticketsApi.js';
import { useTicketListParams, useTicketPath } from './useTicketListParams.js';
import { TicketRow } from './TicketRow.js';
import { TicketListFilters } from './TicketListFilters.js';
import { NotificationPrompt } from './NotificationPrompt.js';
import { MessageSearchResults } from '../search/index.js';

const managerRoles = new Set(['super_admin', 'admin', 'supervisor']);

export function TicketList({ selectedId }: { selectedId: number | null }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const isManager = managerRoles.has(me.role);
  const {
    tab: chosenTab,
    search,
    searchIn,
    setSearchIn,
    filters,
    setTab,
    setSearch,
    setFilters,
    clearSearchAndFilters,
  } = useTicketListParams();
  const focusedMessage = Number(useSearchParams()[0].get('message')) || null;
  const inMessages = searchIn === 'messages';
  const ticketPath = useTicketPath();
  const [q] = useDebouncedValue(search, 350);
  const queues = useQueues();
  // A search looks through every status: the customer you look for may be waiting or long closed.
  const searching = q.trim() !== '';
  // Agents never see the bot's conversations; an old link to that tab lands on their own.
  const tab: TicketTab = searching ? 'all' : chosenTab === 'bot' && !isManager ? 'open' : chosenTab;

  // In "Mensagens" mode the ticket list is not shown, so it must not search tickets either.
  const base = { ...filters, q: inMessages ? '' : q };
  const list = useTicketList({ ...base, tab });
  // The two working tabs are always loaded: their sizes are the badges and their unread the tab title.
  const mine = useTicketList({ ...base, tab: 'open' });
  const pending = useTicketList({ ...base, tab: 'pending' });

  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const mineItems = useMemo(() => mine.data?.pages.flatMap((p) => p.items) ?? [], [mine.data]);
  const pendingItems = useMemo(() => pending.data?.pages.flatMap((p) => p.items) ?? [], [pending.data]);
  const unread = [...mineItems, ...pendingItems].reduce((sum, ticket) => sum + ticket.unreadCount, 0);

  useEffect(() => {
    const appName = t('app.name');
    document.title = unread > 0 ? `(${unread}) ${appName}` : appName;
    return () => {
      document.title = appName;
    };
  }, [unread, t]);

  const queueById = useMemo(() => new Map((queues.data ?? []).map((queue) => [queue.id, queue])), [queues.data]);
  const filtered = Boolean(q.trim() || filters.queueId || filters.connectionId || filters.userId);

  // Four or five tabs with two counters must fit a phone or a 356 px column, never scroll out of sight.
  const { ref: tabsRef, width: tabsWidth } = useElementSize();
  const compactTabs = tabsWidth > 0 && tabsWidth < 350;
  const countBadge = (n: number, more: boolean) =>
    n > 0 ? (
      <Badge size="xs" variant="filled" circle={n < 10 && !more}>
        {n > 99 ? '99+' : more ? `${n}+` : n}
      </Badge>
    ) : null;

  return (
    <>
      <Box p="sm" pb={0}>
        <Group gap="xs" wrap="nowrap" mb="xs">
          <TextInput
            style={{ flex: 1 }}
            leftSection={<IconSearch size={16} />}
            placeholder={inMessages ? t('search.placeholderMessages') : t('tickets.list.search')}
            aria-label={inMessages ? t('search.placeholderMessages') : t('tickets.list.search')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            data-testid="tickets-search"
          />
          {!inMessages && <TicketListFilters value={filters} onChange={setFilters} isManager={isManager} />}
        </Group>
        <SegmentedControl
          fullWidth
          size="xs"
          mb="xs"
          aria-label={t('search.modeLabel')}
          value={searchIn}
          onChange={(v) => setSearchIn(v === 'messages' ? 'messages' : 'tickets')}
          data={[
            { value: 'tickets', label: t('search.modes.tickets') },
            { value: 'messages', label: t('search.modes.messages') },
          ]}
          data-testid="search-mode"
        />
        <NotificationPrompt />
        <Tabs
          ref={tabsRef}
          display={inMessages ? 'none' : undefined}
          value={tab}
          onChange={(v) => {
            if (!v) return;
            // Picking a tab while searching narrows nothing (a search spans every status), so it ends the search.
            setTab(v as TicketTab, searching);
          }}
          variant="default"
          styles={{
            tab: {
              padding: compactTabs ? '8px 3px' : '8px 5px',
              fontSize: compactTabs ? 11 : 'var(--mantine-font-size-xs)',
              fontWeight: 600,
              // Natural width plus a share of the rest: equal shares (flex-basis 0) squeezed the counters out of sight.
              flex: '1 1 auto',
            },
            tabSection: { marginInlineStart: compactTabs ? 2 : 4, flexShrink: 0 },
          }}
        >
          <Tabs.List grow style={{ flexWrap: 'nowrap' }}>
            <Tabs.Tab value="open" data-testid="tickets-tab-open" rightSection={countBadge(mineItems.length, mine.hasNextPage)}>
              {t('tickets.tabs.open')}
            </Tabs.Tab>
            <Tabs.Tab value="pending" data-testid="tickets-tab-pending" rightSection={countBadge(pendingItems.length, pending.hasNextPage)}>
              {t('tickets.tabs.pending')}
            </Tabs.Tab>
            {isManager && (
              <Tabs.Tab value="bot" data-testid="tickets-tab-bot">
                {t('tickets.tabs.bot')}
              </Tabs.Tab>
            )}
            <Tabs.Tab value="closed" data-testid="tickets-tab-closed">
              {t('tickets.tabs.closed')}
            </Tabs.Tab>
            <Tabs.Tab value="all" data-testid="tickets-tab-all">
              {t('tickets.tabs.all')}
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
        {searching && !inMessages && (
          <Text size="xs" c="dimmed" mt={6} data-testid="tickets-search-scope">
            {t('tickets.list.searchAllStatuses')}
          </Text>
        )}
      </Box>
      <Box style={{ flex: 1, minHeight: 0 }} data-testid="ticket-list" data-tab={tab}>
        {inMessages ? (
          <MessageSearchResults
            q={q}
            selectedMessageId={focusedMessage}
            onOpen={(ticketId, messageId) => void navigate(ticketPath(ticketId, messageId))}
            onSearchTickets={() => setSearchIn('tickets')}
          />
        ) : list.isPending ? (
          <Center h="100%">
            <Loader size="sm" />
          </Center>
        ) : list.isError ? (
          <Alert m="sm" color="red" variant="light" title={t('tickets.list.loadFailed')}>
            {errorMessage(list.error, t)}{' '}
            <Button size="compact-sm" variant="subtle" color="red" onClick={() => void list.refetch()}>
              {t('common.retry')}
            </Button>
          </Alert>
        ) : items.length === 0 ? (
          <Center h="100%" p="md">
            <EmptyState
              variant="light"
              icon={<IconInbox size={28} />}
              title={filtered ? t('tickets.list.noMatchTitle') : t(`tickets.list.empty.${tab}.title`)}
              description={filtered ? t('tickets.list.noMatchText') : t(`tickets.list.empty.${tab}.text`)}
              maw={300}
              data-testid="tickets-empty"
            >
              {filtered && (
                <EmptyState.Actions>
                  <Button size="xs" variant="light" onClick={clearSearchAndFilters} data-testid="tickets-clear-filters">
                    {t('tickets.list.clearSearch')}
                  </Button>
                </EmptyState.Actions>
              )}
            </EmptyState>
          </Center>
        ) : (
          <Virtuoso
            style={{ height: '100%' }}
            data={items}
            computeItemKey={(_, ticket) => ticket.id}
            endReached={() => {
              if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
            }}
            itemContent={(_, ticket) => (
              <TicketRow
                ticket={ticket}
                queue={ticket.queueId ? queueById.get(ticket.queueId) : undefined}
                selected={ticket.id === selectedId}
                showStatus={tab === 'all'}
                onOpen={() => void navigate(ticketPath(ticket.id))}
              />
            )}
            components={{
              Footer: () =>
                list.isFetchingNextPage ? (
                  <Center p="sm">
                    <Loader size="xs" />
                  </Center>
                ) : null,
            }}
          />
        )}
      </Box>
    </>
  );
}
