import { useState } from 'react';
import { ActionIcon, Box, Button, Group, Paper, Popover, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconMoodSmile, IconRefresh, IconX } from '@tabler/icons-react';
import type { Message, Ticket } from '@jimmy/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { codeMessage, errorMessage } from '../../lib/errors.js';
import { react, retryMessage } from './ticketsApi.js';
import { upsertMessage } from './ticketsCache.js';
import { MessageContent } from './MessageContent.js';
import { MessageStatusIcon } from './MessageStatusIcon.js';
import { messagePreview, timeOfDay } from './ticketFormat.js';

const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

interface Props {
  message: Message;
  ticket: Ticket | null;
  /** null in read-only views (history, closed tickets). */
  onReply: ((m: Message) => void) | null;
  onJumpTo: ((id: number) => void) | null;
  highlighted?: boolean;
}

export function MessageBubble({ message, ticket, onReply, onJumpTo, highlighted }: Props) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [hover, setHover] = useState(false);
  const [reactOpen, setReactOpen] = useState(false);
  const [retrying, setRetrying] = useState(false);
  const out = message.direction === 'out';
  const interactive = onReply !== null;
  const agentReaction = message.reactions.find((r) => r.by === 'agent')?.emoji ?? null;

  const sendReaction = (emoji: string) => {
    setReactOpen(false);
    react(message.id, emoji).catch((err: unknown) =>
      notifications.show({ color: 'red', title: t('tickets.bubble.reactFailed'), message: errorMessage(err, t) }),
    );
  };

  const retry = async () => {
    setRetrying(true);
    try {
      const updated = await retryMessage(message.id);
      if (updated && typeof updated === 'object' && 'id' in updated) upsertMessage(qc, message.ticketId, updated, { fromResponse: true });
    } catch (err) {
      notifications.show({ color: 'red', title: t('tickets.bubble.retryFailed'), message: errorMessage(err, t) });
    } finally {
      setRetrying(false);
    }
  };

  const actions = interactive && (hover || reactOpen) && (
    <Group gap={2} wrap="nowrap" style={{ alignSelf: 'center' }}>
      <Tooltip label={t('tickets.bubble.reply')}>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          onClick={() => onReply(message)}
          aria-label={t('tickets.bubble.reply')}
          data-testid={`message-reply-${message.id}`}
        >
          <IconArrowBackUp size={16} />
        </ActionIcon>
      </Tooltip>
      <Popover opened={reactOpen} onChange={setReactOpen} position="top" withArrow shadow="md">
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            onClick={() => setReactOpen((o) => !o)}
            aria-label={t('tickets.bubble.react')}
            data-testid={`message-react-${message.id}`}
          >
            <IconMoodSmile size={16} />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p={4}>
          <Group gap={2} wrap="nowrap">
            {QUICK_REACTIONS.map((emoji) => (
              <UnstyledButton
                key={emoji}
                onClick={() => sendReaction(emoji)}
                px={6}
                py={2}
                fz={20}
                aria-label={emoji}
                style={{ borderRadius: 6, background: agentReaction === emoji ? 'var(--mantine-color-default-hover)' : undefined }}
              >
                {emoji}
              </UnstyledButton>
            ))}
            {agentReaction && (
              <Tooltip label={t('tickets.bubble.removeReaction')}>
                <ActionIcon variant="subtle" color="gray" onClick={() => sendReaction('')} aria-label={t('tickets.bubble.removeReaction')}>
                  <IconX size={16} />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        </Popover.Dropdown>
      </Popover>
    </Group>
  );

  return (
    <Group
      justify={out ? 'flex-end' : 'flex-start'}
      wrap="nowrap"
      gap={4}
      px="md"
      py={2}
      onMouseEnter={() => setHover(true)}
      onMouseLeave={() => setHover(false)}
      data-testid={`message-${message.id}`}
      data-status={message.status}
      data-direction={message.direction}
      data-type={message.type}
    >
      {out && actions}
      <Box maw="72%" style={{ minWidth: 0 }}>
        <Paper
          px="sm"
          py={6}
          radius="md"
          shadow="xs"
          style={{
            background: out ? 'var(--mantine-color-brand-light)' : 'var(--mantine-color-default)',
            border: '1px solid var(--mantine-color-default-border)',
            outline: highlighted ? '2px solid var(--mantine-color-yellow-5)' : undefined,
            transition: 'outline 200ms',
          }}
        >
          {out && message.author !== 'customer' && (
            <Text size="xs" fw={600} c={message.author === 'bot' ? 'grape' : 'brand'} data-testid={`message-author-${message.id}`}>
              {message.author === 'bot' ? t('tickets.bubble.bot') : (message.userName ?? t('tickets.bubble.agent'))}
            </Text>
          )}
          {message.quoted && (
            <UnstyledButton
              onClick={() => message.quoted && onJumpTo?.(message.quoted.id)}
              w="100%"
              mb={4}
              px={8}
              py={4}
              style={{
                borderLeft: '3px solid var(--mantine-color-brand-6)',
                borderRadius: 4,
                background: 'var(--mantine-color-default-hover)',
              }}
              data-testid={`message-quote-${message.id}`}
            >
              <Text size="xs" fw={600} c="brand">
                {message.quoted.direction === 'in' ? t('tickets.bubble.customer') : t('tickets.bubble.you')}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={2}>
                {messagePreview(message.quoted.type, message.quoted.body, t)}
              </Text>
            </UnstyledButton>
          )}
          <MessageContent message={message} ticket={ticket} />
          <Group gap={4} justify="flex-end" mt={2} c="dimmed" wrap="nowrap">
            <Text size="10px" c="dimmed">
              {timeOfDay(message.createdAt, i18n.language)}
            </Text>
            {out && <MessageStatusIcon message={message} />}
          </Group>
        </Paper>
        {message.reactions.length > 0 && (
          <Group
            gap={2}
            justify={out ? 'flex-end' : 'flex-start'}
            mt={-6}
            px={6}
            style={{ position: 'relative' }}
            data-testid={`message-reactions-${message.id}`}
          >
            {message.reactions.map((r, i) => (
              <Tooltip
                key={`${r.by}-${i}`}
                label={r.by === 'agent' ? t('tickets.bubble.reactionByAgent') : t('tickets.bubble.reactionByCustomer')}
              >
                <Paper withBorder radius="xl" px={5} py={0} fz={13} shadow="xs">
                  {r.emoji}
                </Paper>
              </Tooltip>
            ))}
          </Group>
        )}
        {message.status === 'failed' && out && (
          <Group gap={6} justify="flex-end" mt={2} wrap="nowrap">
            <Text size="xs" c="red" lineClamp={2} data-testid={`message-error-${message.id}`}>
              {message.error ? codeMessage(message.error.code, message.error.message, t) : t('tickets.messageStatus.failed')}
            </Text>
            {interactive && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                leftSection={<IconRefresh size={14} />}
                loading={retrying}
                onClick={() => void retry()}
                data-testid={`message-retry-${message.id}`}
              >
                {t('tickets.bubble.retry')}
              </Button>
            )}
          </Group>
        )}
      </Box>
      {!out && actions}
    </Group>
  );
}
