import { Anchor, Badge, Button, Center, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format.js';
import { ExportButtons } from './ExportButtons.js';
import { useSurveyComments } from './reportsApi.js';
import { TableCard } from './TableCard.js';
import type { ReportFilters } from './types.js';

const scoreColor = (score: number) => (score >= 4 ? 'teal' : score === 3 ? 'yellow' : 'red');

/** The customers' own words, newest first, a page at a time (cursor). Rendered as text: customer input. */
export function SurveyComments({ filters }: { filters: ReportFilters }) {
  const { t, i18n } = useTranslation();
  const comments = useSurveyComments(filters);
  const items = comments.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <TableCard
      title={t('reports.comments.title')}
      testId="reports-comments"
      actions={<ExportButtons table="survey-comments" filters={filters} />}
      loading={comments.isPending}
      error={comments.error}
      onRetry={() => void comments.refetch()}
      empty={items.length === 0}
      emptyText={t('reports.comments.empty')}
    >
      <Stack gap="sm">
        {items.map((item) => (
          <Group
            key={`${item.ticketId}-${item.answeredAt}`}
            align="flex-start"
            wrap="nowrap"
            gap="sm"
            pb="sm"
            style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
          >
            <Badge
              color={scoreColor(item.score)}
              variant="light"
              size="lg"
              miw={36}
              aria-label={`${t('reports.comments.score')} ${item.score}`}
            >
              {item.score}
            </Badge>
            <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {item.comment}
              </Text>
              <Text size="xs" c="dimmed">
                {[item.contactName, item.userName, item.queueName].filter(Boolean).join(' · ')} ·{' '}
                {formatDateTime(item.answeredAt, i18n.language)} ·{' '}
                <Anchor component={Link} to={`/tickets/${item.ticketId}`} size="xs">
                  {t('reports.comments.ticket', { id: item.ticketId })}
                </Anchor>
              </Text>
            </Stack>
          </Group>
        ))}
        {comments.hasNextPage && (
          <Center>
            <Button variant="light" size="xs" onClick={() => void comments.fetchNextPage()} loading={comments.isFetchingNextPage}>
              {t('reports.comments.loadMore')}
            </Button>
          </Center>
        )}
      </Stack>
    </TableCard>
  );
}
