import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';

export function ContactsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('contacts.title')} />;
}
