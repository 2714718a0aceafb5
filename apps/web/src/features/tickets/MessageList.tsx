import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Badge, Box, Button, Center, EmptyState, Loader } from '@mantine/core';
import { IconArrowDown, IconMessageCircle } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import type { Message, Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useMessages, type MessagePage } from './ticketsApi.js';
import { MessageItem } from './MessageItem.js';
import { useMessagesAround } from './useMessagesAround.js';

// Virtuoso needs a positive first index that only ever decreases as older pages are prepended.
const BASE_INDEX = 10_000_000;

export function chronological(data: { pages: MessagePage[] } | undefined): Message[] {
  if (!data) return [];
  const out: Message[] = [];
  for (let p = data.pages.length - 1; p >= 0; p--) {
    const items = data.pages[p]?.items ?? [];
    for (let i = items.length - 1; i >= 0; i--) out.push(items[i]!);
  }
  return out;
}

interface Props {
  ticket: Ticket;
  onReply: ((m: Message) => void) | null;
}

export function MessageList({ ticket, onReply }: Props) {
  const { t } = useTranslation();
  // `?message=` opens the conversation at that message (search hits, mentions); without it, the live list.
  const [searchParams, setSearchParams] = useSearchParams();
  const focusId = Number(searchParams.get('message')) || null;
  const focused = useMessagesAround(ticket.id, focusId);
  // A message that is gone (or of another ticket) falls back to the live list rather than an error.
  const focusing = focusId !== null && !focused.isError;
  const live = useMessages(ticket.id, !focusing);
  const messages = focusing ? focused : live;
  const ref = useRef<VirtuosoHandle>(null);
  const [atBottom, setAtBottom] = useState(true);
  const [unseen, setUnseen] = useState(0);
  const [highlight, setHighlight] = useState<number | null>(null);

  const items = useMemo(() => chronological(messages.data), [messages.data]);
  // Only older pages shift the first index; new messages land in pages[0] and append at the end.
  // With a focused message, newer pages are prepended to `pages` before the page around it.
  const anchor = focusing
    ? Math.max(0, focused.data?.pageParams.findIndex((p) => typeof p === 'object' && p !== null && 'around' in p) ?? 0)
    : 0;
  const olderCount = messages.data?.pages.slice(anchor + 1).reduce((n, p) => n + p.items.length, 0) ?? 0;
  const firstItemIndex = BASE_INDEX - olderCount;

  const lastId = items.at(-1)?.id;
  // Counted while rendering (React's "state from the previous render" pattern) rather than in an effect.
  const [prevLast, setPrevLast] = useState(lastId);
  if (lastId !== prevLast) {
    setPrevLast(lastId);
    if (prevLast !== undefined && lastId !== undefined && !atBottom && items.at(-1)?.direction === 'in') setUnseen((n) => n + 1);
  }

  const loadOlder = useCallback(() => {
    if (messages.hasNextPage && !messages.isFetchingNextPage) void messages.fetchNextPage();
  }, [messages]);
  const loadNewer = useCallback(() => {
    if (focusing && focused.hasPreviousPage && !focused.isFetchingPreviousPage) void focused.fetchPreviousPage();
  }, [focusing, focused]);
  const leaveFocus = () =>
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete('message');
        return next;
      },
      { replace: true },
    );

  // The found message is outlined for a moment once it is on screen, as a quoted message is.
  const focusIndex = focusing ? items.findIndex((m) => m.id === focusId) : -1;
  const [flashed, setFlashed] = useState<number | null>(null);
  useEffect(() => {
    if (focusIndex < 0) return;
    const timer = setTimeout(() => setFlashed(focusId), 2500);
    return () => clearTimeout(timer);
  }, [focusIndex, focusId]);

  const jumpTo = useCallback(
    (id: number) => {
      const index = items.findIndex((m) => m.id === id);
      if (index < 0) return;
      ref.current?.scrollToIndex({ index, align: 'center', behavior: 'smooth' });
      setHighlight(id);
      setTimeout(() => setHighlight((h) => (h === id ? null : h)), 1600);
    },
    [items],
  );

  if (messages.isPending) {
    return (
      <Center h="100%">
        <Loader size="sm" />
      </Center>
    );
  }
  if (messages.isError) {
    return (
      <Alert m="md" color="red" variant="light" title={t('tickets.conversation.loadFailed')}>
        {errorMessage(messages.error, t)}{' '}
        <Button size="compact-sm" variant="subtle" color="red" onClick={() => void messages.refetch()}>
          {t('common.retry')}
        </Button>
      </Alert>
    );
  }
  if (items.length === 0) {
    return (
      <Center h="100%">
        <EmptyState
          variant="light"
          icon={<IconMessageCircle size={28} />}
          title={t('tickets.conversation.emptyTitle')}
          description={t('tickets.conversation.emptyText')}
          maw={360}
        />
      </Center>
    );
  }

  return (
    <Box h="100%" style={{ display: 'flex', flexDirection: 'column' }}>
      {/* Virtuoso measures its parent: a definite-height box, not a flex item of its own. */}
      <Box style={{ flex: 1, minHeight: 0, position: 'relative' }}>
        <Virtuoso
          key={focusing ? `focus-${focusId}` : 'live'}
          ref={ref}
          style={{ position: 'absolute', inset: 0 }}
          data={items}
          firstItemIndex={firstItemIndex}
          initialTopMostItemIndex={focusIndex >= 0 ? { index: focusIndex, align: 'center' } : { index: items.length - 1, align: 'end' }}
          computeItemKey={(_, m) => m.id}
          startReached={loadOlder}
          endReached={loadNewer}
          followOutput={(bottom) => (bottom && !focusing ? 'smooth' : false)}
          atBottomThreshold={80}
          atBottomStateChange={(bottom) => {
            setAtBottom(bottom);
            if (bottom) setUnseen(0);
          }}
          increaseViewportBy={{ top: 400, bottom: 200 }}
          components={{
            Header: () => (
              <Center py="xs" mih={32}>
                {messages.isFetchingNextPage ? (
                  <Loader size="xs" />
                ) : !messages.hasNextPage ? (
                  <Badge variant="light" color="gray">
                    {t('tickets.conversation.start')}
                  </Badge>
                ) : null}
              </Center>
            ),
            Footer: () => <Box h={12} />,
          }}
          itemContent={(index, message) => (
            <MessageItem
              message={message}
              previous={items[index - firstItemIndex - 1]}
              ticket={ticket}
              onReply={onReply}
              onJumpTo={jumpTo}
              highlighted={highlight === message.id || (message.id === focusId && flashed !== focusId)}
            />
          )}
        />
      </Box>
      {/* A strip under the list rather than a floating arrow: it can never cover a bubble or its time. */}
      {focusing && (
        <Center py={4} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconArrowDown size={14} />}
            onClick={leaveFocus}
            data-testid="leave-focus"
          >
            {t('search.focus.back')}
          </Button>
        </Center>
      )}
      {!atBottom && !focusing && (
        <Center py={4} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconArrowDown size={14} />}
            rightSection={
              unseen > 0 ? (
                <Badge size="xs" circle={unseen < 10} variant="filled">
                  {unseen}
                </Badge>
              ) : null
            }
            onClick={() => ref.current?.scrollToIndex({ index: items.length - 1, align: 'end', behavior: 'smooth' })}
            data-testid="scroll-to-bottom"
            data-unseen={unseen}
          >
            {t('tickets.conversation.scrollToBottom')}
          </Button>
        </Center>
      )}
    </Box>
  );
}
