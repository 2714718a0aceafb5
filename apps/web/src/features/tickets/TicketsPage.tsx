import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';

export function TicketsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('tickets.title')} />;
}
