import { expect, it } from 'vitest';
import { NODES } from './registry.js';
import type { NodeRegistry } from './registry.js';
import { NODE_TYPES } from './nodeTypes.js';

// Proven by `tsc` (CI's typecheck), not by vitest: a registry missing a node type must not compile.
// If NodeRegistry ever stopped requiring every type, this directive would be unused and tsc would fail.
const { end: _end, ...withoutEnd } = NODES;
// @ts-expect-error: 'end' is not handled
const _incomplete: NodeRegistry = withoutEnd;

it('registers exactly the node types a flow may hold', () => {
  expect(Object.keys(NODES).sort()).toEqual([...NODE_TYPES].sort());
  for (const type of NODE_TYPES) expect(NODES[type].type).toBe(type);
});
