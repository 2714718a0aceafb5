import { useEffect, useMemo, useState } from 'react';
import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hoursStatus, nextOpening, parseSchedule, type HoursState, type Schedule } from '@jimmy/routing';
import { currentLanguage } from '../../lib/i18n/index.js';

const COLORS: Record<HoursState, string> = { open: 'green', break: 'yellow', closed: 'gray' };

/** "weekday, HH:mm" in the schedule's zone: a date a week away is not worth spelling out. */
function formatWhen(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(currentLanguage(), { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(at);
}

/** "Now: open — closes …" for the schedule being edited, so the admin sees what their grid means. */
export function HoursStatusLine({ schedule }: { schedule: Schedule }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const parsed = useMemo(() => parseSchedule(schedule), [schedule]);
  if (parsed.kind === 'invalid') {
    return (
      <Text size="sm" c="dimmed" data-testid="hours-status">
        {t('settings.schedule.now.invalid')}
      </Text>
    );
  }
  const status = hoursStatus(parsed.schedule, now);
  const opening = status.state === 'open' ? null : nextOpening(parsed.schedule, now);
  const zone = parsed.schedule.timeZone;
  const detail =
    status.state === 'open'
      ? status.closesAt && t('settings.schedule.now.closesAt', { when: formatWhen(status.closesAt, zone) })
      : opening
        ? t('settings.schedule.now.opensAt', { when: formatWhen(opening, zone) })
        : t('settings.schedule.now.noOpening');
  return (
    <Group gap="xs" data-testid="hours-status">
      <Badge color={COLORS[status.state]} variant="light" size="lg">
        {t(`settings.schedule.now.${status.state}`)}
      </Badge>
      {detail && (
        <Text size="sm" c="dimmed">
          — {detail}
        </Text>
      )}
    </Group>
  );
}
