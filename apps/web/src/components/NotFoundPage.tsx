import { IconMapSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { StatusPage } from './StatusPage.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  return <StatusPage testId="not-found" icon={<IconMapSearch size={32} />} title={t('notFound.title')} text={t('notFound.text')} />;
}
