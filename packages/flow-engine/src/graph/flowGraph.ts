import { z } from 'zod';

/** The saved format's version; bump it (and migrate) when the shape changes. */
export const FLOW_FORMAT = 1;

const idSchema = z.string().min(1).max(100);

const flowNodeSchema = z.object({
  id: idSchema,
  // Checked against the registry by validateFlow, so an unknown type is a problem on its node.
  type: z.string(),
  position: z.object({ x: z.number(), y: z.number() }),
  data: z.unknown(),
});

const flowEdgeSchema = z.object({
  id: idSchema,
  source: idSchema,
  /** The source node's named output ("next", "true", an option id, "timeout"…). */
  sourceHandle: z.string().min(1),
  target: idSchema,
});

const flowVariableSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][\w.]*$/),
  defaultValue: z.string().optional(),
});

export const flowGraphSchema = z.object({
  format: z.literal(FLOW_FORMAT),
  nodes: z.array(flowNodeSchema),
  edges: z.array(flowEdgeSchema),
  variables: z.array(flowVariableSchema),
});

export type FlowGraph = z.infer<typeof flowGraphSchema>;
export type FlowNode = z.infer<typeof flowNodeSchema>;
