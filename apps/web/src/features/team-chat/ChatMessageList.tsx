import { useMemo } from 'react';
import { Anchor, Box, Center, Group, Image, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { Virtuoso } from 'react-virtuoso';
import type { ChatConversation, ChatMessage } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.js';
import { MessageBody } from './MessageBody.js';
import { chronological, useChatMessages } from './teamChatApi.js';

// Virtuoso wants a first index that only decreases as older pages are prepended.
const BASE_INDEX = 10_000_000;

function Attachment({ message }: { message: ChatMessage }) {
  const a = message.attachment!;
  if (a.mimeType.startsWith('image/') && !a.mimeType.includes('svg')) {
    return (
      <Anchor href={a.url} target="_blank" rel="noopener noreferrer" data-testid="chat-attachment-image">
        <Image src={a.url} alt={a.name} radius="sm" mah={220} w="auto" maw="100%" fit="contain" />
      </Anchor>
    );
  }
  return (
    <Anchor href={a.url} target="_blank" rel="noopener noreferrer" size="sm" data-testid="chat-attachment-file">
      <Group gap={4} wrap="nowrap">
        <IconPaperclip size={14} />
        <Text span size="sm" truncate>
          {a.name} ({Math.max(1, Math.round(a.size / 1024))} KB)
        </Text>
      </Group>
    </Anchor>
  );
}

interface Props {
  conversation: ChatConversation;
  meId: number;
  onOpenTicket?: () => void;
}

/** The conversation's messages, oldest at the top, virtualized; older pages load when scrolled to the top. */
export function ChatMessageList({ conversation, meId, onOpenTicket }: Props) {
  const { t, i18n } = useTranslation();
  const messages = useChatMessages(conversation.id);
  const items = useMemo(() => chronological(messages.data), [messages.data]);
  const names = useMemo(() => new Map(conversation.members.map((m) => [m.id, m.name])), [conversation.members]);
  const olderCount = messages.data?.pages.slice(1).reduce((n, p) => n + p.items.length, 0) ?? 0;
  const lastMine = [...items].reverse().find((m) => m.authorId === meId);
  const seenBy = lastMine
    ? conversation.reads
        .filter((r) => r.userId !== meId && r.messageId !== null && r.messageId >= lastMine.id)
        .map((r) => names.get(r.userId) ?? '')
    : [];

  if (messages.isPending) {
    return (
      <Center style={{ flex: 1 }}>
        <Loader size="sm" />
      </Center>
    );
  }
  if (items.length === 0) {
    return (
      <Center style={{ flex: 1 }} p="md">
        <Text size="sm" c="dimmed" ta="center" data-testid="chat-no-messages">
          {t('teamChat.noMessages')}
        </Text>
      </Center>
    );
  }
  return (
    <Box style={{ flex: 1, minHeight: 0, position: 'relative' }} data-testid="chat-messages">
      <Virtuoso
        style={{ position: 'absolute', inset: 0 }}
        data={items}
        firstItemIndex={BASE_INDEX - olderCount}
        initialTopMostItemIndex={{ index: items.length - 1, align: 'end' }}
        computeItemKey={(_, m) => m.id}
        followOutput="smooth"
        startReached={() => {
          if (messages.hasNextPage && !messages.isFetchingNextPage) void messages.fetchNextPage();
        }}
        components={{
          Header: () =>
            messages.isFetchingNextPage ? (
              <Center p="xs">
                <Loader size="xs" />
              </Center>
            ) : null,
        }}
        itemContent={(_, m) => {
          const mine = m.authorId === meId;
          return (
            <Stack gap={2} px="sm" py={4} align={mine ? 'flex-end' : 'flex-start'} data-testid="chat-message" data-mine={mine}>
              <Paper
                px="sm"
                py={6}
                radius="md"
                maw="85%"
                bg={mine ? 'var(--mantine-primary-color-light)' : 'var(--mantine-color-default-hover)'}
                style={m.mentions.includes(meId) ? { boxShadow: 'inset 3px 0 0 var(--mantine-color-yellow-6)' } : undefined}
                data-mentions-me={m.mentions.includes(meId)}
              >
                {!mine && conversation.kind === 'group' && (
                  <Text size="xs" fw={600} c="dimmed">
                    {m.authorName}
                  </Text>
                )}
                <Stack gap={4}>
                  {m.attachment && <Attachment message={m} />}
                  {m.body && <MessageBody message={m} names={names} onOpenTicket={onOpenTicket} />}
                </Stack>
              </Paper>
              <Text size="xs" c="dimmed">
                {formatDateTime(m.createdAt, i18n.language)}
              </Text>
              {lastMine?.id === m.id && seenBy.length > 0 && (
                <Text size="xs" c="dimmed" data-testid="chat-seen-by">
                  {conversation.kind === 'direct' ? t('teamChat.seen') : t('teamChat.seenBy', { names: seenBy.join(', ') })}
                </Text>
              )}
            </Stack>
          );
        }}
      />
    </Box>
  );
}
