import { useCallback, useMemo, useRef, useState } from 'react';
import { Drawer, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { flowGraphSchema, validateFlow, type FlowGraph, type NodeType } from '@jimmy/flow-engine';
import type { FlowDetail } from '@jimmy/contracts';
import { errorMessage } from '../../../lib/errors.js';
import { autoLayout } from '../autoLayout.js';
import { addNode, copyNodes, pasteNodes, removeElements, updateNodeData, type Clipboard } from '../graphEdits.js';
import { publishProblems, restoreVersion, useFlowAnalytics, usePublishFlow } from '../flowsApi.js';
import { defaultNodeData } from '../nodeDefaults.js';
import { flowVariables, type NameOf } from '../nodeForm.js';
import { downloadFlow, readFlowFile } from '../readFlowFile.js';
import { pathKey, setIn, type Path } from '../schemaForm.js';
import { FlowSimulator } from '../simulator/FlowSimulator.js';
import { AttachConnectionsModal } from './AttachConnectionsModal.js';
import { BuilderToolbar, type Period } from './BuilderToolbar.js';
import { FlowCanvas } from './FlowCanvas.js';
import classes from './FlowBuilder.module.css';
import { NodeFormPanel } from './NodeFormPanel.js';
import { NodePalette } from './NodePalette.js';
import { ProblemsList, type Problem } from './ProblemsList.js';
import { useAutosave } from './useAutosave.js';
import { useBuilderShortcuts } from './useBuilderShortcuts.js';
import { useFlowEditor } from './useFlowEditor.js';
import { useFormChoices } from './useFormChoices.js';
import { VersionsDrawer } from './VersionsDrawer.js';

const newId = () => crypto.randomUUID();

export function FlowBuilder({ detail, initial }: { detail: FlowDetail; initial: FlowGraph }) {
  const { t } = useTranslation();
  const flow = useReactFlow();
  // Read before the first paint: the canvas fits the flow into the width of the layout it starts in.
  const phone = useMediaQuery('(max-width: 48em)', undefined, { getInitialValueInEffect: false }) ?? false;
  const editor = useFlowEditor(initial);
  const { graph, selection } = editor;
  const [draftChanged, setDraftChanged] = useState(detail.draftChanged);
  const [publishedVersion, setPublishedVersion] = useState(detail.publishedVersion);
  const autosave = useAutosave(detail.id, graph, setDraftChanged);
  const publish = usePublishFlow(detail.id);
  const choices = useFormChoices(detail.id);
  const [serverProblems, setServerProblems] = useState<Problem[] | null>(null);
  const [problemsOpen, setProblemsOpen] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [attachOpen, setAttachOpen] = useState(false);
  const [period, setPeriod] = useState<Period | null>(null);
  const [testing, setTesting] = useState(false);
  const [activeNodeId, setActiveNodeId] = useState<string | null>(null);
  const clipboard = useRef<Clipboard | null>(null);
  const canvasBox = useRef<HTMLDivElement>(null);

  const localProblems = useMemo<Problem[]>(
    () =>
      validateFlow(graph).map((p) => ({
        code: p.code,
        message: p.message,
        nodeId: p.nodeId,
        ...(p.path !== undefined && { field: p.path }),
      })),
    [graph],
  );
  // The server's answer to the last publish, until the graph changes again.
  const problems = serverProblems ?? localProblems;
  const invalidNodes = useMemo(
    () => new Set(localProblems.flatMap((p) => (p.code === 'invalidField' && p.nodeId ? [p.nodeId] : []))),
    [localProblems],
  );
  const variables = useMemo(() => flowVariables(graph), [graph]);
  const nameOf = useCallback<NameOf>((field, id) => choices[field].find((option) => option.value === id)?.label, [choices]);
  const analytics = useFlowAnalytics(detail.id, period);
  const reach = useMemo(
    () =>
      period && analytics.data ? new Map(analytics.data.nodes.map((n) => [n.nodeId, { reached: n.reached, stopped: n.stopped }])) : null,
    [period, analytics.data],
  );

  const edit = editor.edit;
  const editGraph: typeof edit = useCallback(
    (...args) => {
      setServerProblems(null);
      edit(...args);
    },
    [edit],
  );

  const addAt = useCallback(
    (type: NodeType, position: { x: number; y: number }) => {
      const id = newId();
      editGraph((g) => addNode(g, { id, type, position, data: defaultNodeData(type) }), null, { nodes: [id], edges: [] });
    },
    [editGraph],
  );

  // Click-to-add (keyboard users): in the middle of what is on screen, a little apart from the last one.
  const addInView = (type: NodeType) => {
    const box = canvasBox.current?.getBoundingClientRect();
    const centre = box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
    const shift = (graph.nodes.length % 5) * 24;
    addAt(type, { x: centre.x - 110 + shift, y: centre.y - 40 + shift });
  };

  const changeData = useCallback(
    (nodeId: string, path: Path, value: unknown) =>
      editGraph(
        (g) => {
          const node = g.nodes.find((n) => n.id === nodeId);
          return node ? updateNodeData(g, nodeId, setIn(node.data, path, value)) : g;
        },
        `data:${nodeId}:${pathKey(path)}`,
      ),
    [editGraph],
  );

  const removeSelected = (nodeIds: readonly string[] = selection.nodes, edgeIds: readonly string[] = selection.edges) => {
    const onlyStart = nodeIds.length > 0 && nodeIds.every((id) => graph.nodes.find((n) => n.id === id)?.type === 'start');
    if (onlyStart && edgeIds.length === 0) {
      notifications.show({ color: 'yellow', message: t('flows.builder.startKept') });
      return;
    }
    editGraph((g) => removeElements(g, nodeIds, edgeIds), null, { nodes: [], edges: [] });
  };

  useBuilderShortcuts(
    {
      copy: () => {
        if (selection.nodes.length > 0) clipboard.current = copyNodes(graph, selection.nodes);
      },
      paste: () => {
        const clip = clipboard.current;
        if (!clip || clip.nodes.length === 0) return;
        const { graph: next, ids } = pasteNodes(graph, clip, newId);
        // The next paste cascades from these copies instead of stacking on them.
        clipboard.current = copyNodes(next, ids);
        editGraph(next, null, { nodes: ids, edges: [] });
      },
      remove: () => removeSelected(),
      undo: editor.undo,
      redo: editor.redo,
    },
    !phone,
  );

  const focusNode = (nodeId: string) => {
    const node = flow.getInternalNode(nodeId);
    editor.select({ nodes: [nodeId], edges: [] });
    if (node) {
      const { width = 220, height = 80 } = node.measured;
      void flow.setCenter(node.internals.positionAbsolute.x + width / 2, node.internals.positionAbsolute.y + height / 2, {
        zoom: 1.1,
        duration: 400,
      });
    }
    setProblemsOpen(false);
  };

  const onPublish = async () => {
    setServerProblems(null);
    try {
      await autosave.flush();
    } catch {
      notifications.show({ color: 'red', title: t('flows.builder.publishFailed'), message: t('flows.builder.saveError') });
      return;
    }
    try {
      const version = await publish.mutateAsync();
      setPublishedVersion(version.version);
      setDraftChanged(false);
      notifications.show({
        color: 'brand',
        title: t('common.success'),
        message: t('flows.builder.published', { version: version.version }),
      });
    } catch (error) {
      const refused = publishProblems(error);
      if (refused) {
        setServerProblems(
          refused.map((p) => ({
            code: p.code,
            message: p.message,
            nodeId: p.nodeId ?? null,
            ...(p.field !== undefined && { field: p.field }),
          })),
        );
        setProblemsOpen(true);
      } else {
        notifications.show({ color: 'red', title: t('flows.builder.publishFailed'), message: errorMessage(error, t) });
      }
    }
  };

  const replaceDraft = (candidate: unknown): boolean => {
    const parsed = flowGraphSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      notifications.show({
        color: 'red',
        message: t('flows.builder.importInvalid', { problem: issue ? `${issue.path.join('.')} ${issue.message}` : '' }),
      });
      return false;
    }
    editGraph(parsed.data, null, { nodes: [], edges: [] });
    requestAnimationFrame(() => void flow.fitView({ maxZoom: 1.1, duration: 300 }));
    return true;
  };

  const onImport = async (file: File | null) => {
    if (!file) return;
    try {
      if (replaceDraft((await readFlowFile(file)).graph)) notifications.show({ color: 'brand', message: t('flows.builder.importDone') });
    } catch {
      notifications.show({ color: 'red', message: t('flows.importFile.invalid') });
    }
  };

  const onRestore = async (versionId: number, version: number) => {
    setRestoring(versionId);
    try {
      if (replaceDraft((await restoreVersion(detail.id, versionId)).draft)) {
        notifications.show({ color: 'brand', message: t('flows.versions.restored', { version }) });
        setVersionsOpen(false);
      }
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    } finally {
      setRestoring(null);
    }
  };

  const selectedNode = selection.nodes.length === 1 ? (graph.nodes.find((n) => n.id === selection.nodes[0]) ?? null) : null;
  const form = (
    <NodeFormPanel
      node={selectedNode}
      variables={variables}
      choices={choices}
      onChange={changeData}
      onDelete={(id) => removeSelected([id], [])}
    />
  );
  const simulator = <FlowSimulator graph={graph} onActiveNodeChange={setActiveNodeId} />;

  return (
    <div className={classes.layout} data-testid="flow-builder">
      <BuilderToolbar
        name={detail.name}
        status={autosave.status}
        onRetrySave={() => void autosave.retry()}
        publishedVersion={publishedVersion}
        draftChanged={draftChanged}
        canUndo={editor.canUndo}
        canRedo={editor.canRedo}
        onUndo={editor.undo}
        onRedo={editor.redo}
        onLayout={() => {
          editGraph(autoLayout(graph));
          requestAnimationFrame(() => void flow.fitView({ maxZoom: 1.1, duration: 300 }));
        }}
        onExport={() => downloadFlow(detail.name, graph)}
        onImport={(file) => void onImport(file)}
        onVersions={() => setVersionsOpen(true)}
        onAttach={() => setAttachOpen(true)}
        period={period}
        onPeriod={setPeriod}
        testing={testing}
        onTesting={() => {
          setTesting((on) => !on);
          setActiveNodeId(null);
        }}
        problemCount={problems.length}
        problemsOpen={problemsOpen}
        onProblemsOpen={setProblemsOpen}
        problems={
          <>
            <Text size="sm" fw={600} mb={4}>
              {problems.length > 0 ? t('flows.builder.problemsTitle') : t('flows.builder.noProblems')}
            </Text>
            {problems.length > 0 && (
              <Text size="xs" c="dimmed" mb="xs">
                {t('flows.builder.problemsHint')}
              </Text>
            )}
            <ProblemsList problems={problems} graph={graph} onPick={focusNode} />
          </>
        }
        publishing={publish.isPending}
        onPublish={() => void onPublish()}
        compact={phone}
      />
      {period && analytics.data && (
        <Text size="xs" c="dimmed" mb={4} data-testid="flow-analytics-sessions">
          {t('flows.builder.sessions', { count: analytics.data.sessions })}
        </Text>
      )}
      {period && analytics.isError && (
        <Text size="xs" c="red" mb={4}>
          {t('flows.builder.analyticsFailed')}
        </Text>
      )}
      {phone && (
        <Text size="xs" c="dimmed" mb={4}>
          {t('flows.builder.phoneHint')}
        </Text>
      )}
      <div className={classes.body}>
        {!phone && (
          <aside className={classes.palette} aria-label={t('flows.builder.palette')}>
            <NodePalette hasStart={graph.nodes.some((n) => n.type === 'start')} onAdd={addInView} />
          </aside>
        )}
        <div className={classes.canvas} ref={canvasBox}>
          <FlowCanvas
            editor={{ ...editor, edit: editGraph }}
            readOnly={phone}
            activeNodeId={activeNodeId}
            reach={reach}
            invalidNodes={invalidNodes}
            newId={newId}
            nameOf={nameOf}
            onDropNode={addAt}
          />
        </div>
        {!phone && (
          <aside className={classes.side} data-testid={testing ? 'flow-test-pane' : 'flow-side'}>
            {testing ? simulator : form}
          </aside>
        )}
      </div>
      {phone && (
        <Drawer
          opened={testing || selectedNode !== null}
          onClose={() => (testing ? setTesting(false) : editor.select({ nodes: [], edges: [] }))}
          position="bottom"
          size="70%"
          withCloseButton
          // The simulator fills its parent's height: without a flex body its header and input scroll away.
          styles={{ content: { display: 'flex', flexDirection: 'column' }, body: { flex: 1, minHeight: 0 } }}
        >
          {testing ? simulator : form}
        </Drawer>
      )}
      <VersionsDrawer
        flowId={detail.id}
        opened={versionsOpen}
        publishedVersion={publishedVersion}
        restoring={restoring}
        onRestore={(id, version) => void onRestore(id, version)}
        onClose={() => setVersionsOpen(false)}
      />
      <AttachConnectionsModal flow={{ ...detail, publishedVersion }} opened={attachOpen} onClose={() => setAttachOpen(false)} />
    </div>
  );
}
