import { Alert, Badge, Button, Center, Group, Loader, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconRocket, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UsageItem } from '@jimmy/contracts';
import { PageHeader } from '../../components/PageHeader.js';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useUsage } from './usageApi.js';

/** From this share of a limit on, the bar turns red: the next few creations will be refused. */
const NEAR = 0.8;

function UsageRow({ item }: { item: UsageItem }) {
  const { t } = useTranslation();
  const share = item.limit === null ? 0 : item.limit === 0 ? 1 : item.used / item.limit;
  const color = share >= NEAR ? 'red' : share >= 0.6 ? 'yellow' : 'teal';
  return (
    <Paper withBorder radius="md" p="md" data-testid={`usage-${item.resource}`}>
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Text fw={600} size="sm">
          {t(`usage.resources.${item.resource}`)}
        </Text>
        <Text size="sm" c={share >= NEAR ? 'red' : 'dimmed'}>
          {item.limit === null ? t('usage.unlimited', { used: item.used }) : t('usage.ofLimit', { used: item.used, limit: item.limit })}
        </Text>
      </Group>
      {item.limit !== null && (
        <Progress
          value={Math.min(100, share * 100)}
          color={color}
          size="lg"
          radius="xl"
          aria-label={t(`usage.resources.${item.resource}`)}
        />
      )}
      {item.limit !== null && share >= NEAR && (
        <Text size="xs" c="red" mt={6}>
          {share >= 1 ? t('usage.atLimit') : t('usage.nearLimit')}
        </Text>
      )}
    </Paper>
  );
}

/** Plano e uso (admins, SAAS=on): each limit as used / included, and the plan's features. */
export function UsagePage() {
  const { t, i18n } = useTranslation();
  const usage = useUsage();
  const upgrade = (
    <Button component={Link} to="/billing" leftSection={<IconRocket size={16} />} data-testid="usage-upgrade">
      {t('usage.upgrade')}
    </Button>
  );
  return (
    <Stack gap="lg" maw={900}>
      <PageHeader title={t('usage.title')} description={t('usage.subtitle')} actions={upgrade} />
      {usage.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
          {errorMessage(usage.error, t)}
        </Alert>
      ) : !usage.data ? (
        <Center mih={120}>
          <Loader size="sm" aria-label={t('usage.loading')} />
        </Center>
      ) : (
        <>
          <Group gap="sm">
            <Text fw={600}>{t('usage.plan')}:</Text>
            {usage.data.plan ? (
              <Badge size="lg" variant="light" data-testid="usage-plan">
                {usage.data.plan.name}
              </Badge>
            ) : (
              <Text c="dimmed">{t('usage.noPlan')}</Text>
            )}
            <Badge
              size="lg"
              variant="outline"
              color={usage.data.status === 'active' ? 'teal' : usage.data.status === 'trial' ? 'blue' : 'red'}
            >
              {t(`usage.status.${usage.data.status}`)}
            </Badge>
            {usage.data.status === 'trial' && usage.data.trialEndsAt && (
              <Text size="sm" c="dimmed">
                {t('usage.trialEnds', { date: formatDateTime(usage.data.trialEndsAt, i18n.language) })}
              </Text>
            )}
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {usage.data.items.map((item) => (
              <UsageRow key={item.resource} item={item} />
            ))}
          </SimpleGrid>
          <Paper withBorder radius="md" p="md">
            <Text fw={600} mb="xs">
              {t('usage.features')}
            </Text>
            <Stack gap={6}>
              {(['apiAccess', 'internalChat'] as const).map((feature) => {
                const on = usage.data.features[feature];
                return (
                  <Group key={feature} gap="xs" data-testid={`usage-feature-${feature}`}>
                    {on ? (
                      <IconCheck size={16} color="var(--mantine-color-teal-6)" />
                    ) : (
                      <IconX size={16} color="var(--mantine-color-red-6)" />
                    )}
                    <Text size="sm">{t(`usage.featureNames.${feature}`)}</Text>
                    <Text size="sm" c="dimmed">
                      · {on ? t('usage.included') : t('usage.notIncluded')}
                    </Text>
                  </Group>
                );
              })}
            </Stack>
          </Paper>
        </>
      )}
    </Stack>
  );
}
