import { Badge, Group, Text, UnstyledButton } from '@mantine/core';
import type { MessageSearchHit } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { HighlightedText } from './HighlightedText.js';

const statusColor: Record<MessageSearchHit['ticketStatus'], string> = { bot: 'grape', pending: 'orange', open: 'teal', closed: 'gray' };

function when(iso: string, language: string): string {
  const date = new Date(iso);
  const sameDay = date.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(language, sameDay ? { hour: '2-digit', minute: '2-digit' } : { dateStyle: 'short' }).format(date);
}

export function MessageHitRow({ hit, selected, onOpen }: { hit: MessageSearchHit; selected: boolean; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  // 'note' joins the message types with private notes (another part of issue #10); compared as text until then.
  const from = (hit.type as string) === 'note' ? t('search.note') : (hit.authorName ?? t(`search.from.${hit.author}`));
  return (
    <UnstyledButton
      onClick={onOpen}
      aria-label={t('search.openHit')}
      aria-current={selected || undefined}
      data-testid="message-hit"
      data-message-id={hit.messageId}
      px="sm"
      py={8}
      w="100%"
      style={{
        display: 'block',
        borderBottom: '1px solid var(--mantine-color-default-border)',
        background: selected ? 'var(--mantine-color-default-hover)' : undefined,
      }}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={600} truncate style={{ minWidth: 0 }}>
          {hit.contact.name || t('tickets.unknownContact')}
        </Text>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
          {when(hit.createdAt, i18n.language)}
        </Text>
      </Group>
      <Text size="sm" lineClamp={3} style={{ wordBreak: 'break-word' }}>
        <Text span size="xs" c="dimmed">
          {from}:{' '}
        </Text>
        <HighlightedText segments={hit.segments} />
      </Text>
      <Badge size="xs" variant="light" color={statusColor[hit.ticketStatus]} mt={4}>
        {t(`tickets.status.${hit.ticketStatus}`)}
      </Badge>
    </UnstyledButton>
  );
}
