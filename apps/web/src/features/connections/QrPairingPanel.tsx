import { Group, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { IconDeviceMobile, IconQrcode } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '@jimmy/contracts';
import { NumberedSteps } from './parts.js';
import { PhonePairing } from './PhonePairing.js';
import { QrCodeImage } from './QrCodeImage.js';
import { QrCountdown } from './QrCountdown.js';

const QR_SIZE = 264;

/** While the session starts (and between a reconnect and its first code) there is nothing to scan yet. */
export function GeneratingQr() {
  const { t } = useTranslation();
  return (
    <Group align="center" gap="lg" wrap="nowrap" data-testid="wa-qr-generating">
      <Skeleton width={160} height={160} radius="md" />
      <Stack gap={4}>
        <Text fw={600}>{t('connections.web.generating')}</Text>
        <Text size="sm" c="dimmed">
          {t('connections.web.generatingHint')}
        </Text>
      </Stack>
    </Group>
  );
}

function ScanQr({ connection }: { connection: Connection }) {
  const { t } = useTranslation();
  if (!connection.qr) return <GeneratingQr />;
  return (
    <Stack gap="md">
      <Text fw={600}>{t('connections.web.scanTitle')}</Text>
      <Group align="flex-start" gap="lg">
        <Stack gap="xs" align="center">
          <QrCodeImage qr={connection.qr} size={QR_SIZE} />
          {connection.qrExpiresAt && <QrCountdown qr={connection.qr} expiresAt={connection.qrExpiresAt} />}
        </Stack>
        <Stack gap="sm" style={{ flex: 1, minWidth: 220 }}>
          <NumberedSteps
            steps={[t('connections.web.step1'), t('connections.web.step2'), t('connections.web.step3'), t('connections.web.step4')]}
            testId="wa-qr-steps"
          />
          <Text size="xs" c="dimmed">
            {t('connections.web.rotates')}
          </Text>
        </Stack>
      </Group>
    </Stack>
  );
}

/** Admins pair the phone here: scan the QR, or type a code on the phone instead. */
export function QrPairingPanel({ connection }: { connection: Connection }) {
  const { t } = useTranslation();
  return (
    <Tabs defaultValue="qr">
      <Tabs.List>
        <Tabs.Tab value="qr" leftSection={<IconQrcode size={16} />} data-testid="wa-tab-qr">
          {t('connections.web.tabQr')}
        </Tabs.Tab>
        <Tabs.Tab value="phone" leftSection={<IconDeviceMobile size={16} />} data-testid="wa-tab-phone">
          {t('connections.web.tabPhone')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="qr" pt="md">
        <ScanQr connection={connection} />
      </Tabs.Panel>
      <Tabs.Panel value="phone" pt="md">
        <PhonePairing connection={connection} />
      </Tabs.Panel>
    </Tabs>
  );
}
