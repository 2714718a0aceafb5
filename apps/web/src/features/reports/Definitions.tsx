import { Accordion, List, Paper } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const keys = [
  'firstResponse',
  'queueWait',
  'handling',
  'resolution',
  'botContained',
  'callbackDelay',
  'csat',
  'attribution',
  'live',
] as const;

/** The metric definitions of the reports contract, in the reader's language, folded by default. */
export function Definitions() {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="lg" mb="md" data-testid="reports-definitions">
      <Accordion variant="default" chevronPosition="right">
        <Accordion.Item value="definitions" style={{ borderBottom: 0 }}>
          <Accordion.Control icon={<IconInfoCircle size={18} />}>
            {t('reports.definitions.title')} — {t('reports.definitions.show')}
          </Accordion.Control>
          <Accordion.Panel>
            <List spacing="xs" size="sm">
              {keys.map((key) => (
                <List.Item key={key}>{t(`reports.definitions.${key}`)}</List.Item>
              ))}
            </List>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Paper>
  );
}
