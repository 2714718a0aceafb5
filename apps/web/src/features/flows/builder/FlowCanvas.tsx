import { useCallback, useMemo, useState, type DragEvent } from 'react';
import { useComputedColorScheme } from '@mantine/core';
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { NODES, type NodeType } from '@jimmy/flow-engine';
import { currentLanguage } from '../../../lib/i18n/index.js';
import { connect, isNodeType, moveNodes, nodeOutputs } from '../graphEdits.js';
import { nodeSummary, type NameOf } from '../nodeForm.js';
import { FlowNodeCard, type CardNode } from './FlowNodeCard.js';
import { PALETTE_MIME } from './NodePalette.js';
import type { FlowEditor } from './useFlowEditor.js';

const nodeTypes = { flow: FlowNodeCard };

interface Props {
  editor: FlowEditor;
  readOnly: boolean;
  activeNodeId: string | null;
  reach: ReadonlyMap<string, { reached: number; stopped: number }> | null;
  invalidNodes: ReadonlySet<string>;
  newId: () => string;
  nameOf: NameOf;
  onDropNode: (type: NodeType, position: { x: number; y: number }) => void;
}

type Size = { width: number; height: number };

export function FlowCanvas({ editor, readOnly, activeNodeId, reach, invalidNodes, newId, nameOf, onDropNode }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const scheme = useComputedColorScheme('light');
  const flow = useReactFlow();
  const { graph, selection } = editor;
  // The canvas measures nodes; the graph stays free of view state, so sizes are kept beside it.
  const [sizes, setSizes] = useState<Record<string, Size>>({});

  const nodes = useMemo<CardNode[]>(() => {
    const selected = new Set(selection.nodes);
    return graph.nodes.map((node) => {
      const options = node.type === 'menu' ? ((node.data as { options?: { id: string; label: string }[] }).options ?? []) : [];
      return {
        id: node.id,
        type: 'flow',
        position: node.position,
        selected: selected.has(node.id),
        deletable: false,
        ...(sizes[node.id] && { measured: sizes[node.id] }),
        data: {
          flowType: node.type,
          label: isNodeType(node.type) ? NODES[node.type].editor.label[language] : node.type,
          summary: nodeSummary(node.type, node.data, nameOf),
          outputs: nodeOutputs(node).map((id) => ({
            id,
            label:
              options.find((option) => option.id === id)?.label || t(`flows.handles.${id}` as 'flows.handles.next', { defaultValue: id }),
          })),
          invalid: invalidNodes.has(node.id),
          active: node.id === activeNodeId,
          reach: reach ? (reach.get(node.id) ?? { reached: 0, stopped: 0 }) : null,
        },
      };
    });
  }, [graph.nodes, selection.nodes, sizes, language, t, invalidNodes, activeNodeId, reach, nameOf]);

  const edges = useMemo<Edge[]>(() => {
    const selected = new Set(selection.edges);
    return graph.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.sourceHandle,
      target: edge.target,
      targetHandle: 'in',
      selected: selected.has(edge.id),
      deletable: false,
      markerEnd: { type: MarkerType.ArrowClosed },
    }));
  }, [graph.edges, selection.edges]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CardNode>[]) => {
      const moved = new Map<string, { x: number; y: number }>();
      const measured: Record<string, Size> = {};
      let picked: Set<string> | null = null;
      for (const change of changes) {
        if (change.type === 'position' && change.position) moved.set(change.id, change.position);
        else if (change.type === 'dimensions' && change.dimensions) measured[change.id] = change.dimensions;
        else if (change.type === 'select') {
          picked ??= new Set(selection.nodes);
          if (change.selected) picked.add(change.id);
          else picked.delete(change.id);
        }
      }
      if (moved.size > 0) editor.move((current) => moveNodes(current, moved));
      if (Object.keys(measured).length > 0) setSizes((old) => ({ ...old, ...measured }));
      if (picked) editor.select({ nodes: [...picked], edges: selection.edges });
    },
    [editor, selection],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const picked = new Set(selection.edges);
      let touched = false;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        touched = true;
        if (change.selected) picked.add(change.id);
        else picked.delete(change.id);
      }
      if (touched) editor.select({ nodes: selection.nodes, edges: [...picked] });
    },
    [editor, selection],
  );

  const onConnect = useCallback(
    (link: Connection) => {
      if (!link.sourceHandle) return;
      const edgeId = newId();
      editor.edit((current) => connect(current, { source: link.source, sourceHandle: link.sourceHandle!, target: link.target }, edgeId));
    },
    [editor, newId],
  );

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };

  const onDrop = (event: DragEvent) => {
    const type = event.dataTransfer.getData(PALETTE_MIME);
    if (!isNodeType(type)) return;
    event.preventDefault();
    const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    // The pointer holds the card by its header, not by its top-left corner.
    onDropNode(type, { x: at.x - 110, y: at.y - 20 });
  };

  return (
    <ReactFlow<CardNode>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onNodeDragStart={() => editor.checkpoint()}
      isValidConnection={(link) => link.source !== link.target}
      onDragOver={onDragOver}
      onDrop={onDrop}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      // Delete and copy go through the builder's own keys, which keep undo and the Start rule.
      deleteKeyCode={null}
      colorMode={scheme}
      fitView
      fitViewOptions={{ maxZoom: 1.1 }}
      minZoom={0.2}
      proOptions={{ hideAttribution: true }}
      aria-label={t('flows.builder.canvas')}
      data-testid="flow-canvas"
    >
      <Background gap={20} />
      <Controls showInteractive={false} />
      {/* On a phone the minimap would cover half of the board. */}
      {!readOnly && <MiniMap pannable zoomable ariaLabel={null} style={{ width: 150, height: 100 }} />}
    </ReactFlow>
  );
}
