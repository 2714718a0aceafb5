import type { ComponentType } from 'react';
import { Paper, Tabs } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconApi, IconForms, IconRobot, IconSparkles, IconWebhook } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import type { integrationsPtBR } from './i18n.js';
import { TypebotTab } from '../typebot/index.js';
import { AiTab } from './AiTab.js';
import { WebhooksTab } from '../webhooks/WebhooksTab.js';
import { ApiTokensTab } from '../api-tokens/index.js';
import { LeadHooksTab } from '../lead-hooks/LeadHooksTab.js';

interface IntegrationTab {
  value: keyof typeof integrationsPtBR.tabs;
  icon: ComponentType<{ size?: number | string }>;
  panel: ComponentType;
}

/** One entry per working integration, in the order an admin sets them up. */
const tabs: readonly IntegrationTab[] = [
  { value: 'ai', icon: IconSparkles, panel: AiTab },
  { value: 'api', icon: IconApi, panel: ApiTokensTab },
  { value: 'webhooks', icon: IconWebhook, panel: WebhooksTab },
  { value: 'leads', icon: IconForms, panel: LeadHooksTab },
  { value: 'typebot', icon: IconRobot, panel: TypebotTab },
];

export function IntegrationsPage() {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  // The open tab lives in the URL so a link (from docs, a notice) can point at one.
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const active = tabs.find((tab) => tab.value === requested)?.value ?? tabs[0]!.value;
  return (
    <>
      <PageHeader title={t('integrations.title')} description={t('integrations.subtitle')} />
      <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'lg' }}>
        <Tabs value={active} onChange={(value) => value && setParams({ tab: value }, { replace: true })} keepMounted={false}>
          <Tabs.List mb="lg">
            {tabs.map(({ value, icon: Icon }) => (
              <Tabs.Tab
                key={value}
                value={value}
                leftSection={phone ? undefined : <Icon size={16} />}
                data-testid={`integrations-tab-${value}`}
              >
                {t(`integrations.tabs.${value}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {tabs.map(({ value, panel: Panel }) => (
            <Tabs.Panel key={value} value={value}>
              <Panel />
            </Tabs.Panel>
          ))}
        </Tabs>
      </Paper>
    </>
  );
}
