// Shared by the simulator's tests: graphs with the engine's real node shapes and a fixed clock.
import type { FlowGraph } from '@jimmy/flow-engine';
import type { SimEnv, Simulation, TranscriptItem } from './simulation.js';

export type NodeRow = [id: string, type: string, data: unknown];
export type EdgeRow = [source: string, handle: string, target: string];

export function graph(nodes: NodeRow[], edges: EdgeRow[], variables: FlowGraph['variables'] = []): FlowGraph {
  return {
    format: 1,
    nodes: nodes.map(([id, type, data], index) => ({ id, type, position: { x: index * 200, y: 0 }, data })),
    edges: edges.map(([source, sourceHandle, target]) => ({ id: `${source}-${sourceHandle}-${target}`, source, sourceHandle, target })),
    variables,
  };
}

/** 2026-06-15 12:00 in São Paulo, a Monday; random fixed too, so runs repeat exactly. */
export const env: SimEnv = { now: () => Date.UTC(2026, 5, 15, 15, 0), random: () => 0.5, timeZone: 'America/Sao_Paulo' };
export const START: NodeRow = ['start', 'start', { trigger: { kind: 'newConversation', connectionIds: [] } }];

// What a transcript says, compactly: the test reads like the chat.
export function said(sim: Simulation): string[] {
  return sim.current.transcript.map((item: TranscriptItem) => {
    switch (item.kind) {
      case 'customer':
        return `> ${item.text}`;
      case 'bot':
        return `< ${item.text}`;
      case 'menu':
        return `< ${item.text} [${item.options.map((option) => option.label).join('|')}]`;
      case 'media':
        return `< ${item.media} ${item.url ?? item.libraryId ?? ''}`;
      case 'event':
        return `* ${item.effect.type}`;
      case 'notice':
        return item.notice === 'ignored' ? `! ignored while ${item.while}` : `! ${item.notice}`;
      case 'timeoutFired':
        return '* timeoutFired';
      case 'requestResult':
        return `* ${item.request} ${item.via} ${item.result.ok ? 'ok' : 'error'}`;
    }
  });
}
