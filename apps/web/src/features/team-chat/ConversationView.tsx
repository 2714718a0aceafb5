import { useEffect } from 'react';
import { ActionIcon, Box, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconPencil } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { ChatConversation } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { ChatComposer } from './ChatComposer.js';
import { ChatMessageList } from './ChatMessageList.js';
import { PresenceDot } from './PresenceDot.js';
import { chatKeys, markChatRead, useChatPresence } from './teamChatApi.js';
import { useTypingUsers } from './useTeamChatRealtime.js';

interface Props {
  conversation: ChatConversation;
  meId: number;
  onBack?: () => void;
  onEdit: () => void;
  onOpenTicket?: () => void;
}

/** One open conversation: header with presence, messages, who is typing, the composer; reading it marks it read. */
export function ConversationView({ conversation, meId, onBack, onEdit, onOpenTicket }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const presence = useChatPresence();
  const typing = useTypingUsers(conversation.id);
  const other = conversation.kind === 'direct' ? conversation.members.find((m) => m.id !== meId) : undefined;
  const typingNames = typing.map((id) => conversation.members.find((m) => m.id === id)?.name).filter(Boolean) as string[];
  const lastId = conversation.lastMessage?.id ?? null;
  const myRead = conversation.reads.find((r) => r.userId === meId)?.messageId ?? null;

  // Shown means read: moving our read mark lets the others see "seen" and clears the badge.
  useEffect(() => {
    if (lastId === null || (myRead !== null && myRead >= lastId)) return;
    qc.setQueryData<ChatConversation[]>(chatKeys.conversations, (list) =>
      list?.map((c) =>
        c.id === conversation.id
          ? { ...c, unreadCount: 0, reads: c.reads.map((r) => (r.userId === meId ? { ...r, messageId: lastId } : r)) }
          : c,
      ),
    );
    void markChatRead(conversation.id, lastId).catch(() => undefined);
  }, [qc, conversation.id, lastId, myRead, meId]);

  return (
    <Stack gap={0} style={{ flex: 1, minHeight: 0, minWidth: 0 }} data-testid="chat-conversation" data-conversation-id={conversation.id}>
      <Group gap="xs" px="sm" py={8} wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        {onBack && (
          <ActionIcon variant="subtle" onClick={onBack} aria-label={t('teamChat.back')} data-testid="chat-back">
            <IconArrowLeft size={18} />
          </ActionIcon>
        )}
        {other && <PresenceDot status={presence.data?.[other.id] ?? 'offline'} userId={other.id} />}
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Text fw={600} size="sm" truncate data-testid="chat-conversation-name">
            {conversation.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {typingNames.length > 0 ? (
              <span data-testid="chat-typing">{t('teamChat.typing', { count: typingNames.length, names: typingNames.join(', ') })}</span>
            ) : conversation.kind === 'group' ? (
              t('teamChat.members', { count: conversation.members.length })
            ) : (
              t(`teamChat.presence.${presence.data?.[other?.id ?? 0] ?? 'offline'}`)
            )}
          </Text>
        </Box>
        {conversation.canManage && (
          <Tooltip label={t('teamChat.edit')}>
            <ActionIcon variant="subtle" onClick={onEdit} aria-label={t('teamChat.edit')} data-testid="chat-edit-group">
              <IconPencil size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <ChatMessageList key={conversation.id} conversation={conversation} meId={meId} onOpenTicket={onOpenTicket} />
      <ChatComposer key={`composer-${conversation.id}`} conversation={conversation} meId={meId} />
    </Stack>
  );
}
