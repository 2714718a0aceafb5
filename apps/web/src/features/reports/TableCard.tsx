import type { ReactNode } from 'react';
import { Alert, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';

/** A report table's frame: title and exports, then skeleton, error with retry, the "what to do" empty text, or the rows. */
export function TableCard(props: {
  title: string;
  actions?: ReactNode;
  testId: string;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  empty: boolean;
  emptyText: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  let body: ReactNode;
  if (props.loading) {
    body = (
      <Stack gap="xs">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} h={28} />
        ))}
      </Stack>
    );
  } else if (props.error) {
    body = (
      <Alert color="red" icon={<IconAlertCircle size={16} />} title={t('reports.loadFailed')}>
        <Text size="sm">{errorMessage(props.error, t)}</Text>
        <Button size="xs" variant="light" color="red" mt="xs" onClick={props.onRetry}>
          {t('reports.retry')}
        </Button>
      </Alert>
    );
  } else if (props.empty) {
    body = (
      <Text c="dimmed" size="sm" py="md" ta="center">
        {props.emptyText}
      </Text>
    );
  } else {
    body = props.children;
  }
  return (
    <Paper withBorder radius="lg" p="md" mb="md" data-testid={props.testId}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={3} fz="md" fw={600}>
          {props.title}
        </Title>
        {props.actions}
      </Group>
      {body}
    </Paper>
  );
}
