import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Anchor,
  Code,
  CopyButton,
  Group,
  Paper,
  Select,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useConnections } from '../connections/index.js';
import { curlExample, javascriptExample } from './examples.js';

/**
 * "Primeiros passos": ready-to-run curl and JavaScript sending one message, with this server's
 * address, the chosen connection and, right after creating one, the new token filled in.
 */
export function GettingStarted({ token }: { token: string | null }) {
  const { t } = useTranslation();
  const connections = useConnections();
  const phoneConnections = (connections.data ?? []).filter((c) => c.type !== 'webchat');
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [to, setTo] = useState('+5511912345678');
  const [text, setText] = useState(() => t('apiTokens.start.textDefault'));
  const chosen = connectionId ?? (phoneConnections[0] ? String(phoneConnections[0].id) : null);
  const input = {
    baseUrl: window.location.origin,
    token: token ?? t('apiTokens.start.tokenPlaceholder'),
    connectionId: Number(chosen ?? 1),
    to,
    text,
  };
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} data-testid="api-getting-started">
      <Stack gap="sm">
        <Title order={4}>{t('apiTokens.start.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('apiTokens.start.intro')}
        </Text>
        {token && (
          <Text size="sm" c="brand" data-testid="api-getting-started-uses-token">
            {t('apiTokens.start.usingNewToken')}
          </Text>
        )}
        {connections.data && phoneConnections.length === 0 && (
          <Alert variant="light" icon={<IconInfoCircle size={18} />}>
            {t('apiTokens.start.noConnection')}
          </Alert>
        )}
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label={t('apiTokens.start.connection')}
            description={t('apiTokens.start.connectionHint')}
            data={phoneConnections.map((c) => ({ value: String(c.id), label: `${c.name} (#${c.id})` }))}
            value={chosen}
            onChange={setConnectionId}
            allowDeselect={false}
            miw={200}
            data-testid="api-getting-started-connection"
          />
          <TextInput
            label={t('apiTokens.start.phone')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            miw={200}
            data-testid="api-getting-started-phone"
          />
        </Group>
        <TextInput
          label={t('apiTokens.start.text')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          data-testid="api-getting-started-text"
        />
        <Tabs defaultValue="curl" keepMounted>
          <Tabs.List>
            <Tabs.Tab value="curl">{t('apiTokens.start.curl')}</Tabs.Tab>
            <Tabs.Tab value="js">{t('apiTokens.start.javascript')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="curl" pt="xs">
            <Snippet code={curlExample(input)} testId="api-example-curl" />
          </Tabs.Panel>
          <Tabs.Panel value="js" pt="xs">
            <Snippet code={javascriptExample(input)} testId="api-example-js" />
          </Tabs.Panel>
        </Tabs>
        <Text size="xs" c="dimmed">
          {t('apiTokens.start.windowNote')}
        </Text>
        <Text size="sm">
          <Anchor href="/api/docs" target="_blank" rel="noopener">
            {t('apiTokens.start.more')}
          </Anchor>
        </Text>
      </Stack>
    </Paper>
  );
}

function Snippet({ code, testId }: { code: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Code block style={{ flex: 1, overflowX: 'auto', whiteSpace: 'pre' }} data-testid={testId}>
        {code}
      </Code>
      <CopyButton value={code} timeout={1500}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('apiTokens.copied') : t('apiTokens.copy')} withArrow>
            <ActionIcon
              variant={copied ? 'filled' : 'light'}
              color={copied ? 'green' : 'gray'}
              size="lg"
              onClick={copy}
              aria-label={t('apiTokens.copy')}
            >
              {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
