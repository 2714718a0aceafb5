import { useMemo } from 'react';
import { Alert, Box, Button, Center, EmptyState, Loader, Text } from '@mantine/core';
import { IconMessageSearch } from '@tabler/icons-react';
import { Virtuoso } from 'react-virtuoso';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useMessageSearch } from './searchApi.js';
import { MessageHitRow } from './MessageHitRow.js';

interface Props {
  q: string;
  selectedMessageId: number | null;
  onOpen: (ticketId: number, messageId: number) => void;
  onSearchTickets: () => void;
}

/** The ticket list's body in "Mensagens" mode: hits newest first, each opening its conversation at the message. */
export function MessageSearchResults({ q, selectedMessageId, onOpen, onSearchTickets }: Props) {
  const { t } = useTranslation();
  const search = useMessageSearch(q);
  const items = useMemo(() => search.data?.pages.flatMap((p) => p.items) ?? [], [search.data]);

  if (q.trim() === '') {
    return (
      <Center h="100%" p="md">
        <EmptyState
          variant="light"
          icon={<IconMessageSearch size={28} />}
          title={t('search.modes.messages')}
          description={t('search.typeToSearch')}
          maw={300}
        >
          <Text size="xs" c="dimmed" mt="xs">
            {t('search.hint')}
          </Text>
        </EmptyState>
      </Center>
    );
  }
  if (search.isPending) {
    return (
      <Center h="100%" data-testid="message-search-loading">
        <Loader size="sm" />
      </Center>
    );
  }
  if (search.isError) {
    return (
      <Alert m="sm" color="red" variant="light" title={t('search.loadFailed')}>
        {errorMessage(search.error, t)}{' '}
        <Button size="compact-sm" variant="subtle" color="red" onClick={() => void search.refetch()}>
          {t('common.retry')}
        </Button>
      </Alert>
    );
  }
  if (items.length === 0) {
    return (
      <Center h="100%" p="md">
        <EmptyState
          variant="light"
          icon={<IconMessageSearch size={28} />}
          title={t('search.noMatchTitle')}
          description={t('search.noMatchText')}
          maw={300}
          data-testid="message-search-empty"
        >
          <EmptyState.Actions>
            <Button size="xs" variant="light" onClick={onSearchTickets}>
              {t('search.searchTickets')}
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Center>
    );
  }
  return (
    <Box h="100%" data-testid="message-search-results" style={{ opacity: search.isFetching && !search.isFetchingNextPage ? 0.6 : 1 }}>
      <Virtuoso
        style={{ height: '100%' }}
        data={items}
        computeItemKey={(_, hit) => hit.messageId}
        endReached={() => {
          if (search.hasNextPage && !search.isFetchingNextPage) void search.fetchNextPage();
        }}
        itemContent={(_, hit) => (
          <MessageHitRow hit={hit} selected={hit.messageId === selectedMessageId} onOpen={() => onOpen(hit.ticketId, hit.messageId)} />
        )}
        components={{
          Footer: () =>
            search.isFetchingNextPage ? (
              <Center p="sm">
                <Loader size="xs" />
              </Center>
            ) : null,
        }}
      />
    </Box>
  );
}
