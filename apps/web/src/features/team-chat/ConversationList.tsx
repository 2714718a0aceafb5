import { useState } from 'react';
import { Badge, Box, Button, Center, Group, Loader, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconMessagePlus, IconSearch, IconUsersGroup } from '@tabler/icons-react';
import type { ChatConversation } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.js';
import { PresenceDot } from './PresenceDot.js';
import { useChatPresence, useChatSearch } from './teamChatApi.js';

interface Props {
  conversations: ChatConversation[];
  selectedId: number | null;
  meId: number;
  onSelect: (id: number) => void;
  onNew: (kind: 'direct' | 'group') => void;
}

/** Conversations with unread badges and presence; the search box swaps the list for matching messages. */
export function ConversationList({ conversations, selectedId, meId, onSelect, onNew }: Props) {
  const { t, i18n } = useTranslation();
  const presence = useChatPresence();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const search = useChatSearch(debounced);

  return (
    <Stack gap={0} style={{ flex: 1, minHeight: 0 }} data-testid="chat-list">
      <Stack gap={6} p="xs" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Group gap={6} grow>
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconMessagePlus size={14} />}
            onClick={() => onNew('direct')}
            aria-label={t('teamChat.newDirect')}
            title={t('teamChat.newDirect')}
            data-testid="chat-new-direct"
          >
            {t('teamChat.newDirectShort')}
          </Button>
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconUsersGroup size={14} />}
            onClick={() => onNew('group')}
            aria-label={t('teamChat.newGroup')}
            title={t('teamChat.newGroup')}
            data-testid="chat-new-group"
          >
            {t('teamChat.newGroupShort')}
          </Button>
        </Group>
        <TextInput
          size="xs"
          leftSection={<IconSearch size={14} />}
          placeholder={t('teamChat.searchPlaceholder')}
          aria-label={t('teamChat.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          data-testid="chat-search"
        />
      </Stack>
      <ScrollArea style={{ flex: 1 }} type="auto">
        {query.trim() ? (
          debounced.length < 2 ? (
            <Text size="xs" c="dimmed" p="sm">
              {t('teamChat.searchHint')}
            </Text>
          ) : search.isPending ? (
            <Center p="md">
              <Loader size="sm" />
            </Center>
          ) : (search.data ?? []).length === 0 ? (
            <Text size="sm" c="dimmed" p="sm" data-testid="chat-search-empty">
              {t('teamChat.searchEmpty', { q: debounced })}
            </Text>
          ) : (
            (search.data ?? []).map((r) => (
              <UnstyledButton
                key={r.messageId}
                display="block"
                w="100%"
                px="sm"
                py={6}
                onClick={() => {
                  setQuery('');
                  onSelect(r.conversationId);
                }}
                style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
                data-testid="chat-search-result"
              >
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="xs" fw={600} truncate>
                    {r.conversationName} · {r.authorName}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
                    {formatDateTime(r.createdAt, i18n.language)}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                  {r.snippet}
                </Text>
              </UnstyledButton>
            ))
          )
        ) : conversations.length === 0 ? (
          <Stack gap={4} p="md" ta="center" data-testid="chat-empty">
            <Text size="sm" fw={600}>
              {t('teamChat.emptyTitle')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('teamChat.emptyText')}
            </Text>
          </Stack>
        ) : (
          conversations.map((c) => {
            const other = c.kind === 'direct' ? c.members.find((m) => m.id !== meId) : undefined;
            const last = c.lastMessage;
            const preview = last
              ? `${last.authorId === meId ? `${t('teamChat.you')}: ` : ''}${last.body || (last.attachment ? `📎 ${last.attachment.name}` : '')}`
              : '';
            return (
              <UnstyledButton
                key={c.id}
                display="block"
                w="100%"
                px="sm"
                py={8}
                onClick={() => onSelect(c.id)}
                aria-current={c.id === selectedId ? 'true' : undefined}
                style={{
                  borderBottom: '1px solid var(--mantine-color-default-border)',
                  background: c.id === selectedId ? 'var(--mantine-color-default-hover)' : undefined,
                }}
                data-testid={`chat-item-${c.id}`}
                data-unread={c.unreadCount}
              >
                <Group gap="xs" wrap="nowrap">
                  {other ? (
                    <PresenceDot status={presence.data?.[other.id] ?? 'offline'} userId={other.id} />
                  ) : (
                    <Box c="dimmed" style={{ display: 'flex' }}>
                      <IconUsersGroup size={14} />
                    </Box>
                  )}
                  <Box style={{ flex: 1, minWidth: 0 }}>
                    <Text size="sm" fw={c.unreadCount > 0 ? 700 : 500} truncate>
                      {c.name}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {preview}
                    </Text>
                  </Box>
                  {c.unreadCount > 0 && (
                    <Badge size="sm" circle={c.unreadCount < 10} color="red" data-testid={`chat-unread-${c.id}`}>
                      {c.unreadCount > 99 ? '99+' : c.unreadCount}
                    </Badge>
                  )}
                </Group>
              </UnstyledButton>
            );
          })
        )}
      </ScrollArea>
    </Stack>
  );
}
