import { ActionIcon, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TimeRange } from '@jimmy/routing';
import type { FieldErrors } from './fieldErrors.js';

/** One day's time ranges; the gap between two ranges is the break. `path` is the ranges' error path (e.g. `hours.schedule.weekly.mon`). */
export function RangesInput({
  ranges,
  onChange,
  errors,
  path,
  testId,
}: {
  ranges: TimeRange[];
  onChange: (next: TimeRange[]) => void;
  errors: FieldErrors;
  path: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<TimeRange>) => onChange(ranges.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  if (ranges.length === 0) {
    return (
      <Text size="sm" c="dimmed" py={6}>
        {t('settings.schedule.closed')}
      </Text>
    );
  }
  return (
    <Stack gap={6}>
      {ranges.map((range, index) => {
        const at = `${path}.${index}`;
        const error = errors[at] ?? errors[`${at}.start`] ?? errors[`${at}.end`];
        return (
          <Stack key={index} gap={2}>
            <Group gap={6} wrap="nowrap">
              <TextInput
                type="time"
                aria-label={t('settings.schedule.from')}
                value={range.start}
                onChange={(e) => set(index, { start: e.currentTarget.value })}
                error={Boolean(errors[at] ?? errors[`${at}.start`])}
                w={132}
                size="sm"
                data-testid={`${testId}-${index}-start`}
              />
              <Text size="sm" c="dimmed">
                {t('settings.schedule.to')}
              </Text>
              <TextInput
                type="time"
                aria-label={t('settings.schedule.to')}
                value={range.end === '24:00' ? '00:00' : range.end}
                onChange={(e) => set(index, { end: e.currentTarget.value })}
                error={Boolean(errors[at] ?? errors[`${at}.end`])}
                w={132}
                size="sm"
                data-testid={`${testId}-${index}-end`}
              />
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('settings.schedule.removeRange')}
                onClick={() => onChange(ranges.filter((_, i) => i !== index))}
              >
                <IconX size={16} />
              </ActionIcon>
            </Group>
            {error && (
              <Text size="xs" c="red">
                {error}
              </Text>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}

/** A new range starts an hour after the last one ends, so adding a second range makes a sensible afternoon. */
export function nextRange(ranges: TimeRange[]): TimeRange {
  const last = ranges.at(-1);
  if (!last) return { start: '08:00', end: '18:00' };
  const [h = 0, m = 0] = last.end.split(':').map(Number);
  const start = Math.min(h + 1, 22);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { start: `${pad(start)}:${pad(m)}`, end: `${pad(Math.min(start + 4, 23))}:${pad(m)}` };
}
