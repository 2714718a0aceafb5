import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';

export function ConnectionsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('connections.title')} />;
}
