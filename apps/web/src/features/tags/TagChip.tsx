import { Badge, CloseButton, Group, type BadgeProps } from '@mantine/core';
import type { TicketTag } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';

/** Black or white, whichever reads better on the tag's colour (WCAG relative luminance). */
export function readableTextColor(hex: string): string {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) return '#000';
  const channel = (i: number) => {
    const c = parseInt(match[1]!.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  return luminance > 0.179 ? '#000' : '#fff';
}

export function TagChip({ tag, onRemove, size = 'sm' }: { tag: TicketTag; onRemove?: () => void; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  const color = readableTextColor(tag.color);
  return (
    <Badge
      size={size}
      radius="sm"
      style={{ background: tag.color, color, textTransform: 'none', maxWidth: 160 }}
      data-testid={`tag-chip-${tag.id}`}
      rightSection={
        onRemove && (
          <CloseButton
            size="xs"
            variant="transparent"
            style={{ color }}
            aria-label={t('tags.tickets.removeTag', { name: tag.name })}
            onClick={onRemove}
          />
        )
      }
    >
      {tag.name}
    </Badge>
  );
}

/** A few chips and "+N" for the rest, for rows and cards where room is short. */
export function TagChips({ tags, max = 3 }: { tags: readonly TicketTag[]; max?: number }) {
  if (tags.length === 0) return null;
  const shown = tags.slice(0, max);
  return (
    <Group gap={4} wrap="nowrap" style={{ minWidth: 0, overflow: 'hidden' }}>
      {shown.map((tag) => (
        <TagChip key={tag.id} tag={tag} size="xs" />
      ))}
      {tags.length > max && (
        <Badge
          size="xs"
          variant="default"
          title={tags
            .slice(max)
            .map((tag) => tag.name)
            .join(', ')}
        >
          +{tags.length - max}
        </Badge>
      )}
    </Group>
  );
}
