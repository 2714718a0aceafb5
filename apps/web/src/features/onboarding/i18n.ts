import type { Dictionary } from '../../lib/i18n/types.js';

/** Strings of the first-steps checklist (SaaS); pt-BR is the source shape, en must match it. */
export const onboardingPtBR = {
  button: 'Primeiros passos',
  buttonLabel: 'Primeiros passos: {{done}} de {{total}} concluídos',
  title: 'Primeiros passos',
  intro: 'Cinco passos para deixar o atendimento pronto. Cada um se marca sozinho assim que você o conclui.',
  progress: '{{done}} de {{total}} concluídos',
  done: 'Concluído',
  allDone: 'Tudo pronto! Sua equipe já pode atender. A lista some quando você fechar.',
  dismiss: 'Ocultar esta lista',
  dismissHint: 'Você pode reabri-la no menu do seu usuário.',
  dismissed: 'Lista oculta. Para vê-la de novo, abra o menu do seu usuário.',
  reopen: 'Primeiros passos',
  steps: {
    connect_whatsapp: {
      title: 'Conectar o WhatsApp',
      text: 'Use a API oficial da Meta ou leia o QR Code com o celular da empresa.',
      action: 'Abrir Conexões',
    },
    create_queue: {
      title: 'Criar uma fila',
      text: 'Filas separam os atendimentos por setor ou assunto, como Vendas e Suporte.',
      action: 'Abrir Filas',
    },
    invite_agent: {
      title: 'Convidar um atendente',
      text: 'Cadastre quem vai atender. Cada pessoa entra com o próprio e-mail e senha.',
      action: 'Abrir Usuários',
    },
    build_flow: {
      title: 'Montar um fluxo',
      text: 'Um fluxo recebe o cliente, faz perguntas e leva à fila certa. Ele vale depois de publicado.',
      action: 'Abrir Fluxos',
    },
    try_widget: {
      title: 'Testar o chat do site',
      text: 'Crie uma conexão de chat para site e mande uma mensagem pela página de teste, como um visitante.',
      action: 'Criar o chat do site',
      actionDemo: 'Abrir a página de teste',
    },
  },
};

export const onboardingEn: Dictionary<typeof onboardingPtBR> = {
  button: 'Getting started',
  buttonLabel: 'Getting started: {{done}} of {{total}} done',
  title: 'Getting started',
  intro: 'Five steps to get your helpdesk ready. Each one ticks itself as soon as you finish it.',
  progress: '{{done}} of {{total}} done',
  done: 'Done',
  allDone: 'All set! Your team can start answering. This list goes away when you close it.',
  dismiss: 'Hide this list',
  dismissHint: 'You can bring it back from your user menu.',
  dismissed: 'List hidden. To see it again, open your user menu.',
  reopen: 'Getting started',
  steps: {
    connect_whatsapp: {
      title: 'Connect WhatsApp',
      text: 'Use Meta’s official API or scan the QR code with the company phone.',
      action: 'Open Connections',
    },
    create_queue: {
      title: 'Create a queue',
      text: 'Queues split conversations by team or topic, such as Sales and Support.',
      action: 'Open Queues',
    },
    invite_agent: {
      title: 'Invite an agent',
      text: 'Add the people who will answer. Each one signs in with their own e-mail and password.',
      action: 'Open Users',
    },
    build_flow: {
      title: 'Build a flow',
      text: 'A flow greets the customer, asks questions and routes to the right queue. It runs once published.',
      action: 'Open Flows',
    },
    try_widget: {
      title: 'Try the website chat',
      text: 'Create a website chat connection and send a message from its test page, as a visitor would.',
      action: 'Create the website chat',
      actionDemo: 'Open the test page',
    },
  },
};
