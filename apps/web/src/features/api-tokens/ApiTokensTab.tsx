import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Center, Group, Loader, Modal, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconBook, IconKey, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '@jimmy/contracts';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useApiTokens, useRevokeApiToken } from './apiTokensApi.js';
import { CreateTokenModal, TokenCreatedModal } from './CreateTokenModal.js';
import { GettingStarted } from './GettingStarted.js';

/**
 * Integrações → API: the company's tokens (scopes, last use, expiry), creating one (shown once),
 * revoking, and a getting-started panel whose examples run as they are.
 */
export function ApiTokensTab() {
  const { t } = useTranslation();
  const tokens = useApiTokens();
  const [creating, setCreating] = useState(false);
  // The token just created: shown once, and used by the examples until the page is left.
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [shown, setShown] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  // When the page opened: expiry badges need not tick by the second.
  const [openedAt] = useState(() => Date.now());

  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed" maw={760}>
        {t('apiTokens.intro')}
      </Text>
      <Group gap="sm">
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="api-token-create">
          {t('apiTokens.create')}
        </Button>
        <Button component="a" href="/api/docs" target="_blank" rel="noopener" variant="light" leftSection={<IconBook size={16} />}>
          {t('apiTokens.docs')}
        </Button>
      </Group>
      {tokens.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
          {errorMessage(tokens.error, t)}
        </Alert>
      ) : !tokens.data ? (
        <Center mih={80}>
          <Loader size="sm" aria-label={t('apiTokens.loading')} />
        </Center>
      ) : tokens.data.length === 0 ? (
        <Paper withBorder radius="md" p="lg" data-testid="api-tokens-empty">
          <Group gap="sm" wrap="nowrap">
            <IconKey size={20} />
            <Text size="sm">{t('apiTokens.empty')}</Text>
          </Group>
        </Paper>
      ) : (
        <Stack gap="xs" data-testid="api-tokens-list">
          {tokens.data.map((token) => (
            <TokenRow key={token.id} token={token} now={openedAt} onRevoke={() => setRevoking(token)} />
          ))}
        </Stack>
      )}
      <GettingStarted token={created?.token ?? null} />
      <CreateTokenModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(token, name) => {
          setCreating(false);
          setCreated({ token, name });
          setShown(true);
        }}
      />
      <TokenCreatedModal token={shown ? (created?.token ?? null) : null} onClose={() => setShown(false)} />
      <RevokeModal token={revoking} onClose={() => setRevoking(null)} />
    </Stack>
  );
}

function TokenRow({ token, now, onRevoke }: { token: ApiToken; now: number; onRevoke: () => void }) {
  const { t, i18n } = useTranslation();
  const expired = token.expiresAt !== null && new Date(token.expiresAt).getTime() <= now;
  const dead = token.revokedAt !== null || expired;
  return (
    <Paper withBorder radius="md" p="md" data-testid={`api-token-${token.id}`} opacity={dead ? 0.6 : 1}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={6} style={{ flex: 1, minWidth: 220 }}>
          <Group gap="xs">
            <Text fw={600}>{token.name}</Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {token.prefix}…
            </Text>
            {token.revokedAt && <Badge color="red">{t('apiTokens.revoked')}</Badge>}
            {!token.revokedAt && expired && <Badge color="orange">{t('apiTokens.expired')}</Badge>}
          </Group>
          <Group gap={4}>
            {token.scopes.map((scope) => (
              <Badge key={scope} variant="light" size="sm" title={t(`apiTokens.scopes.${scope}`)}>
                {scope}
              </Badge>
            ))}
          </Group>
          <Text size="xs" c="dimmed" data-testid={`api-token-${token.id}-last-used`}>
            {t('apiTokens.columns.lastUsed')}:{' '}
            {token.lastUsedAt
              ? `${formatDateTime(token.lastUsedAt, i18n.language)}${token.lastUsedIp ? ` ${t('apiTokens.from', { ip: token.lastUsedIp })}` : ''}`
              : t('apiTokens.never')}
            {' · '}
            {t('apiTokens.columns.expires')}: {token.expiresAt ? formatDateTime(token.expiresAt, i18n.language) : t('apiTokens.noExpiry')}
          </Text>
        </Stack>
        {!token.revokedAt && (
          <Button variant="subtle" color="red" size="xs" onClick={onRevoke} data-testid={`api-token-${token.id}-revoke`}>
            {t('apiTokens.revoke')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

function RevokeModal({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeApiToken();
  const confirm = async () => {
    if (!token) return;
    try {
      await revoke.mutateAsync(token.id);
      notifications.show({ color: 'brand', message: t('apiTokens.revokedToast') });
      onClose();
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    }
  };
  return (
    <Modal opened={token !== null} onClose={onClose} title={token ? t('apiTokens.revokeTitle', { name: token.name }) : ''} centered>
      <Stack>
        <Text size="sm">{t('apiTokens.revokeBody')}</Text>
        <Group justify="flex-end">
          <Anchor component="button" type="button" size="sm" onClick={onClose}>
            {t('apiTokens.cancel')}
          </Anchor>
          <Button color="red" onClick={() => void confirm()} loading={revoke.isPending} data-testid="api-token-revoke-confirm">
            {t('apiTokens.revokeConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
