import { describe, expect, it } from 'vitest';
import { fixtureGraph } from '../testing/flowFixture.js';
import { compileFlow } from './compileFlow.js';
import { validateFlow } from './validateFlow.js';

const start = ['start', 'start', { trigger: { kind: 'leadWebhook' } }] as [string, string, unknown];
const message = (id: string): [string, string, unknown] => [id, 'message', { text: 'oi' }];

describe('validateFlow', () => {
  const cases: Array<[string, unknown, Array<{ code: string; nodeId: string | null }>]> = [
    ['a valid flow has no problems', fixtureGraph([start, message('m')], [['start', 'next', 'm']]), []],
    [
      'missing start',
      fixtureGraph([message('m')], []),
      [
        { code: 'missingStart', nodeId: null },
        { code: 'unreachable', nodeId: 'm' },
      ].slice(0, 1),
    ],
    [
      'unreachable node',
      fixtureGraph([start, message('m'), message('lost')], [['start', 'next', 'm']]),
      [{ code: 'unreachable', nodeId: 'lost' }],
    ],
    [
      'dangling edge',
      fixtureGraph(
        [start, message('m')],
        [
          ['start', 'next', 'm'],
          ['m', 'next', 'ghost'],
        ],
      ),
      [{ code: 'danglingEdge', nodeId: 'm' }],
    ],
    [
      'edge from an output the node lacks',
      fixtureGraph(
        [start, message('m')],
        [
          ['start', 'next', 'm'],
          ['m', 'yes', 'start'],
        ],
      ),
      [{ code: 'unknownHandle', nodeId: 'm' }],
    ],
    [
      'missing required field',
      fixtureGraph([start, ['m', 'message', {}]], [['start', 'next', 'm']]),
      [{ code: 'invalidField', nodeId: 'm' }],
    ],
    ['unknown node type', fixtureGraph([start, ['x', 'teleport', {}]], [['start', 'next', 'x']]), [{ code: 'unknownType', nodeId: 'x' }]],
    [
      'two starts',
      fixtureGraph([start, ['s2', 'start', { trigger: { kind: 'leadWebhook' } }]], []),
      [
        { code: 'multipleStarts', nodeId: 's2' },
        { code: 'unreachable', nodeId: 's2' },
      ],
    ],
  ];
  it.each(cases)('%s', (_name, graph, expected) => {
    const problems = validateFlow(graph).map(({ code, nodeId }) => ({ code, nodeId }));
    expect(problems).toEqual(expected);
  });

  it('reports a graph of the wrong shape', () => {
    expect(validateFlow({ nodes: 'no' }).every((problem) => problem.code === 'invalidGraph' && problem.nodeId === null)).toBe(true);
    expect(validateFlow({ nodes: 'no' }).length).toBeGreaterThan(0);
  });

  it('names the field a node schema rejects', () => {
    const graph = fixtureGraph([start, ['m', 'menu', { text: 'Escolha', options: [{ id: 'a', label: '' }] }]], [['start', 'next', 'm']]);
    expect(validateFlow(graph)).toEqual([expect.objectContaining({ code: 'invalidField', nodeId: 'm', path: 'options.0.label' })]);
  });

  it('compileFlow runs a draft with an unreachable node but refuses one with invalid data', () => {
    expect(compileFlow('d', fixtureGraph([start, message('m'), message('lost')], [['start', 'next', 'm']])).ok).toBe(true);
    expect(compileFlow('d', fixtureGraph([start, ['m', 'message', {}]], [['start', 'next', 'm']])).ok).toBe(false);
  });
});
