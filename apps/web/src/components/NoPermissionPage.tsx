import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { StatusPage } from './StatusPage.js';

export function NoPermissionPage() {
  const { t } = useTranslation();
  return <StatusPage testId="no-permission" icon={<IconLock size={32} />} title={t('noPermission.title')} text={t('noPermission.text')} />;
}
