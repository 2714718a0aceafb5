import { ActionIcon, Badge, Code, CopyButton, Group, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconBrandWhatsapp, IconCheck, IconCopy, IconMessageChatbot, IconQrcode } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Connection, ConnectionType } from '@jimmy/contracts';
import { isApiError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { connectionsPtBR } from './i18n.js';

type Status = Connection['status'];
type FeatureCode = keyof typeof connectionsPtBR.errors;

const statusColor: Record<Status, string> = {
  open: 'green',
  closed: 'red',
  connecting: 'yellow',
  qr: 'blue',
  logged_out: 'orange',
};

export function ConnectionStatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColor[status]} radius="sm" data-testid="connection-status" data-status={status}>
      {t(`connections.status.${status}`)}
    </Badge>
  );
}

const typeIcon: Record<ConnectionType, { icon: typeof IconBrandWhatsapp; color: string }> = {
  whatsapp_cloud: { icon: IconBrandWhatsapp, color: 'green' },
  whatsapp_web: { icon: IconQrcode, color: 'teal' },
  webchat: { icon: IconMessageChatbot, color: 'indigo' },
};

export function ConnectionTypeIcon({ type, size = 40 }: { type: ConnectionType; size?: number }) {
  const { t } = useTranslation();
  const { icon: Icon, color } = typeIcon[type];
  return (
    <Tooltip label={t(`connections.types.${type}`)}>
      <ThemeIcon variant="light" color={color} size={size} radius="md" aria-label={t(`connections.types.${type}`)}>
        <Icon size={size * 0.6} />
      </ThemeIcon>
    </Tooltip>
  );
}

function isFeatureCode(code: string): code is FeatureCode {
  return code in connectionsPtBR.errors;
}

/** Codes only this feature meets get its own wording; everything else falls back to the app-wide table. */
export function connectionErrorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error) && isFeatureCode(error.code)) return t(`connections.errors.${error.code}`);
  return errorMessage(error, t);
}

/** A read-only value with a copy button, for things the admin pastes elsewhere (Meta console, website). */
export function CopyField({ label, value, testId, multiline = false }: { label: string; value: string; testId: string; multiline?: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Code block={multiline} data-testid={testId} style={{ flex: 1, wordBreak: 'break-all', whiteSpace: multiline ? 'pre-wrap' : undefined, padding: multiline ? undefined : '6px 8px' }}>
          {value}
        </Code>
        <CopyButton value={value} timeout={1500}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('connections.setup.copied') : t('connections.setup.copy')} withArrow>
              <ActionIcon variant={copied ? 'filled' : 'light'} color={copied ? 'green' : 'gray'} size="lg" onClick={copy} aria-label={t('connections.setup.copy')} data-testid={`${testId}-copy`}>
                {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
