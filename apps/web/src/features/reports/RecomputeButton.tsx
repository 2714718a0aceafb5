import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useRecompute } from './reportsApi.js';

function yesterday(): string {
  const d = new Date(Date.now() - 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Admins only: rebuild one day's aggregates from the raw rows and show what had drifted. */
export function RecomputeButton() {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState<string | null>(yesterday());
  const recompute = useRecompute();
  const result = recompute.data;
  const close = () => {
    setOpen(false);
    recompute.reset();
  };
  return (
    <>
      <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => setOpen(true)} data-testid="reports-recompute">
        {t('reports.recompute.button')}
      </Button>
      <Modal opened={open} onClose={close} title={t('reports.recompute.title')} size="lg">
        <Stack>
          <Text size="sm" c="dimmed">
            {t('reports.recompute.text')}
          </Text>
          <Group align="flex-end">
            <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'pt-br' }}>
              <DatePickerInput
                label={t('reports.recompute.date')}
                value={date}
                onChange={(value) => setDate(value ? String(value) : null)}
                valueFormat="DD/MM/YYYY"
                maxDate={new Date()}
                style={{ flex: 1 }}
                data-testid="reports-recompute-date"
              />
            </DatesProvider>
            <Button
              onClick={() => date && recompute.mutate(date)}
              loading={recompute.isPending}
              disabled={!date}
              data-testid="reports-recompute-submit"
            >
              {recompute.isPending ? t('reports.recompute.running') : t('reports.recompute.submit')}
            </Button>
          </Group>
          {recompute.error && <Alert color="red">{errorMessage(recompute.error, t)}</Alert>}
          {result && result.drift.length === 0 && (
            <Alert color="teal" data-testid="reports-recompute-result">
              {t('reports.recompute.noDrift', { date: result.date, rows: result.rowsRewritten })}
            </Alert>
          )}
          {result && result.drift.length > 0 && (
            <Stack gap="xs" data-testid="reports-recompute-result">
              <Alert color="yellow">
                {t('reports.recompute.drift', { count: result.drift.length, date: result.date, rows: result.rowsRewritten })}
              </Alert>
              <Table.ScrollContainer minWidth={420} mah={300}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('reports.recompute.key')}</Table.Th>
                      <Table.Th>{t('reports.recompute.field')}</Table.Th>
                      <Table.Th ta="right">{t('reports.recompute.stored')}</Table.Th>
                      <Table.Th ta="right">{t('reports.recompute.recomputed')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.drift.map((row, i) => (
                      <Table.Tr key={`${row.key}-${row.field}-${i}`}>
                        <Table.Td>{row.key}</Table.Td>
                        <Table.Td>{row.field}</Table.Td>
                        <Table.Td ta="right">{row.stored}</Table.Td>
                        <Table.Td ta="right">{row.recomputed}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          )}
        </Stack>
      </Modal>
    </>
  );
}
