import { Stack, Text, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NODES } from '@jimmy/flow-engine';
import type { FlowGraph } from '@jimmy/flow-engine';
import { currentLanguage } from '../../../lib/i18n/index.js';
import { isNodeType } from '../graphEdits.js';

/** The engine's problems (path) and the server's (field) in one shape. */
export interface Problem {
  code: string;
  message: string;
  nodeId: string | null;
  field?: string;
}

const KNOWN = new Set([
  'mediaUnavailable',
  'invalidGraph',
  'missingStart',
  'multipleStarts',
  'duplicateId',
  'unknownType',
  'invalidField',
  'danglingEdge',
  'unknownHandle',
  'unreachable',
]);

/** Each problem names its block; clicking one selects the block and brings it into view. */
export function ProblemsList({
  problems,
  graph,
  onPick,
}: {
  problems: readonly Problem[];
  graph: FlowGraph;
  onPick: (nodeId: string) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Stack gap={4} data-testid="flow-problems">
      {problems.map((problem, index) => {
        const node = problem.nodeId ? graph.nodes.find((n) => n.id === problem.nodeId) : undefined;
        const where = node && isNodeType(node.type) ? NODES[node.type].editor.label[language] : null;
        const text = KNOWN.has(problem.code)
          ? t(`flows.problems.${problem.code as 'unreachable'}`, { field: problem.field ?? '', message: problem.message })
          : problem.message;
        return (
          <UnstyledButton
            key={`${problem.code}-${problem.nodeId ?? ''}-${problem.field ?? ''}-${index}`}
            onClick={() => node && onPick(node.id)}
            disabled={!node}
            p={6}
            style={{ borderRadius: 6 }}
            data-testid={`flow-problem-${index}`}
            data-node-id={problem.nodeId ?? undefined}
          >
            <Text size="sm">
              <IconAlertTriangle size={14} color="var(--mantine-color-orange-6)" style={{ verticalAlign: -2, marginRight: 6 }} />
              {where && <b>{where}: </b>}
              {text}
            </Text>
          </UnstyledButton>
        );
      })}
    </Stack>
  );
}
