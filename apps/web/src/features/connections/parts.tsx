import { Badge, Group, List, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconBrandWhatsapp, IconMessageChatbot, IconQrcode } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Connection, ConnectionType } from '@jimmy/contracts';
import { isApiError } from '../../lib/api.js';
import { useCurrentUser } from '../auth/index.js';
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
    <Badge
      variant="light"
      color={statusColor[status]}
      radius="sm"
      style={{ flexShrink: 0 }}
      data-testid="connection-status"
      data-status={status}
    >
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

/** Setup instructions as a numbered checklist (Meta webhook steps, linking a phone). */
export function NumberedSteps({ steps, testId }: { steps: string[]; testId: string }) {
  return (
    <List spacing="sm" size="sm" data-testid={testId} icon={null}>
      {steps.map((step, i) => (
        <List.Item
          key={i}
          icon={
            <ThemeIcon size={24} radius="xl" variant="light">
              <Text size="xs" fw={700}>
                {i + 1}
              </Text>
            </ThemeIcon>
          }
        >
          {step}
        </List.Item>
      ))}
    </List>
  );
}

/**
 * Whoever sees a pairing QR can link their own phone to the company's number, so the server sends it
 * to the company's admins only (not even a platform super-admin); this only spares others an empty
 * frame. Managing the session (reconnect, log out, delete) is for admins and super-admins.
 */
export function useQrPermissions(): { canSeeQr: boolean; canManage: boolean } {
  const { role } = useCurrentUser();
  return { canSeeQr: role === 'admin', canManage: role === 'admin' || role === 'super_admin' };
}

/** Type and live status, at the top of every connection's details. */
export function ConnectionHeader({ connection }: { connection: Connection }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm">
      <ConnectionTypeIcon type={connection.type} size={32} />
      <Text fw={600}>{t(`connections.types.${connection.type}`)}</Text>
      <ConnectionStatusBadge status={connection.status} />
    </Group>
  );
}

const SESSION_ERROR_CODES = ['QR_NOT_SCANNED', 'LOGGED_OUT', 'FORBIDDEN', 'REPLACED', 'REFUSED', 'RECONNECTING'] as const;

/** QR-session errors arrive as "CODE: English words"; known codes are shown in the user's language. */
export function describeLastError(
  t: (key: `connections.sessionErrors.${(typeof SESSION_ERROR_CODES)[number]}`) => string,
  lastError: string,
): string {
  const code = /^([A-Z_]+):/.exec(lastError)?.[1];
  const known = SESSION_ERROR_CODES.find((c) => c === code);
  return known ? t(`connections.sessionErrors.${known}`) : lastError;
}
