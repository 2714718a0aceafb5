import { ActionIcon, Button, Indicator, Popover, Select, Stack, Tooltip } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useConnections, useQueues } from '../connections/index.js';
import { TagFilter } from '../tags/index.js';
import { useAgents, type TicketFilters } from './ticketsApi.js';

type Value = Omit<TicketFilters, 'q'>;

const toId = (v: string | null) => (v ? Number(v) : null);

export function TicketListFilters({ value, onChange, isManager }: { value: Value; onChange: (v: Value) => void; isManager: boolean }) {
  const { t } = useTranslation();
  const queues = useQueues();
  const connections = useConnections();
  const agents = useAgents(isManager);
  const active = Boolean(value.queueId || value.connectionId || value.userId || value.tagIds.length > 0);

  return (
    <Popover position="bottom-end" width={260} shadow="md" withArrow>
      <Popover.Target>
        <Indicator disabled={!active} size={8} offset={4}>
          <Tooltip label={t('tickets.filters.title')}>
            <ActionIcon
              variant={active ? 'light' : 'default'}
              size="lg"
              aria-label={t('tickets.filters.title')}
              data-testid="tickets-filters"
            >
              <IconFilter size={18} />
            </ActionIcon>
          </Tooltip>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Select
            label={t('tickets.filters.queue')}
            placeholder={t('tickets.filters.any')}
            clearable
            comboboxProps={{ withinPortal: false }}
            data={(queues.data ?? []).map((q) => ({ value: String(q.id), label: q.name }))}
            value={value.queueId ? String(value.queueId) : null}
            onChange={(v) => onChange({ ...value, queueId: toId(v) })}
            data-testid="tickets-filter-queue"
          />
          <Select
            label={t('tickets.filters.connection')}
            placeholder={t('tickets.filters.any')}
            clearable
            comboboxProps={{ withinPortal: false }}
            data={(connections.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
            value={value.connectionId ? String(value.connectionId) : null}
            onChange={(v) => onChange({ ...value, connectionId: toId(v) })}
            data-testid="tickets-filter-connection"
          />
          {isManager && (
            <Select
              label={t('tickets.filters.agent')}
              placeholder={t('tickets.filters.any')}
              clearable
              searchable
              comboboxProps={{ withinPortal: false }}
              data={(agents.data ?? []).filter((u) => u.active).map((u) => ({ value: String(u.id), label: u.name }))}
              value={value.userId ? String(value.userId) : null}
              onChange={(v) => onChange({ ...value, userId: toId(v) })}
              data-testid="tickets-filter-agent"
            />
          )}
          <TagFilter tagIds={value.tagIds} mode={value.tagMode} onChange={(tagIds, tagMode) => onChange({ ...value, tagIds, tagMode })} />
          <Button
            variant="subtle"
            size="xs"
            disabled={!active}
            onClick={() => onChange({ queueId: null, connectionId: null, userId: null, tagIds: [], tagMode: 'any' })}
          >
            {t('tickets.filters.clear')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
