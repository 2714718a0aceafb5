import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { formatBytes } from './format.js';
import { exportUrl, useDownload } from './reportsApi.js';
import type { ExportTable, ReportFilters } from './types.js';

/** "Exportar CSV / XLSX" of one table with the page's filters; the button shows the bytes received while streaming. */
export function ExportButtons({ table, filters }: { table: ExportTable; filters: ReportFilters }) {
  const { t, i18n } = useTranslation();
  const { download, progress } = useDownload();
  const run = (format: 'csv' | 'xlsx') => {
    download(format, exportUrl(table, format, filters, i18n.language), `${table}.${format}`).catch((error: unknown) => {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      notifications.show({ color: 'red', title: t('reports.export.failed'), message: errorMessage(error, t) });
    });
  };
  const busy = progress !== null;
  const label = (format: 'csv' | 'xlsx') =>
    progress?.key === format ? t('reports.export.progress', { size: formatBytes(progress.bytes) }) : t(`reports.export.${format}`);
  return (
    <Group gap="xs" wrap="wrap">
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          size="xs"
          variant="default"
          leftSection={format === 'csv' ? <IconFileTypeCsv size={16} /> : <IconFileSpreadsheet size={16} />}
          onClick={() => run(format)}
          loading={progress?.key === format && progress.bytes === 0}
          disabled={busy && progress.key !== format}
          aria-busy={progress?.key === format}
          data-testid={`export-${table}-${format}`}
        >
          {label(format)}
        </Button>
      ))}
    </Group>
  );
}
