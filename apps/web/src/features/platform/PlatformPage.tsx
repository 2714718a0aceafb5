import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDots, IconSearch } from '@tabler/icons-react';
import { companyStatuses, type CompanyStatus, type PlatformCompany } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { AuditList } from './AuditList.js';
import { CompanyActionModal, type ModalKind } from './CompanyActionModal.js';
import { PlansTab } from './PlansTab.js';
import { downloadCompanyExport, useCompanyAction, usePlatformAudit, usePlatformCompanies, usePlatformFigures } from './platformApi.js';

const statusColor: Record<CompanyStatus, string> = { trial: 'blue', active: 'green', read_only: 'yellow', suspended: 'red' };

function Figures() {
  const { t } = useTranslation();
  const figures = usePlatformFigures();
  const f = figures.data;
  if (!f) return null;
  const cards: [string, number | string][] = [
    [t('platform.figures.trial'), f.companiesByStatus.trial],
    [t('platform.figures.active'), f.companiesByStatus.active],
    [t('platform.figures.readOnly'), f.companiesByStatus.read_only],
    [t('platform.figures.suspended'), f.companiesByStatus.suspended],
    [t('platform.figures.messagesToday'), f.messagesToday],
    [t('platform.figures.connectionsOnline'), f.connectionsOnline],
  ];
  return (
    <Stack gap="xs" mb="lg">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} data-testid="platform-figures">
        {cards.map(([label, value]) => (
          <Card key={label} withBorder padding="sm">
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text fw={700} size="xl">
              {value}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Text size="sm">
        <b>{t('platform.figures.trialsEnding')}:</b>{' '}
        {f.trialsEndingSoon.length === 0 ? t('platform.figures.none') : f.trialsEndingSoon.map((c) => c.name).join(', ')}
      </Text>
    </Stack>
  );
}

function CompanyRow({ company, onOpen }: { company: PlatformCompany; onOpen: (kind: ModalKind) => void }) {
  const { t, i18n } = useTranslation();
  const action = useCompanyAction();
  const date = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : '—');
  return (
    <Table.Tr data-testid={`platform-company-${company.id}`}>
      <Table.Td>
        <Group gap="xs">
          <Text fw={600}>{company.name}</Text>
          {company.isPlatform && <Badge variant="outline">{t('platform.companies.platformBadge')}</Badge>}
        </Group>
      </Table.Td>
      <Table.Td>
        <Badge color={statusColor[company.status]} variant="light" title={company.statusReason ?? undefined}>
          {t(`platform.status.${company.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{company.plan?.name ?? t('platform.companies.noPlan')}</Table.Td>
      <Table.Td>{date(company.trialEndsAt)}</Table.Td>
      <Table.Td>{date(company.paidUntil)}</Table.Td>
      <Table.Td>
        <Text size="xs">
          {t('platform.companies.usageValue', {
            users: company.usage.users,
            connections: company.usage.connections,
            messages: company.usage.messagesThisMonth,
          })}
        </Text>
      </Table.Td>
      <Table.Td>{date(company.createdAt)}</Table.Td>
      <Table.Td>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" aria-label={t('platform.actions.menu')} data-testid={`platform-actions-${company.id}`}>
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => onOpen('plan')}>{t('platform.actions.changePlan')}</Menu.Item>
            {!company.isPlatform && (
              <Menu.Item onClick={() => onOpen('trial')} data-testid={`platform-extend-trial-${company.id}`}>
                {t('platform.actions.extendTrial')}
              </Menu.Item>
            )}
            {!company.isPlatform && company.status !== 'suspended' && (
              <Menu.Item color="red" onClick={() => onOpen('suspend')}>
                {t('platform.actions.suspend')}
              </Menu.Item>
            )}
            {company.status === 'suspended' && (
              <Menu.Item
                onClick={() =>
                  action.mutate(
                    { id: company.id, action: { kind: 'reactivate' } },
                    {
                      onSuccess: () => notifications.show({ color: 'brand', message: t('platform.actions.saved') }),
                      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
                    },
                  )
                }
              >
                {t('platform.actions.reactivate')}
              </Menu.Item>
            )}
            <Menu.Item
              onClick={() =>
                downloadCompanyExport(company.id).then(
                  () => notifications.show({ color: 'brand', message: t('platform.actions.exported') }),
                  (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
                )
              }
            >
              {t('platform.actions.export')}
            </Menu.Item>
            {!company.isPlatform && company.status !== 'suspended' && (
              <Menu.Item onClick={() => onOpen('impersonate')} data-testid={`platform-impersonate-${company.id}`}>
                {t('platform.actions.impersonate')}
              </Menu.Item>
            )}
            {!company.isPlatform && (
              <Menu.Item color="red" onClick={() => onOpen('delete')}>
                {t('platform.actions.delete')}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
}

function CompaniesTab() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<CompanyStatus | null>(null);
  const companies = usePlatformCompanies(q, status);
  const [open, setOpen] = useState<{ company: PlatformCompany; kind: ModalKind } | null>(null);
  const items = companies.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack>
      <Figures />
      <Group>
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('platform.companies.search')}
          aria-label={t('platform.companies.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          style={{ flex: 1 }}
          data-testid="platform-search"
        />
        <Select
          aria-label={t('platform.companies.statusFilter')}
          placeholder={t('platform.companies.allStatuses')}
          clearable
          data={companyStatuses.map((s) => ({ value: s, label: t(`platform.status.${s}`) }))}
          value={status}
          onChange={(value) => setStatus(value)}
          w={200}
        />
      </Group>
      {companies.isError && <Alert color="red">{errorMessage(companies.error, t)}</Alert>}
      {companies.isSuccess && items.length === 0 && <Text c="dimmed">{t('platform.companies.empty')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover data-testid="platform-companies">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('platform.companies.name')}</Table.Th>
                <Table.Th>{t('platform.companies.status')}</Table.Th>
                <Table.Th>{t('platform.companies.plan')}</Table.Th>
                <Table.Th>{t('platform.companies.trialEndsAt')}</Table.Th>
                <Table.Th>{t('platform.companies.paidUntil')}</Table.Th>
                <Table.Th>{t('platform.companies.usage')}</Table.Th>
                <Table.Th>{t('platform.companies.createdAt')}</Table.Th>
                <Table.Th>{t('platform.companies.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((company) => (
                <CompanyRow key={company.id} company={company} onOpen={(kind) => setOpen({ company, kind })} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {companies.hasNextPage && (
        <Button variant="default" loading={companies.isFetchingNextPage} onClick={() => void companies.fetchNextPage()}>
          {t('platform.companies.loadMore')}
        </Button>
      )}
      {open && <CompanyActionModal company={open.company} kind={open.kind} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

function AuditTab() {
  const audit = usePlatformAudit();
  return <AuditList items={audit.data ?? []} showCompany />;
}

/** The platform operator's console: figures, companies, plans and the log of what operators did. */
export function PlatformPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('platform.title')} description={t('platform.subtitle')} />
      <Paper withBorder p="md">
        <Tabs defaultValue="companies">
          <Tabs.List mb="lg">
            <Tabs.Tab value="companies">{t('platform.tabs.companies')}</Tabs.Tab>
            <Tabs.Tab value="plans" data-testid="platform-tab-plans">
              {t('platform.tabs.plans')}
            </Tabs.Tab>
            <Tabs.Tab value="audit">{t('platform.tabs.audit')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="companies">
            <CompaniesTab />
          </Tabs.Panel>
          <Tabs.Panel value="plans">
            <PlansTab />
          </Tabs.Panel>
          <Tabs.Panel value="audit">
            <AuditTab />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </>
  );
}
