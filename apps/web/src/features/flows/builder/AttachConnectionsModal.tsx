import { useState } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FlowSummary } from '@jimmy/contracts';
import { errorMessage } from '../../../lib/errors.js';
import { useConnections } from '../../connections/index.js';
import { useAttachFlow, useFlows } from '../flowsApi.js';

interface Props {
  flow: FlowSummary;
  opened: boolean;
  onClose: () => void;
}

/** Which connections start new conversations in this flow; only a published flow can run. */
export function AttachConnectionsModal({ flow, opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('flows.attach.title')} centered radius="lg">
      {opened && <AttachForm flow={flow} onClose={onClose} />}
    </Modal>
  );
}

function AttachForm({ flow, onClose }: { flow: FlowSummary; onClose: () => void }) {
  const { t } = useTranslation();
  const connections = useConnections();
  const flows = useFlows();
  const attach = useAttachFlow(flow.id);
  const current = flows.data?.find((f) => f.id === flow.id)?.connectionIds ?? flow.connectionIds;
  const [value, setValue] = useState<string[]>(() => current.map(String));
  const published = flow.publishedVersion !== null;
  // A connection runs one flow: choosing it here takes it from the flow it runs now.
  const otherFlow = (connectionId: number) => {
    const runs = connections.data?.find((c) => c.id === connectionId)?.flowId;
    return runs && runs !== flow.id ? flows.data?.find((f) => f.id === runs) : undefined;
  };
  const data = (connections.data ?? []).map((c) => {
    const other = otherFlow(c.id);
    return { value: String(c.id), label: other ? `${c.name} · ${other.name}` : c.name };
  });

  const save = async () => {
    const chosen = value.map(Number);
    try {
      await attach.mutateAsync({
        attach: chosen.filter((id) => !current.includes(id)),
        detach: current.filter((id) => !chosen.includes(id)),
      });
      notifications.show({ color: 'brand', title: t('common.success'), message: t('flows.attach.saved') });
      onClose();
    } catch {
      // Shown below.
    }
  };

  return (
    <Stack>
      {!published && (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} data-testid="flow-attach-unpublished">
          {t('flows.attach.onlyPublished')}
        </Alert>
      )}
      <MultiSelect
        label={t('flows.attach.label')}
        description={t('flows.attach.hint')}
        placeholder={value.length === 0 ? t('flows.attach.placeholder') : undefined}
        data={data}
        value={value}
        onChange={setValue}
        disabled={!published || connections.isPending}
        clearable
        searchable
        comboboxProps={{ withinPortal: true }}
        data-testid="flow-attach-select"
      />
      {value.some((id) => otherFlow(Number(id))) && (
        <Text size="xs" c="dimmed">
          {t('flows.attach.otherFlow')}
        </Text>
      )}
      {attach.isError && (
        <Alert color="red" variant="light" title={t('flows.attach.failed')}>
          {errorMessage(attach.error, t)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => void save()} disabled={!published} loading={attach.isPending} data-testid="flow-attach-save">
          {t('flows.attach.save')}
        </Button>
      </Group>
    </Stack>
  );
}
