import { useMemo } from 'react';
import { Button, Divider, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS, type Schedule, type Weekday } from '@jimmy/routing';
import { DatesEditor } from './DatesEditor.js';
import type { FieldErrors } from './fieldErrors.js';
import { HoursStatusLine } from './HoursStatusLine.js';
import { RangesInput, nextRange } from './RangesInput.js';

const WORKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** Mon–Fri 08:00–18:00 in São Paulo: where a company switching hours on usually starts. */
export function defaultSchedule(timeZone = 'America/Sao_Paulo'): Schedule {
  const day = () => [{ start: '08:00', end: '18:00' }];
  return {
    timeZone,
    weekly: { mon: day(), tue: day(), wed: day(), thu: day(), fri: day(), sat: [], sun: [] },
    holidays: [],
    exceptions: [],
  };
}

function timeZones(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(current) ? zones : [current, ...zones];
}

/**
 * A whole schedule: the week (several ranges a day), its time zone, holidays and special dates,
 * with the status it gives right now. `errors` are keyed by paths inside the schedule (`weekly.mon.0.end`).
 */
export function WeekScheduleEditor({
  value,
  onChange,
  errors,
  testId = 'schedule',
}: {
  value: Schedule;
  onChange: (next: Schedule) => void;
  errors: FieldErrors;
  testId?: string;
}) {
  const { t } = useTranslation();
  const zones = useMemo(() => timeZones(value.timeZone), [value.timeZone]);
  const setDay = (day: Weekday, ranges: Schedule['weekly'][Weekday]) => onChange({ ...value, weekly: { ...value.weekly, [day]: ranges } });
  const copyToWorkdays = (day: Weekday) => {
    const weekly = { ...value.weekly };
    for (const other of WORKDAYS) weekly[other] = value.weekly[day].map((r) => ({ ...r }));
    onChange({ ...value, weekly });
    notifications.show({ color: 'brand', message: t('settings.schedule.copied', { day: t(`settings.schedule.days.${day}`) }) });
  };

  return (
    <Stack gap="md">
      <HoursStatusLine schedule={value} />
      <div>
        <Text fw={600} size="sm">
          {t('settings.schedule.weekly')}
        </Text>
        <Text size="xs" c="dimmed" mb="xs">
          {t('settings.schedule.weeklyHint')}
        </Text>
        <Paper withBorder radius="md">
          {WEEKDAYS.map((day, index) => (
            <div key={day}>
              {index > 0 && <Divider />}
              <Group p="sm" gap="sm" align="flex-start" wrap="wrap" data-testid={`${testId}-day-${day}`}>
                <Text fw={500} size="sm" w={80} pt={6}>
                  {t(`settings.schedule.days.${day}`)}
                </Text>
                <div style={{ flex: '1 1 260px' }}>
                  <RangesInput
                    ranges={value.weekly[day]}
                    onChange={(ranges) => setDay(day, ranges)}
                    errors={errors}
                    path={`weekly.${day}`}
                    testId={`${testId}-${day}`}
                  />
                </div>
                <Group gap={4} wrap="wrap">
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    leftSection={<IconPlus size={14} />}
                    onClick={() => setDay(day, [...value.weekly[day], nextRange(value.weekly[day])])}
                    data-testid={`${testId}-${day}-add`}
                  >
                    {t('settings.schedule.addRange')}
                  </Button>
                  <Button
                    variant="subtle"
                    color="gray"
                    size="compact-sm"
                    leftSection={<IconCopy size={14} />}
                    onClick={() => copyToWorkdays(day)}
                  >
                    {t('settings.schedule.copyToWeekdays')}
                  </Button>
                </Group>
              </Group>
            </div>
          ))}
        </Paper>
      </div>
      <Select
        label={t('settings.schedule.timeZone')}
        description={t('settings.schedule.timeZoneHint')}
        data={zones}
        value={value.timeZone}
        onChange={(zone) => zone && onChange({ ...value, timeZone: zone })}
        searchable
        allowDeselect={false}
        error={errors.timeZone}
        maw={360}
        data-testid={`${testId}-timezone`}
      />
      <DatesEditor value={value} onChange={onChange} errors={errors} testId={testId} />
    </Stack>
  );
}
