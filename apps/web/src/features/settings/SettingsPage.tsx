import { Alert, Button, Center, Loader, Paper, Tabs } from '@mantine/core';
import { IconAlertCircle, IconClock, IconForms, IconHistory, IconMessageChatbot, IconStar } from '@tabler/icons-react';
import { AuditLogTab, CustomFieldsSettings } from '../contacts/index.js';
import { PlatformAccessSection } from '../platform/index.js';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import { errorMessage } from '../../lib/errors.js';
import { HoursTab } from './HoursTab.js';
import { RoutingTab } from './RoutingTab.js';
import { useCompanySettings } from './settingsApi.js';
import { SurveyTab } from './SurveyTab.js';

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useCompanySettings();
  // Three tabs with icons do not fit a phone's width on one line.
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.subtitle')} />
      {settings.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={t('settings.loadFailed')}>
          {errorMessage(settings.error, t)}{' '}
          <Button variant="subtle" size="compact-sm" color="red" onClick={() => void settings.refetch()}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : !settings.data ? (
        <Center mih={240}>
          <Loader />
        </Center>
      ) : (
        <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'lg' }}>
          {/* Each tab keeps its own draft while switching; the panels stay mounted. */}
          <Tabs defaultValue="routing" keepMounted>
            <Tabs.List mb="lg" grow={phone}>
              <Tabs.Tab
                value="routing"
                leftSection={phone ? undefined : <IconMessageChatbot size={16} />}
                data-testid="settings-tab-routing"
              >
                {t('settings.tabs.routing')}
              </Tabs.Tab>
              <Tabs.Tab value="hours" leftSection={phone ? undefined : <IconClock size={16} />} data-testid="settings-tab-hours">
                {t('settings.tabs.hours')}
              </Tabs.Tab>
              <Tabs.Tab value="survey" leftSection={phone ? undefined : <IconStar size={16} />} data-testid="settings-tab-survey">
                {t('settings.tabs.survey')}
              </Tabs.Tab>
              <Tabs.Tab
                value="custom-fields"
                leftSection={phone ? undefined : <IconForms size={16} />}
                data-testid="settings-tab-custom-fields"
              >
                {t('contactExtras.fieldSettings.tab')}
              </Tabs.Tab>
              <Tabs.Tab value="audit" leftSection={phone ? undefined : <IconHistory size={16} />} data-testid="settings-tab-audit">
                {t('contactExtras.audit.tab')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="routing">
              <RoutingTab settings={settings.data} />
            </Tabs.Panel>
            <Tabs.Panel value="hours">
              <HoursTab settings={settings.data} />
            </Tabs.Panel>
            <Tabs.Panel value="survey">
              <SurveyTab settings={settings.data} />
            </Tabs.Panel>
            <Tabs.Panel value="custom-fields">
              <CustomFieldsSettings />
            </Tabs.Panel>
            <Tabs.Panel value="audit">
              <AuditLogTab />
              <PlatformAccessSection />
            </Tabs.Panel>
          </Tabs>
        </Paper>
      )}
    </>
  );
}
