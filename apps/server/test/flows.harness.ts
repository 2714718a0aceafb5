import { expect } from 'vitest';
import type { TestApp } from './harness.js';

type Node = [id: string, type: string, data: unknown];
type Edge = [source: string, handle: string, target: string];

export const START: Node = ['start', 'start', { trigger: { kind: 'newConversation', connectionIds: [] } }];

/** A graph in the saved format (@jimmy/flow-engine FlowGraph), written out by hand as a client would. */
export function graphOf(nodes: Node[], edges: Edge[]) {
  return {
    format: 1,
    nodes: nodes.map(([id, type, data], index) => ({ id, type, position: { x: index * 220, y: 0 }, data })),
    edges: edges.map(([source, sourceHandle, target]) => ({ id: `${source}-${sourceHandle}-${target}`, source, sourceHandle, target })),
    variables: [],
  };
}

/** start → ask (a question) → bye: publishable. */
export const askFlow = () =>
  graphOf(
    [START, ['ask', 'question', { prompt: 'Qual é o seu nome?', answer: 'text', saveAs: 'nome' }], ['bye', 'message', { text: 'Até!' }]],
    [
      ['start', 'next', 'ask'],
      ['ask', 'next', 'bye'],
    ],
  );

export const helloFlow = (text = 'Olá!') => graphOf([START, ['hello', 'message', { text }]], [['start', 'next', 'hello']]);

let counter = 0;
/** Creates a flow (optionally published) as `token` and answers its id. */
export async function createFlow(app: TestApp, token: string, graph: unknown = helloFlow(), publish = false): Promise<number> {
  const created = await app.inject({ method: 'POST', url: '/api/flows', token, payload: { name: `Fluxo ${++counter}`, graph } });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json<{ id: number }>().id;
  if (publish) {
    const published = await app.inject({ method: 'POST', url: `/api/flows/${id}/publish`, token });
    expect(published.statusCode, published.body).toBe(201);
  }
  return id;
}
