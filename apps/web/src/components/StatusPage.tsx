import type { ReactNode } from 'react';
import { Button, Center, EmptyState } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Full-area message with a way back home: shared by the 404 and no-permission pages. */
export function StatusPage({ icon, title, text, testId }: { icon: ReactNode; title: string; text: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Center mih="60vh" data-testid={testId}>
      <EmptyState variant="light" size="lg" icon={icon} title={title} description={text} maw={460}>
        <EmptyState.Actions>
          <Button component={Link} to="/" data-testid={`${testId}-home`}>
            {t('common.goHome')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}
