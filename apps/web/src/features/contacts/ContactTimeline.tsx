import { Alert, Badge, Button, Group, Loader, Stack, Text, Timeline } from '@mantine/core';
import { IconCalendarTime, IconMessageCircle, IconNote, IconStar, IconTag, IconTicket } from '@tabler/icons-react';
import type { TimelineItem } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useContactTimeline } from './extrasApi.js';

const icons: Record<TimelineItem['kind'], typeof IconTicket> = {
  'ticket-opened': IconTicket,
  'ticket-closed': IconTicket,
  'ticket-event': IconMessageCircle,
  note: IconNote,
  'tag-added': IconTag,
  'tag-removed': IconTag,
  'survey-answered': IconStar,
  'scheduled-message': IconCalendarTime,
};

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** What one item says beyond its title; every customer or agent text is rendered as plain text. */
function Detail({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const d = item.data;
  switch (item.kind) {
    case 'ticket-opened':
    case 'ticket-closed':
      return text(d.queue) ? <Text size="xs">{t('contactExtras.timeline.queue', { name: text(d.queue) })}</Text> : null;
    case 'ticket-event':
      return <Text size="xs">{t(`timeline.kinds.${String(d.event)}`, { defaultValue: String(d.event) })}</Text>;
    case 'note':
    case 'scheduled-message':
      return (
        <Text size="xs" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} lineClamp={4}>
          {text(d.body)}
        </Text>
      );
    case 'tag-added':
    case 'tag-removed':
      return (
        <Badge size="sm" variant="light" color={text(d.color) ?? 'gray'}>
          {text(d.name)}
        </Badge>
      );
    case 'survey-answered':
      return (
        <Text size="xs">
          {t('contactExtras.timeline.score', { score: d.score })}
          {text(d.comment) && ` — ${text(d.comment)}`}
        </Text>
      );
  }
}

/** The contact's tickets, notes, tags, surveys and schedules as one list, newest first. */
export function ContactTimeline({ contactId }: { contactId: number }) {
  const { t, i18n } = useTranslation();
  const timeline = useContactTimeline(contactId);
  if (timeline.isPending) return <Loader size="sm" />;
  if (timeline.isError)
    return (
      <Alert color="red" variant="light" title={t('contactExtras.timeline.loadFailed')}>
        {errorMessage(timeline.error, t)}
      </Alert>
    );
  const items = timeline.data.pages.flatMap((p) => p.items);
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="contact-timeline-empty">
        {t('contactExtras.timeline.empty')}
      </Text>
    );
  return (
    <Stack gap="sm" data-testid="contact-timeline">
      <Timeline bulletSize={22} lineWidth={2}>
        {items.map((item) => {
          const Icon = icons[item.kind];
          return (
            <Timeline.Item key={item.key} bullet={<Icon size={12} />} data-testid={`timeline-${item.kind}`}>
              <Group gap={6} wrap="wrap">
                <Text size="sm" fw={500}>
                  {t(`contactExtras.timeline.kinds.${item.kind}`)}
                </Text>
                {item.ticketId !== null && (
                  <Text size="xs" c="dimmed">
                    {t('contactExtras.timeline.ticket', { id: item.ticketId })}
                  </Text>
                )}
              </Group>
              <Detail item={item} />
              <Text size="xs" c="dimmed">
                {formatDateTime(item.at, i18n.language)}
                {item.actor && ` · ${t('contactExtras.timeline.by', { name: item.actor.name })}`}
              </Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
      {timeline.hasNextPage && (
        <Button variant="subtle" size="xs" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
          {t('contactExtras.timeline.more')}
        </Button>
      )}
    </Stack>
  );
}
