import { useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  Modal,
  Paper,
  Progress,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
} from '@mantine/core';
import { IconAlertCircle, IconCheck, IconDownload, IconFileTypeCsv } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ContactImport, ImportMapping, ImportPreview } from '@jimmy/contracts';
import { errorMessage } from '../../../lib/errors.js';
import { previewImport, reportUrl, startImport, useImportStatus } from './importApi.js';

interface Props {
  opened: boolean;
  onClose: () => void;
}

/** Choose a file → check the preview and map its columns → watch the import run → read the result. */
export function ImportContactsModal({ opened, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [importId, setImportId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const status = useImportStatus(importId);
  const finished = status.data !== undefined && status.data.status !== 'running';
  const step = importId !== null ? (finished ? 3 : 2) : preview ? 1 : 0;

  const reset = () => {
    setFile(null);
    setPreview(null);
    setMapping({});
    setImportId(null);
    setError(null);
  };
  const close = () => {
    if (status.data?.status !== 'running') reset();
    void qc.invalidateQueries({ queryKey: ['contacts'] });
    onClose();
  };

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setError(null);
    if (!chosen) return;
    setBusy(true);
    try {
      const read = await previewImport(chosen);
      setPreview(read);
      setMapping(read.suggestedMapping);
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const targets = Object.values(mapping).filter((v) => v !== 'ignore');
  const mappingProblem = !targets.includes('phone')
    ? t('contactImport.phoneRequired')
    : new Set(targets).size !== targets.length
      ? t('contactImport.repeatedTarget')
      : null;

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const started = await startImport(file, mapping, i18n.language === 'en' ? 'en' : 'pt-BR');
      setImportId(started.id);
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const options = [
    {
      group: '',
      items: (['ignore', 'name', 'phone', 'email', 'tags'] as const).map((v) => ({ value: v, label: t(`contactImport.target.${v}`) })),
    },
    ...(preview?.customFields.length
      ? [
          {
            group: t('contactImport.target.customFields'),
            items: preview.customFields.map((f) => ({ value: `customField:${f.key}`, label: f.label })),
          },
        ]
      : []),
  ];

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('contactImport.title')}
      size="xl"
      fullScreen={typeof window !== 'undefined' && window.innerWidth < 600}
    >
      <Stepper active={step} size="sm" mb="md" allowNextStepsSelect={false}>
        <Stepper.Step label={t('contactImport.stepFile')} />
        <Stepper.Step label={t('contactImport.stepMapping')} />
        <Stepper.Step label={t('contactImport.stepResult')} />
      </Stepper>
      {error && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} mb="md" data-testid="import-error">
          {error}
        </Alert>
      )}
      {step === 0 && (
        <Stack>
          <FileInput
            label={t('contactImport.fileLabel')}
            placeholder={t('contactImport.filePlaceholder')}
            description={t('contactImport.fileHint')}
            accept=".csv,text/csv"
            leftSection={<IconFileTypeCsv size={18} />}
            value={file}
            onChange={(chosen) => void choose(chosen)}
            disabled={busy}
            data-testid="import-file"
          />
          {busy && <Progress value={100} animated aria-label={t('contactImport.reading')} />}
        </Stack>
      )}
      {step === 1 && preview && (
        <Stack>
          <Text size="sm">{t('contactImport.mappingHint')}</Text>
          <Text size="xs" c="dimmed">
            {t('contactImport.delimiter', { delimiter: preview.delimiter === ';' ? ';' : ',' })}
          </Text>
          <ScrollArea type="auto" offsetScrollbars>
            <Table withTableBorder withColumnBorders fz="xs" data-testid="import-preview">
              <Table.Thead>
                <Table.Tr>
                  {preview.headers.map((header) => (
                    <Table.Th key={header} miw={150}>
                      <Stack gap={4}>
                        <Text fw={600} size="xs">
                          {header}
                        </Text>
                        <Select
                          size="xs"
                          aria-label={header}
                          data={options}
                          value={mapping[header] ?? 'ignore'}
                          onChange={(value) => setMapping((m) => ({ ...m, [header]: value ?? 'ignore' }))}
                          allowDeselect={false}
                          data-testid={`import-map-${header}`}
                        />
                      </Stack>
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.rows.map((row, r) => (
                  <Table.Tr key={r}>
                    {preview.headers.map((_, c) => (
                      <Table.Td key={c} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                        {row[c] ?? ''}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          {preview.rows.length === 0 && <Text c="dimmed">{t('contactImport.noRows')}</Text>}
          <Text size="xs" c="dimmed">
            {t('contactImport.duplicatesNote')}
          </Text>
          {mappingProblem && (
            <Text size="sm" c="red" data-testid="import-mapping-problem">
              {mappingProblem}
            </Text>
          )}
          <Group justify="space-between">
            <Button variant="default" onClick={reset}>
              {t('contactImport.back')}
            </Button>
            <Button onClick={() => void submit()} loading={busy} disabled={mappingProblem !== null} data-testid="import-start">
              {t('contactImport.start')}
            </Button>
          </Group>
        </Stack>
      )}
      {importId !== null && <ImportProgress state={status.data} onAnother={reset} onClose={close} />}
    </Modal>
  );
}

function ImportProgress({ state, onAnother, onClose }: { state: ContactImport | undefined; onAnother: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  if (!state || state.status === 'running') {
    return (
      <Stack data-testid="import-running">
        <Text size="sm">
          {state && state.total > 0
            ? t('contactImport.running', { processed: state.processed, total: state.total })
            : t('contactImport.counting')}
        </Text>
        <Progress value={(state?.progress ?? 0) * 100} size="lg" animated striped aria-label={t('contactImport.stepResult')} />
      </Stack>
    );
  }
  const notImported = state.rejected + state.duplicates;
  return (
    <Stack data-testid="import-result">
      {state.status === 'failed' ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
          {t('contactImport.failed', { error: state.error ?? '' })}
        </Alert>
      ) : (
        <Alert color="green" variant="light" icon={<IconCheck size={18} />}>
          {t('contactImport.done')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {(['created', 'updated', 'duplicates', 'rejected'] as const).map((key) => (
          <Paper key={key} withBorder p="sm" radius="md">
            <Text size="xs" c="dimmed">
              {t(`contactImport.${key}`)}
            </Text>
            <Text fw={700} size="xl" data-testid={`import-count-${key}`}>
              {state[key]}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {state.status === 'done' &&
        (notImported > 0 ? (
          <Stack gap={4}>
            <Text size="sm">{t('contactImport.reportHint')}</Text>
            <Anchor href={reportUrl(state.id)} download data-testid="import-report">
              <Group gap={6}>
                <IconDownload size={16} />
                {t('contactImport.downloadReport')}
              </Group>
            </Anchor>
          </Stack>
        ) : (
          <Text size="sm">{t('contactImport.allGood')}</Text>
        ))}
      <Group justify="flex-end">
        <Button variant="default" onClick={onAnother}>
          {t('contactImport.another')}
        </Button>
        <Button onClick={onClose}>{t('contactImport.close')}</Button>
      </Group>
    </Stack>
  );
}
