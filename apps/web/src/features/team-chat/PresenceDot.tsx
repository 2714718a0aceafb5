import { Box, Tooltip } from '@mantine/core';
import type { PresenceStatus } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';

const colors: Record<PresenceStatus, string> = {
  online: 'var(--mantine-color-green-6)',
  away: 'var(--mantine-color-yellow-5)',
  offline: 'var(--mantine-color-gray-5)',
};

/** A small dot: green online, yellow away, grey offline; the label is there for screen readers too. */
export function PresenceDot({ status, userId }: { status: PresenceStatus; userId: number }) {
  const { t } = useTranslation();
  const label = t(`teamChat.presence.${status}`);
  return (
    <Tooltip label={label} withinPortal>
      <Box
        component="span"
        role="img"
        aria-label={label}
        data-testid={`presence-${userId}`}
        data-status={status}
        style={{
          display: 'inline-block',
          flex: 'none',
          width: 10,
          height: 10,
          borderRadius: '50%',
          background: colors[status],
          border: '2px solid var(--mantine-color-body)',
        }}
      />
    </Tooltip>
  );
}
