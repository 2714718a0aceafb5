import { ActionIcon, Button, Checkbox, Group, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Holiday, Schedule, ScheduleException } from '@jimmy/routing';
import type { FieldErrors } from './fieldErrors.js';
import { RangesInput, nextRange } from './RangesInput.js';

const isYearly = (date: string) => date.length === 5;
const today = () => new Date().toISOString().slice(0, 10);
/** A yearly holiday (MM-DD) shown in a date input needs a year; this year's is the natural one. */
const asInputDate = (date: string) => (isYearly(date) ? `${new Date().getFullYear()}-${date}` : date);

function Section({ title, hint, children }: { title: string; hint: string; children: React.ReactNode }) {
  return (
    <div>
      <Text fw={600} size="sm">
        {title}
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        {hint}
      </Text>
      {children}
    </div>
  );
}

/** Holidays (a date, or every year's MM-DD) and special dates (closed, or other ranges) of a schedule. */
export function DatesEditor({
  value,
  onChange,
  errors,
  testId,
}: {
  value: Schedule;
  onChange: (next: Schedule) => void;
  errors: FieldErrors;
  testId: string;
}) {
  const { t } = useTranslation();
  const setHoliday = (index: number, patch: Partial<Holiday>) =>
    onChange({ ...value, holidays: value.holidays.map((h, i) => (i === index ? { ...h, ...patch } : h)) });
  const setException = (index: number, next: ScheduleException) =>
    onChange({ ...value, exceptions: value.exceptions.map((e, i) => (i === index ? next : e)) });
  const errorOf = (path: string) => errors[path];

  return (
    <Stack gap="md">
      <Section title={t('settings.schedule.holidays')} hint={t('settings.schedule.holidaysHint')}>
        <Stack gap="xs">
          {value.holidays.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('settings.schedule.noHolidays')}
            </Text>
          )}
          {value.holidays.map((holiday, index) => (
            <Group key={index} gap="xs" align="flex-start" wrap="wrap" data-testid={`${testId}-holiday-${index}`}>
              <TextInput
                type="date"
                aria-label={t('settings.schedule.date')}
                value={asInputDate(holiday.date)}
                onChange={(e) => {
                  const date = e.currentTarget.value;
                  if (date) setHoliday(index, { date: isYearly(holiday.date) ? date.slice(5) : date });
                }}
                error={errorOf(`holidays.${index}.date`)}
                w={160}
              />
              <Checkbox
                mt={8}
                label={t('settings.schedule.everyYear')}
                checked={isYearly(holiday.date)}
                onChange={(e) => {
                  const full = asInputDate(holiday.date);
                  setHoliday(index, { date: e.currentTarget.checked ? full.slice(5) : full });
                }}
              />
              <TextInput
                aria-label={t('settings.schedule.holidayName')}
                placeholder={t('settings.schedule.holidayNamePlaceholder')}
                value={holiday.name ?? ''}
                onChange={(e) => setHoliday(index, { name: e.currentTarget.value })}
                style={{ flex: '1 1 160px' }}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={4}
                aria-label={t('settings.schedule.remove')}
                onClick={() => onChange({ ...value, holidays: value.holidays.filter((_, i) => i !== index) })}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="light"
            size="compact-sm"
            w="fit-content"
            leftSection={<IconPlus size={14} />}
            onClick={() => onChange({ ...value, holidays: [...value.holidays, { date: today(), name: '' }] })}
            data-testid={`${testId}-add-holiday`}
          >
            {t('settings.schedule.addHoliday')}
          </Button>
        </Stack>
      </Section>

      <Section title={t('settings.schedule.exceptions')} hint={t('settings.schedule.exceptionsHint')}>
        <Stack gap="xs">
          {value.exceptions.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('settings.schedule.noExceptions')}
            </Text>
          )}
          {value.exceptions.map((exception, index) => {
            const note = exception.note === undefined ? {} : { note: exception.note };
            return (
              <Paper key={index} withBorder radius="md" p="sm" data-testid={`${testId}-exception-${index}`}>
                <Stack gap="xs">
                  <Group gap="xs" align="flex-start" wrap="wrap">
                    <TextInput
                      type="date"
                      aria-label={t('settings.schedule.date')}
                      value={exception.date}
                      onChange={(e) => e.currentTarget.value && setException(index, { ...exception, date: e.currentTarget.value })}
                      error={errorOf(`exceptions.${index}.date`)}
                      w={160}
                    />
                    <SegmentedControl
                      size="xs"
                      mt={4}
                      value={'closed' in exception ? 'closed' : 'special'}
                      data={[
                        { value: 'closed', label: t('settings.schedule.exceptionClosed') },
                        { value: 'special', label: t('settings.schedule.exceptionSpecial') },
                      ]}
                      onChange={(mode) =>
                        setException(
                          index,
                          mode === 'closed'
                            ? { date: exception.date, closed: true, ...note }
                            : { date: exception.date, ranges: [nextRange([])], ...note },
                        )
                      }
                    />
                    <TextInput
                      aria-label={t('settings.schedule.exceptionNote')}
                      placeholder={t('settings.schedule.exceptionNote')}
                      value={exception.note ?? ''}
                      onChange={(e) => setException(index, { ...exception, note: e.currentTarget.value })}
                      style={{ flex: '1 1 160px' }}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      mt={4}
                      aria-label={t('settings.schedule.remove')}
                      onClick={() => onChange({ ...value, exceptions: value.exceptions.filter((_, i) => i !== index) })}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                  {'ranges' in exception && (
                    <Group gap="xs" align="flex-start">
                      <RangesInput
                        ranges={exception.ranges}
                        onChange={(ranges) => setException(index, { date: exception.date, ranges, ...note })}
                        errors={errors}
                        path={`exceptions.${index}.ranges`}
                        testId={`${testId}-exception-${index}`}
                      />
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        mt={4}
                        leftSection={<IconPlus size={14} />}
                        onClick={() =>
                          setException(index, { date: exception.date, ranges: [...exception.ranges, nextRange(exception.ranges)], ...note })
                        }
                      >
                        {t('settings.schedule.addRange')}
                      </Button>
                    </Group>
                  )}
                </Stack>
              </Paper>
            );
          })}
          <Button
            variant="light"
            size="compact-sm"
            w="fit-content"
            leftSection={<IconPlus size={14} />}
            onClick={() => onChange({ ...value, exceptions: [...value.exceptions, { date: today(), closed: true }] })}
            data-testid={`${testId}-add-exception`}
          >
            {t('settings.schedule.addException')}
          </Button>
        </Stack>
      </Section>
    </Stack>
  );
}
