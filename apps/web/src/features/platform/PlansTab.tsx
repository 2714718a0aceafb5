import { useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconPencil, IconPlus } from '@tabler/icons-react';
import { limitedResources, type Plan, type PlanInput, type PlanLimits } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { usePlanMutations, usePlatformPlans } from './platformApi.js';

const formatBrl = (cents: number) => new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' }).format(cents / 100);

const emptyLimits: PlanLimits = {
  users: 3,
  connections: 1,
  queues: null,
  flows: null,
  messagesPerMonth: null,
  apiAccess: false,
  internalChat: true,
};

function PlanModal({ plan, onClose }: { plan: Plan | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { save } = usePlanMutations();
  const [name, setName] = useState(plan?.name ?? '');
  const [price, setPrice] = useState<number | string>(plan ? plan.priceCents / 100 : 0);
  const [trialDays, setTrialDays] = useState<number | string>(plan?.trialDays ?? 7);
  const [sortOrder, setSortOrder] = useState<number | string>(plan?.sortOrder ?? 0);
  const [limits, setLimits] = useState<PlanLimits>(plan?.limits ?? emptyLimits);
  const [isPublic, setPublic] = useState(plan?.public ?? true);
  const fields = fieldErrors(save.error, t);

  const submit = () => {
    const input: PlanInput = {
      name,
      priceCents: Math.round(Number(price) * 100),
      trialDays: Number(trialDays),
      sortOrder: Number(sortOrder),
      limits,
      public: isPublic,
    };
    save.mutate(
      { id: plan?.id ?? null, input },
      {
        onSuccess: () => {
          notifications.show({ color: 'brand', message: t('platform.actions.saved') });
          onClose();
        },
        onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={plan ? plan.name : t('platform.plans.create')} size="lg" centered>
      <Stack>
        <TextInput
          label={t('platform.plans.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fields.name}
          data-testid="plan-name"
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label={t('platform.plans.price')}
            min={0}
            decimalScale={2}
            fixedDecimalScale
            decimalSeparator=","
            thousandSeparator="."
            value={price}
            onChange={setPrice}
            error={fields.priceCents}
            data-testid="plan-price"
          />
          <NumberInput
            label={t('platform.plans.trialDays')}
            min={0}
            max={365}
            value={trialDays}
            onChange={setTrialDays}
            error={fields.trialDays}
          />
          <NumberInput label={t('platform.plans.sortOrder')} min={0} value={sortOrder} onChange={setSortOrder} error={fields.sortOrder} />
        </SimpleGrid>
        <Text fw={600} size="sm">
          {t('platform.plans.limits')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {limitedResources.map((key) => (
            <NumberInput
              key={key}
              label={t(`platform.plans.${key}`)}
              min={0}
              placeholder={t('platform.plans.unlimited')}
              value={limits[key] ?? ''}
              error={fields[`limits.${key}`]}
              onChange={(value) => setLimits((l) => ({ ...l, [key]: value === '' ? null : Number(value) }))}
            />
          ))}
        </SimpleGrid>
        <Group>
          <Checkbox
            label={t('platform.plans.apiAccess')}
            checked={limits.apiAccess}
            onChange={(e) => setLimits((l) => ({ ...l, apiAccess: e.currentTarget.checked }))}
          />
          <Checkbox
            label={t('platform.plans.internalChat')}
            checked={limits.internalChat}
            onChange={(e) => setLimits((l) => ({ ...l, internalChat: e.currentTarget.checked }))}
          />
        </Group>
        <Switch label={t('platform.plans.showPublic')} checked={isPublic} onChange={(e) => setPublic(e.currentTarget.checked)} />
        <Button loading={save.isPending} onClick={submit} data-testid="plan-save">
          {t('platform.plans.save')}
        </Button>
      </Stack>
    </Modal>
  );
}

const limitText = (value: number | null, unlimited: string) => (value === null ? unlimited : String(value));

/** Plans: what the site's pricing and sign-up offer, and what each company may create. */
export function PlansTab() {
  const { t } = useTranslation();
  const plans = usePlatformPlans();
  const { remove } = usePlanMutations();
  const [editing, setEditing] = useState<Plan | 'new' | null>(null);
  const unlimited = t('platform.plans.unlimited');

  return (
    <Stack>
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="plan-create">
          {t('platform.plans.create')}
        </Button>
      </Group>
      {plans.data?.length === 0 && <Text c="dimmed">{t('platform.plans.empty')}</Text>}
      {plans.data && plans.data.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped data-testid="plans-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('platform.plans.name')}</Table.Th>
                <Table.Th>{t('platform.plans.price')}</Table.Th>
                <Table.Th>{t('platform.plans.trialDays')}</Table.Th>
                <Table.Th>{t('platform.plans.limits')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plans.data.map((plan) => (
                <Table.Tr key={plan.id}>
                  <Table.Td>
                    <Group gap="xs">
                      <Text fw={600}>{plan.name}</Text>
                      {plan.archived ? (
                        <Badge color="gray">{t('platform.plans.archived')}</Badge>
                      ) : (
                        <Badge color={plan.public ? 'green' : 'gray'} variant="light">
                          {plan.public ? t('platform.plans.public') : t('platform.plans.hidden')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {formatBrl(plan.priceCents)}
                    {t('platform.plans.perMonth')}
                  </Table.Td>
                  <Table.Td>{plan.trialDays}</Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {limitedResources
                        .map((key) => `${t(`platform.plans.${key}`)}: ${limitText(plan.limits[key], unlimited)}`)
                        .join(' · ')}
                      {plan.limits.apiAccess ? ` · ${t('platform.plans.apiAccess')}` : ''}
                      {plan.limits.internalChat ? ` · ${t('platform.plans.internalChat')}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon variant="subtle" aria-label={t('platform.plans.edit')} onClick={() => setEditing(plan)}>
                        <IconPencil size={16} />
                      </ActionIcon>
                      {!plan.archived && (
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('platform.plans.archive')}
                          onClick={() => {
                            if (!window.confirm(t('platform.plans.confirmArchive', { name: plan.name }))) return;
                            remove.mutate(plan.id, {
                              onSuccess: (r) =>
                                notifications.show({
                                  color: 'brand',
                                  message: r.outcome === 'deleted' ? t('platform.plans.deleted') : t('platform.plans.archivedDone'),
                                }),
                              onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
                            });
                          }}
                        >
                          <IconArchive size={16} />
                        </ActionIcon>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && <PlanModal plan={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
