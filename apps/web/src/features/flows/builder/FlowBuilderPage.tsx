import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { Alert, Button, Center, Loader } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { ReactFlowProvider } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { flowGraphSchema, type FlowGraph } from '@jimmy/flow-engine';
import { NotFoundPage } from '../../../components/NotFoundPage.js';
import { errorMessage } from '../../../lib/errors.js';
import { isApiError } from '../../../lib/api.js';
import { emptyGraph } from '../graphEdits.js';
import { useFlow } from '../flowsApi.js';
import { FlowBuilder } from './FlowBuilder.js';

/** `/flows/:flowId`, loaded on demand with @xyflow and the engine (see router.tsx). */
export function FlowBuilderPage() {
  const { t } = useTranslation();
  const id = Number(useParams().flowId);
  const flow = useFlow(id);
  // A draft saved by an older builder may not parse: open it empty rather than not at all.
  const initial = useMemo<FlowGraph | null>(() => {
    if (!flow.data) return null;
    const parsed = flowGraphSchema.safeParse(flow.data.draft);
    return parsed.success ? parsed.data : emptyGraph();
  }, [flow.data]);

  if (!Number.isInteger(id) || id <= 0 || (flow.isError && isApiError(flow.error) && flow.error.status === 404)) return <NotFoundPage />;
  if (flow.isError) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={t('flows.builder.loadFailed')}>
        {errorMessage(flow.error, t)}{' '}
        <Button variant="subtle" size="compact-sm" color="red" onClick={() => void flow.refetch()}>
          {t('common.retry')}
        </Button>
      </Alert>
    );
  }
  if (!flow.data || !initial) {
    return (
      <Center mih={300}>
        <Loader />
      </Center>
    );
  }
  return (
    <ReactFlowProvider>
      <FlowBuilder key={flow.data.id} detail={flow.data} initial={initial} />
    </ReactFlowProvider>
  );
}
