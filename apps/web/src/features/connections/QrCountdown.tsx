import { useEffect, useState } from 'react';
import { Group, Loader, RingProgress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * Time left until WhatsApp rotates the code. The full circle is the time from when this code
 * reached the screen, so a code that arrived late still starts full and drains to zero.
 */
export function QrCountdown({ qr, expiresAt }: { qr: string; expiresAt: string }) {
  const { t } = useTranslation();
  const now = useNow(250);
  const [shown, setShown] = useState(() => ({ qr, at: Date.now() }));
  // A new code restarts the ring (derived from the props, during render: no effect, no flicker).
  if (shown.qr !== qr) setShown({ qr, at: now });

  const end = Date.parse(expiresAt);
  if (Number.isNaN(end)) return null;
  const remaining = Math.max(0, end - now);
  const total = Math.max(1000, end - shown.at);
  const seconds = Math.ceil(remaining / 1000);
  const percent = Math.min(100, (remaining / total) * 100);

  return (
    <Group gap="xs" wrap="nowrap" data-testid="wa-qr-countdown" data-seconds={seconds}>
      {remaining > 0 ? (
        <RingProgress
          size={44}
          thickness={4}
          roundCaps
          sections={[{ value: percent, color: percent > 25 ? 'teal' : 'orange' }]}
          label={
            <Text size="xs" ta="center" fw={700}>
              {seconds}
            </Text>
          }
        />
      ) : (
        <Loader size={20} m={12} />
      )}
      <Text size="sm" c="dimmed">
        {remaining > 0 ? t('connections.web.expiresIn', { seconds }) : t('connections.web.refreshing')}
      </Text>
    </Group>
  );
}
