import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';

type Survey = Ticket['survey'];

const colorOf = (score: number) => (score <= 2 ? 'red' : score === 3 ? 'yellow' : 'green');

/** The ticket's rating as a small badge (conversation header); the comment in its tooltip. */
export function SurveyBadge({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  if (survey?.score == null) return null;
  const badge = (
    <Badge
      size="xs"
      variant="light"
      color={colorOf(survey.score)}
      style={{ flexShrink: 0 }}
      aria-label={t('surveys.rating.label', { score: survey.score })}
      data-testid="ticket-survey-badge"
    >
      {t('surveys.rating.badge', { score: survey.score })}
    </Badge>
  );
  return survey.comment ? (
    <Tooltip label={survey.comment} multiline maw={280}>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}

/** The rating in a row of the service history: stars, then the customer's comment. */
export function SurveyRating({ survey, ticketId }: { survey: Survey; ticketId: number }) {
  const { t } = useTranslation();
  if (survey?.score == null) return null;
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" mt={4} data-testid={`survey-rating-${ticketId}`}>
      <Text
        size="sm"
        c={colorOf(survey.score)}
        style={{ flexShrink: 0, letterSpacing: 1 }}
        aria-label={t('surveys.rating.label', { score: survey.score })}
        title={t('surveys.rating.label', { score: survey.score })}
      >
        {'★'.repeat(survey.score)}
        <Text span c="dimmed" inherit>
          {'★'.repeat(5 - survey.score)}
        </Text>
      </Text>
      {survey.comment && (
        <Text size="xs" c="dimmed" fs="italic" lineClamp={3} style={{ wordBreak: 'break-word' }} title={t('surveys.rating.comment')}>
          “{survey.comment}”
        </Text>
      )}
    </Group>
  );
}
