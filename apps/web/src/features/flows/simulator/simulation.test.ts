import { describe, expect, it } from 'vitest';
import {
  awaiting,
  canStepBack,
  createSimulation,
  editContact,
  fireTimeout,
  restart,
  sendCustomerMessage,
  setHours,
  startConversation,
  stepBack,
  updateDraft,
} from './simulation.js';
import { collapseRepeats } from './transcript.js';
import { START, env, graph, said } from './simTestKit.js';

const support = graph(
  [
    START,
    ['hello', 'message', { text: 'Olá! Sou o assistente da Loja.' }],
    ['name', 'question', { prompt: 'Qual é o seu e-mail?', answer: 'email', saveAs: 'email', maxRetries: 1 }],
    ['save', 'contactField', { field: 'email', value: '{{email}}' }],
    [
      'menu',
      'menu',
      {
        text: 'Certo, {{email}}. Sobre o que é?',
        options: [
          { id: 'buy', label: 'Comprar' },
          { id: 'help', label: 'Suporte' },
        ],
      },
    ],
    ['tag', 'tag', { action: 'add', tag: 'suporte' }],
    ['transfer', 'transfer', { queueId: '7', message: 'Vou te passar para o Suporte.' }],
    ['sales', 'end', {}],
    ['gaveUp', 'message', { text: 'Vamos tentar depois.' }],
  ],
  [
    ['start', 'next', 'hello'],
    ['hello', 'next', 'name'],
    ['name', 'next', 'save'],
    ['name', 'invalid', 'gaveUp'],
    ['save', 'next', 'menu'],
    ['menu', 'buy', 'sales'],
    ['menu', 'help', 'tag'],
    ['tag', 'next', 'transfer'],
  ],
);

describe('the simulator runs the draft through the engine', () => {
  it('runs message → question → menu → tag → transfer with replies, updating variables and the contact', () => {
    let sim = createSimulation(support);
    expect(awaiting(sim)).toEqual({ kind: 'start' });
    sim = sendCustomerMessage(sim, 'oi', env);
    expect(said(sim)).toEqual(['> oi', '< Olá! Sou o assistente da Loja.', '< Qual é o seu e-mail?']);
    expect(sim.current.session.nodeId).toBe('name');
    expect(sim.current.session.lastMessage).toBe('oi');

    sim = sendCustomerMessage(sim, 'ana@example.com', env);
    expect(sim.current.session.variables).toMatchObject({ email: 'ana@example.com' });
    expect(sim.current.contact.fields).toEqual({ email: 'ana@example.com' });
    expect(awaiting(sim)).toEqual({ kind: 'reply', menuNodeId: 'menu', timeoutToken: null });
    expect(said(sim).slice(3)).toEqual([
      '> ana@example.com',
      '* setVariable',
      '* setContactField',
      '< Certo, ana@example.com. Sobre o que é? [Comprar|Suporte]',
    ]);

    // Tapping the option sends its label with the option id, as a channel button does.
    sim = sendCustomerMessage(sim, 'Suporte', env, 'help');
    expect(said(sim).slice(7)).toEqual(['> Suporte', '* setTag', '< Vou te passar para o Suporte.', '* transfer', '* end']);
    expect(sim.current.contact.tags).toEqual(['suporte']);
    expect(sim.current.transcript.find((item) => item.kind === 'event' && item.effect.type === 'transfer')).toMatchObject({
      effect: { type: 'transfer', queueId: '7' },
    });
    expect(awaiting(sim)).toEqual({ kind: 'ended', reason: 'transfer' });
    expect(sim.current.session.nodeId).toBe('transfer');
  });

  it('a menu also takes the option number typed by the customer', () => {
    let sim = sendCustomerMessage(createSimulation(support), 'oi', env);
    sim = sendCustomerMessage(sim, 'ana@example.com', env);
    sim = sendCustomerMessage(sim, '1', env);
    expect(awaiting(sim)).toEqual({ kind: 'ended', reason: 'completed' });
    expect(sim.current.session.nodeId).toBe('sales');
  });

  it('an invalid answer is asked again, and one more leaves by the invalid edge', () => {
    let sim = sendCustomerMessage(createSimulation(support), 'oi', env);
    sim = sendCustomerMessage(sim, 'não tenho', env);
    expect(said(sim).slice(3)).toEqual(['> não tenho', '< Não entendi. Pode responder de novo?']);
    expect(awaiting(sim).kind).toBe('reply');
    sim = sendCustomerMessage(sim, 'ainda não', env);
    expect(said(sim).slice(5)).toEqual(['> ainda não', '< Vamos tentar depois.', '* end']);
    expect(sim.current.session.variables['email']).toBeUndefined();
  });

  it('step back restores the variables, the contact and the transcript; restart starts clean', () => {
    let sim = sendCustomerMessage(createSimulation(support, { contact: { fields: { name: 'Ana' }, tags: [] } }), 'oi', env);
    expect(canStepBack(sim)).toBe(true);
    const beforeEmail = sim;
    sim = sendCustomerMessage(sim, 'ana@example.com', env);
    sim = sendCustomerMessage(sim, '2', env);
    expect(sim.current.contact.tags).toEqual(['suporte']);

    sim = stepBack(sim);
    expect(sim.current.contact.tags).toEqual([]);
    expect(awaiting(sim)).toEqual({ kind: 'reply', menuNodeId: 'menu', timeoutToken: null });
    sim = stepBack(sim);
    expect(sim.current).toEqual(beforeEmail.current);
    expect(sim.current.session.variables['email']).toBeUndefined();
    expect(sim.current.contact.fields).toEqual({ name: 'Ana' });

    // A different answer after stepping back takes the other path.
    sim = sendCustomerMessage(sim, 'bia@example.com', env);
    expect(sim.current.session.variables).toMatchObject({ email: 'bia@example.com' });

    sim = restart(sim);
    expect(sim.current.transcript).toEqual([]);
    expect(sim.current.session.status).toBe('new');
    expect(sim.current.session.nodeId).toBeNull();
    expect(sim.current.contact).toEqual({ fields: { name: 'Ana' }, tags: [] });
    expect(canStepBack(sim)).toBe(false);
    expect(stepBack(sim)).toBe(sim);
  });

  it('a question timeout fires on demand through its token, and a Wait node too', () => {
    const draft = graph(
      [
        START,
        ['q', 'question', { prompt: 'Seu nome?', answer: 'text', saveAs: 'name', timeoutMs: 300_000 }],
        ['wait', 'wait', { delayMs: 60_000 }],
        ['bye', 'message', { text: 'Sem resposta, até logo.' }],
        ['hi', 'message', { text: 'Oi {{name}}' }],
      ],
      [
        ['start', 'next', 'q'],
        ['q', 'timeout', 'wait'],
        ['wait', 'next', 'bye'],
        ['q', 'next', 'hi'],
      ],
    );
    let sim = startConversation(createSimulation(draft), env);
    const chip = sim.current.transcript.find((item) => item.kind === 'event' && item.effect.type === 'scheduleTimeout');
    expect(chip).toMatchObject({ effect: { delayMs: 300_000 } });
    const state = awaiting(sim);
    expect(state.kind === 'reply' && state.timeoutToken).toBeTruthy();

    sim = fireTimeout(sim, env);
    expect(awaiting(sim).kind).toBe('timeout');
    // A reply while the Wait node waits is shown, and the engine's refusal is noted.
    sim = sendCustomerMessage(sim, 'oi?', env);
    expect(said(sim).slice(-2)).toEqual(['> oi?', '! ignored while timeout']);
    sim = fireTimeout(sim, env);
    expect(said(sim).slice(-3)).toEqual(['* timeoutFired', '< Sem resposta, até logo.', '* end']);
    expect(fireTimeout(sim, env)).toBe(sim);
  });

  it('reports an invalid draft instead of running it, and runs once it is fixed', () => {
    const broken = graph([START, ['m', 'message', {}]], [['start', 'next', 'm']]);
    let sim = createSimulation(broken);
    expect(sim.flow).toBeNull();
    expect(sim.problems).toEqual([expect.objectContaining({ code: 'invalidField', nodeId: 'm' })]);
    expect(awaiting(sim)).toEqual({ kind: 'invalid' });
    expect(sendCustomerMessage(sim, 'oi', env)).toBe(sim);
    expect(startConversation(sim, env).current.transcript).toEqual([]);

    sim = updateDraft(sim, graph([START, ['m', 'message', { text: 'ok' }], ['lost', 'end', {}]], [['start', 'next', 'm']]));
    expect(sim.problems).toEqual([]);
    // Publishing problems do not stop a test run; they are listed as warnings.
    expect(sim.warnings).toEqual([expect.objectContaining({ code: 'unreachable', nodeId: 'lost' })]);
    sim = startConversation(sim, env);
    expect(said(sim)).toEqual(['< ok', '* end']);
  });

  it('an edit mid-run keeps the session, notes it once, and the next step uses the new draft', () => {
    let sim = sendCustomerMessage(createSimulation(support), 'oi', env);
    const edited = structuredClone(support);
    const menu = edited.nodes.find((node) => node.id === 'menu');
    if (!menu) throw new Error('no menu');
    menu.data = {
      text: 'Escolha:',
      options: [
        { id: 'buy', label: 'Comprar' },
        { id: 'help', label: 'Ajuda' },
      ],
    };
    sim = updateDraft(updateDraft(sim, edited), edited);
    expect(said(sim).filter((line) => line === '! draftChanged')).toHaveLength(1);
    sim = sendCustomerMessage(sim, 'ana@example.com', env);
    expect(said(sim).at(-1)).toBe('< Escolha: [Comprar|Ajuda]');
  });

  it('surfaces the loop guard as an error log and a loop end', () => {
    const loop = graph(
      [START, ['a', 'tag', { action: 'add', tag: 'x' }], ['b', 'tag', { action: 'remove', tag: 'x' }]],
      [
        ['start', 'next', 'a'],
        ['a', 'next', 'b'],
        ['b', 'next', 'a'],
      ],
    );
    const sim = startConversation(createSimulation(loop), env);
    expect(awaiting(sim)).toEqual({ kind: 'ended', reason: 'loop' });
    const [log, end] = sim.current.transcript.slice(-2);
    // 100 nodes ran: the chat folds the repeated chips so the cause stays on screen.
    expect(collapseRepeats(sim.current.transcript).map((run) => [run.items.length, run.repeat])).toEqual([
      [2, 49],
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    expect(log).toMatchObject({ kind: 'event', effect: { type: 'log', level: 'error', message: expect.stringContaining('step budget') } });
    expect(end).toMatchObject({ kind: 'event', effect: { type: 'end', reason: 'loop' } });
  });

  it('working hours follow the simulated switch, for the company and for a queue', () => {
    const draft = graph(
      [
        START,
        ['company', 'workingHours', { target: { kind: 'company' } }],
        ['queue', 'workingHours', { target: { kind: 'queue', queueId: '7' } }],
        ['open', 'message', { text: 'aberto' }],
        ['break', 'message', { text: 'intervalo' }],
        ['closed', 'message', { text: 'fechado' }],
      ],
      [
        ['start', 'next', 'company'],
        ['company', 'open', 'queue'],
        ['company', 'break', 'break'],
        ['company', 'closed', 'closed'],
        ['queue', 'open', 'open'],
        ['queue', 'break', 'break'],
        ['queue', 'closed', 'closed'],
      ],
    );
    const run = (hours: 'open' | 'break' | 'closed') => said(startConversation(setHours(createSimulation(draft), hours), env))[0];
    expect(run('open')).toBe('< aberto');
    expect(run('break')).toBe('< intervalo');
    expect(run('closed')).toBe('< fechado');
  });

  it('media and tag removal show as items; a message after the end is noted', () => {
    const draft = graph(
      [
        START,
        ['pic', 'media', { kind: 'image', source: { url: 'https://cdn.example.com/a.png' }, caption: 'Catálogo' }],
        ['untag', 'tag', { action: 'remove', tag: 'vip' }],
      ],
      [
        ['start', 'next', 'pic'],
        ['pic', 'next', 'untag'],
      ],
    );
    let sim = startConversation(createSimulation(draft, { contact: { fields: {}, tags: ['vip', 'novo'] } }), env);
    expect(said(sim)).toEqual(['< image https://cdn.example.com/a.png', '* removeTag', '* end']);
    expect(sim.current.transcript[0]).toMatchObject({ caption: 'Catálogo' });
    expect(sim.current.contact.tags).toEqual(['novo']);
    sim = sendCustomerMessage(sim, 'alô', env);
    expect(said(sim).slice(-2)).toEqual(['> alô', '! ignored while ended']);
  });

  it('the simulated contact set by the user drives conditions, and before the start it survives a restart', () => {
    const draft = graph(
      [
        START,
        ['vip', 'condition', { groups: [{ rules: [{ source: { kind: 'tags' }, operator: 'equals', value: 'vip' }] }] }],
        ['yes', 'message', { text: 'Olá, {{contact.name}} (VIP)' }],
        ['no', 'message', { text: 'Olá, {{contact.name}}' }],
      ],
      [
        ['start', 'next', 'vip'],
        ['vip', 'true', 'yes'],
        ['vip', 'false', 'no'],
      ],
    );
    let sim = editContact(createSimulation(draft), { fields: { name: 'Bia' }, tags: ['vip', 'vip'] });
    expect(sim.current.contact.tags).toEqual(['vip']);
    sim = startConversation(sim, env);
    expect(said(sim)[0]).toBe('< Olá, Bia (VIP)');
    // Mid-run the edit changes this moment only; restart goes back to the contact set before the start.
    sim = editContact(sim, { fields: { name: 'Caio' }, tags: [] });
    sim = startConversation(restart(sim), env);
    expect(said(sim)[0]).toBe('< Olá, Bia (VIP)');
  });
});
