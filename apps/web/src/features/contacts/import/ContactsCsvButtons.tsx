import { useState } from 'react';
import { Button, Group, Tooltip } from '@mantine/core';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/index.js';
import { exportUrl } from './importApi.js';
import { ImportContactsModal } from './ImportContactsModal.js';

/** Import and export move the whole contact base: shown to admins and supervisors only (the server checks too). */
export function ContactsCsvButtons({ filter }: { filter: { q?: string; tagIds?: number[]; tagMode?: 'any' | 'all' } }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const [importing, setImporting] = useState(false);
  if (me.role !== 'admin' && me.role !== 'supervisor' && me.role !== 'super_admin') return null;
  return (
    <Group gap="xs">
      <Button variant="default" leftSection={<IconUpload size={18} />} onClick={() => setImporting(true)} data-testid="contacts-import">
        {t('contactImport.importButton')}
      </Button>
      <Tooltip label={t('contactImport.exportHint')}>
        <Button
          component="a"
          href={exportUrl(filter, i18n.language)}
          download
          variant="default"
          leftSection={<IconDownload size={18} />}
          data-testid="contacts-export"
        >
          {t('contactImport.exportButton')}
        </Button>
      </Tooltip>
      <ImportContactsModal opened={importing} onClose={() => setImporting(false)} />
    </Group>
  );
}
