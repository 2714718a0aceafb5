import { ActionIcon, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** A read-only value with a copy button, for things the admin pastes elsewhere (Meta console, a website, a terminal). */
export function CopyField({
  label,
  value,
  testId,
  multiline = false,
}: {
  label: string;
  value: string;
  testId: string;
  multiline?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Code
          block={multiline}
          data-testid={testId}
          style={{
            flex: 1,
            minWidth: 0,
            wordBreak: 'break-all',
            whiteSpace: multiline ? 'pre-wrap' : undefined,
            padding: multiline ? undefined : '6px 8px',
          }}
        >
          {value}
        </Code>
        <CopyButton value={value} timeout={1500}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
              <ActionIcon
                variant={copied ? 'filled' : 'light'}
                color={copied ? 'green' : 'gray'}
                size="lg"
                onClick={copy}
                aria-label={t('common.copy')}
                data-testid={`${testId}-copy`}
              >
                {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
