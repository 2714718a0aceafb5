import { describe, expect, it } from 'vitest';
import { parseTurn } from './typebot-client.js';

// Answers in the shapes of https://docs.typebot.io/api-reference/chat/start-chat and …/continue-chat.
describe('parseTurn', () => {
  const cases: Array<[string, unknown, ReturnType<typeof parseTurn>]> = [
    ['not a chat answer', { error: 'x' }, null],
    [
      'markdown text, an image and a choice input',
      {
        sessionId: 's1',
        messages: [
          { id: '1', type: 'text', content: { type: 'markdown', markdown: 'Olá **Ana**' } },
          { id: '2', type: 'image', content: { url: 'https://x/i.png' } },
        ],
        input: {
          id: 'i',
          type: 'choice input',
          items: [
            { id: 'a', content: 'Sim' },
            { id: 'b', content: ' ' },
          ],
        },
      },
      {
        sessionId: 's1',
        messages: [
          { kind: 'text', text: 'Olá **Ana**' },
          { kind: 'link', url: 'https://x/i.png', media: 'image' },
        ],
        choices: [{ id: 'a', content: 'Sim' }],
        ended: false,
      },
    ],
    [
      'rich text (older servers), a picture choice, unknown bubbles skipped',
      {
        messages: [
          {
            type: 'text',
            content: {
              type: 'richText',
              richText: [{ type: 'p', children: [{ text: 'Linha ' }, { text: 'um' }] }, { children: [{ text: 'dois' }] }],
            },
          },
          { type: 'custom-embed', content: {} },
        ],
        input: { type: 'picture choice input', items: [{ id: 'p1', title: 'Pizza' }] },
      },
      { sessionId: null, messages: [{ kind: 'text', text: 'Linha um\ndois' }], choices: [{ id: 'p1', content: 'Pizza' }], ended: false },
    ],
    [
      'no input: the bot ended',
      { messages: [{ type: 'text', content: { markdown: 'Tchau' } }] },
      { sessionId: null, messages: [{ kind: 'text', text: 'Tchau' }], choices: [], ended: true },
    ],
  ];
  it.each(cases)('%s', (_name, data, expected) => {
    expect(parseTurn(data)).toEqual(expected);
  });
});
