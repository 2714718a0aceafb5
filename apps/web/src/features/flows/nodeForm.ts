import { NODES } from '@jimmy/flow-engine';
import type { FlowGraph, NodeType } from '@jimmy/flow-engine';
import { fieldsOf, type FieldSpec, type JsonSchema } from './schemaForm.js';

const cache = new Map<NodeType, FieldSpec[]>();

/** The form of a node type, from its engine schema; `input` so fields with a default are optional. */
export function nodeFields(type: NodeType): FieldSpec[] {
  let fields = cache.get(type);
  if (!fields) {
    const schema = NODES[type].schema.toJSONSchema({ io: 'input', unrepresentable: 'any' }) as JsonSchema;
    fields = fieldsOf(schema);
    cache.set(type, fields);
  }
  return fields;
}

/** The contact's fields every template may use. */
const CONTACT_VARIABLES = ['contact.name', 'contact.phone', 'contact.email'] as const;

/**
 * Names a `{{…}}` may use here: the flow's declared variables, the contact's fields, and what the
 * nodes save (question and menu answers, set variable, HTTP mappings, AI answers).
 */
export function flowVariables(graph: FlowGraph): string[] {
  const names = new Set(graph.variables.map((variable) => variable.name));
  for (const node of graph.nodes) {
    const data = (node.data ?? {}) as Record<string, unknown>;
    const add = (value: unknown) => {
      if (typeof value === 'string' && /^[A-Za-z_][\w.]*$/.test(value)) names.add(value);
    };
    switch (node.type) {
      case 'question':
      case 'menu':
      case 'aiAnswer':
        add(data.saveAs);
        break;
      case 'setVariable':
        add(data.name);
        break;
      case 'httpRequest':
        if (Array.isArray(data.mappings)) for (const mapping of data.mappings) add((mapping as { variable?: unknown })?.variable);
        break;
    }
  }
  return [...[...names].sort((a, b) => a.localeCompare(b)), ...CONTACT_VARIABLES];
}

/** Inserts `{{name}}` where the caret is (or at the end), returning the text and the caret after it. */
export function insertVariable(text: string, name: string, at: number | null): { text: string; caret: number } {
  const token = `{{${name}}}`;
  const position = at === null || at < 0 || at > text.length ? text.length : at;
  return { text: text.slice(0, position) + token + text.slice(position), caret: position + token.length };
}

/** The company's name for an id a node stores (a queue, an agent, another flow). */
export type NameOf = (field: 'queueId' | 'agentId' | 'flowId', id: string) => string | undefined;

/** One line that tells nodes apart on the canvas without opening them. */
export function nodeSummary(type: string, data: unknown, nameOf: NameOf = () => undefined): string {
  const d = (data ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const named = (field: Parameters<NameOf>[0], value: unknown) => (text(value) ? (nameOf(field, text(value)) ?? text(value)) : '');
  switch (type) {
    case 'message':
      return text(d.text);
    case 'question':
      return text(d.prompt);
    case 'menu':
      return text(d.text);
    case 'media':
      return text(d.caption) || text(d.kind);
    case 'setVariable':
      return text(d.name) ? `${text(d.name)} =` : '';
    case 'tag':
      return text(d.tag) ? `${d.action === 'remove' ? '−' : '+'} ${text(d.tag)}` : '';
    case 'contactField':
      return text(d.field) ? `${text(d.field)} = ${text(d.value)}` : '';
    case 'httpRequest':
      return text(d.url) ? `${text(d.method)} ${text(d.url)}` : '';
    case 'aiAnswer':
      return text(d.systemPrompt);
    case 'transfer':
      return [named('queueId', d.queueId), named('agentId', d.agentId)].filter(Boolean).join(' · ') || text(d.message);
    case 'workingHours':
      return named('queueId', (d.target as { queueId?: unknown } | undefined)?.queueId);
    case 'goToFlow':
      return named('flowId', d.flowId);
    case 'closeTicket':
      return text(d.message);
    default:
      return '';
  }
}
