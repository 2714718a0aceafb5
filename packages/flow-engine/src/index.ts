// The pure service-flow engine: the server's inbound runner and the builder's simulator both use it.
export { FLOW_FORMAT, flowGraphSchema } from './graph/flowGraph.js';
export type { FlowGraph, FlowNode } from './graph/flowGraph.js';
export { validateFlow } from './graph/validateFlow.js';
export type { FlowProblem, FlowProblemCode } from './graph/validateFlow.js';
export { compileFlow } from './graph/compileFlow.js';
export type { CompiledFlow } from './graph/compileFlow.js';

export { newSession, step, STEP_BUDGET } from './engine/step.js';
export type { StepResult } from './engine/step.js';
export type { Effect, EndReason, HttpMethod, MediaKind, MediaSource } from './engine/effects.js';
export type { FlowContext, FlowEvent, FlowSession, HoursState, StepLogEntry, Waiting } from './engine/types.js';

export { NODES } from './nodes/registry.js';
export { NODE_TYPES } from './nodes/nodeTypes.js';
export type { NodeType } from './nodes/nodeTypes.js';
export type { NodeDefinition, NodeEditor } from './nodes/defineNode.js';
