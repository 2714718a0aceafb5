import { Alert, Badge, Box, Tooltip } from '@mantine/core';
import { IconWifiOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useRealtimeState } from './RealtimeContext.js';

/** Header indicator: always present so tests can read data-state; loud only when something is wrong. */
export function RealtimeStatus() {
  const { t } = useTranslation();
  const state = useRealtimeState();
  const shown = state === 'offline' ? 'connecting' : state;
  const color = shown === 'connected' ? 'brand' : shown === 'reconnecting' ? 'orange' : 'gray';
  const label = t(`realtime.${shown}`);
  return (
    <Tooltip label={shown === 'connected' ? t('realtime.connectedHint') : label}>
      <Badge
        variant="dot"
        color={color}
        size="lg"
        radius="xl"
        data-testid="realtime-status"
        data-state={shown}
        role="status"
        aria-label={label}
        aria-live="polite"
        styles={{ root: { textTransform: 'none', fontWeight: 500 } }}
      >
        {/* On a phone the coloured dot says enough; the banner below carries the bad news. */}
        <Box component="span" visibleFrom="sm">
          {label}
        </Box>
      </Badge>
    </Tooltip>
  );
}

/** Only after the socket had been connected: a first connect in progress is not news. */
export function ReconnectingBanner() {
  const { t } = useTranslation();
  const state = useRealtimeState();
  if (state !== 'reconnecting') return null;
  return (
    <Alert variant="light" color="orange" icon={<IconWifiOff size={18} />} mb="md" radius="md" data-testid="realtime-banner">
      {t('realtime.reconnectingBanner')}
    </Alert>
  );
}
