import type { NodeType } from '@jimmy/flow-engine';

/**
 * What a node holds when dropped on the canvas: the choices a new user would make most often,
 * with the texts left empty so the form asks for them (publishing refuses them until then).
 */
export function defaultNodeData(type: NodeType): unknown {
  switch (type) {
    case 'start':
      return { trigger: { kind: 'newConversation', connectionIds: [] } };
    case 'message':
      return { text: '', typingMs: 0 };
    case 'media':
      return { kind: 'image', source: { libraryId: '' } };
    case 'question':
      return { prompt: '', answer: 'text', choices: [], saveAs: '', maxRetries: 2 };
    case 'menu':
      return {
        text: '',
        options: [
          { id: 'opt1', label: '' },
          { id: 'opt2', label: '' },
        ],
        maxRetries: 2,
      };
    case 'condition':
      return {
        match: 'all',
        groups: [{ match: 'all', rules: [{ source: { kind: 'message' }, operator: 'contains', value: '', negate: false }] }],
      };
    case 'setVariable':
      return { name: '', value: { kind: 'literal', value: '' } };
    case 'tag':
      return { action: 'add', tag: '' };
    case 'contactField':
      return { field: '', value: '' };
    case 'workingHours':
      return { target: { kind: 'company' } };
    case 'httpRequest':
      return { method: 'GET', url: '', headers: [], timeoutMs: 10_000, mappings: [] };
    case 'aiAnswer':
      return { systemPrompt: '', sendToCustomer: true, typingMs: 0 };
    case 'wait':
      return { delayMs: 60_000 };
    case 'goToFlow':
      return { flowId: '' };
    case 'transfer':
      return {};
    case 'closeTicket':
      return { survey: false };
    case 'end':
      return {};
  }
}

/** A new list item's id, unique among its siblings and readable in exports ("opt3"). */
export function nextItemId(items: readonly unknown[], prefix = 'opt'): string {
  const taken = new Set(items.map((item) => (item !== null && typeof item === 'object' && 'id' in item ? String(item.id) : '')));
  let n = items.length + 1;
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}
