import { Badge, Center, EmptyState, Paper } from '@mantine/core';
import { IconRocket } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import type { ptBR } from '../../lib/i18n/pt-BR.js';

export type ComingSoonKey = Exclude<keyof typeof ptBR.comingSoon, 'badge' | 'title'>;

/** Stand-in for a section that is on the roadmap, saying in one sentence what it will hold. */
export function ComingSoonPage({ section }: { section: ComingSoonKey }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        title={t(`nav.${section}`)}
        actions={
          <Badge variant="light" size="lg">
            {t('comingSoon.badge')}
          </Badge>
        }
      />
      <Paper withBorder radius="lg" p="xl" data-testid="coming-soon">
        <Center mih={320}>
          <EmptyState
            variant="light"
            size="lg"
            icon={<IconRocket size={32} />}
            title={t('comingSoon.title')}
            description={t(`comingSoon.${section}`)}
            maw={480}
          />
        </Center>
      </Paper>
    </>
  );
}
