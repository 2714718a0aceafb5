import type { Policies, PolicySettings } from './policy-shape.js';

/** Written for this product (LGPD, Lei 13.709/2018); the controller's details come from the settings. */
export function policiesPt(s: PolicySettings): Policies {
  const controller = s.document ? `${s.name} (CNPJ/CPF ${s.document})` : s.name;
  return {
    privacy: [
      {
        id: 'quem-somos',
        title: 'Quem é o controlador',
        body: [
          `O controlador dos dados pessoais tratados neste site e no cadastro de clientes do Jimmy Chat é ${controller}. Para qualquer assunto de privacidade, fale com o nosso encarregado pelo tratamento de dados (DPO) no e-mail ${s.dpoEmail}.`,
          'Esta política explica o que fazemos com os dados de quem visita o site, pede contato, testa ou assina o Jimmy Chat. As conversas que as empresas clientes mantêm com os clientes delas pelo Jimmy Chat são tratadas em nome dessas empresas: nelas, a empresa cliente é a controladora e nós somos operadores, seguindo as instruções dela e o contrato.',
        ],
      },
      {
        id: 'dados',
        title: 'Quais dados coletamos e para quê',
        body: [
          [
            'Formulário de contato: nome, número de WhatsApp, empresa e a mensagem que você escrever — para um atendente falar com você pelo WhatsApp sobre o Jimmy Chat.',
            'Conta no painel: nome, e-mail, senha (guardada apenas como hash) e os registros de acesso — para você entrar, manter a conta segura e cumprir a guarda de registros exigida pelo Marco Civil da Internet.',
            'Cobrança: razão social, CNPJ ou CPF, endereço e histórico de pagamentos — para emitir cobranças e notas fiscais.',
            'Navegação: endereço IP, navegador e páginas acessadas, em registros técnicos do servidor — para segurança e para o site funcionar; e estatísticas de visita somente se você aceitar cookies de estatísticas.',
          ],
        ],
      },
      {
        id: 'bases-legais',
        title: 'Bases legais (art. 7º da LGPD)',
        body: [
          [
            'Procedimentos preliminares e execução de contrato (art. 7º, V): responder ao seu pedido de contato, criar e manter a sua conta, prestar o serviço contratado.',
            'Cumprimento de obrigação legal ou regulatória (art. 7º, II): registros de acesso, documentos fiscais e contábeis.',
            'Legítimo interesse (art. 7º, IX): segurança do site, prevenção de fraudes e abuso (por exemplo, limitar envios repetidos do formulário), sempre respeitando seus direitos e expectativas.',
            'Consentimento (art. 7º, I): cookies de preferências, estatísticas e marketing. Você pode retirar o consentimento a qualquer momento em “Preferências de cookies”.',
            'Exercício regular de direitos (art. 7º, VI): guardar o necessário para nos defender em processos.',
          ],
        ],
      },
      {
        id: 'retencao',
        title: 'Por quanto tempo guardamos',
        body: [
          [
            'Pedidos de contato que não viram contrato: até 12 meses após o último contato, depois são apagados.',
            'Dados da conta e do serviço: enquanto o contrato durar; após o encerramento, a empresa cliente pode exportar tudo e os dados são apagados em até 90 dias, salvo o que a lei obriga a guardar.',
            'Registros de acesso: 6 meses (Marco Civil da Internet, art. 15).',
            'Documentos fiscais: pelo prazo da legislação tributária (em regra, 5 anos).',
          ],
        ],
      },
      {
        id: 'compartilhamento',
        title: 'Com quem compartilhamos',
        body: [
          'Não vendemos dados pessoais. Compartilhamos apenas com operadores que nos ajudam a prestar o serviço, sob contrato e com o mínimo necessário:',
          [
            'Provedores de hospedagem e banco de dados onde o Jimmy Chat roda.',
            'A Meta (WhatsApp), quando uma mensagem é enviada ou recebida pelo WhatsApp.',
            'O gateway de pagamento, para processar cobranças.',
            'O serviço de estatísticas de visita, somente se você consentir.',
            'Autoridades públicas, quando houver obrigação legal ou ordem judicial.',
          ],
        ],
      },
      {
        id: 'transferencia',
        title: 'Transferência internacional',
        body: [
          'Alguns operadores (como a Meta e provedores de nuvem) podem tratar dados fora do Brasil. Nesses casos a transferência segue o art. 33 da LGPD, com cláusulas contratuais e garantias de proteção equivalentes às brasileiras.',
        ],
      },
      {
        id: 'direitos',
        title: 'Seus direitos (art. 18 da LGPD)',
        body: [
          'Você pode, a qualquer momento e sem custo:',
          [
            'confirmar se tratamos seus dados e ter acesso a eles;',
            'corrigir dados incompletos, inexatos ou desatualizados;',
            'pedir anonimização, bloqueio ou eliminação de dados desnecessários, excessivos ou tratados em desconformidade com a lei;',
            'pedir a portabilidade dos dados a outro fornecedor;',
            'pedir a eliminação dos dados tratados com base no seu consentimento;',
            'saber com quem compartilhamos seus dados;',
            'saber da possibilidade de não consentir e das consequências disso;',
            'revogar o consentimento;',
            'opor-se a um tratamento feito com base em outra hipótese legal, se houver descumprimento da lei.',
          ],
          `Para exercer um direito, escreva para ${s.dpoEmail} informando o seu nome e o número de WhatsApp ou e-mail usado conosco. Podemos pedir uma confirmação de identidade antes de atender. Respondemos em até 15 dias. Se a sua conversa foi com uma empresa que usa o Jimmy Chat, o pedido deve ir para essa empresa; nós a ajudamos a atendê-lo. Você também pode reclamar à Autoridade Nacional de Proteção de Dados (ANPD).`,
        ],
      },
      {
        id: 'seguranca',
        title: 'Segurança',
        body: [
          'Usamos conexões criptografadas (HTTPS), senhas guardadas como hash, segredos de integrações cifrados, controle de acesso por perfil e isolamento entre empresas. Se ocorrer um incidente de segurança que possa causar risco ou dano relevante, comunicaremos os afetados e a ANPD.',
        ],
      },
      {
        id: 'mudancas',
        title: 'Mudanças nesta política',
        body: [
          'Quando esta política mudar, atualizaremos a data de vigência no topo da página; mudanças relevantes serão avisadas no painel e por e-mail aos clientes.',
        ],
      },
    ],
    cookies: [
      {
        id: 'o-que-sao',
        title: 'O que são cookies',
        body: [
          'Cookies são pequenos arquivos que o site guarda no seu navegador para lembrar informações entre uma página e outra ou entre visitas. Usamos apenas cookies do próprio Jimmy Chat, e os opcionais só depois da sua escolha.',
        ],
      },
      {
        id: 'categorias',
        title: 'Categorias que usamos',
        body: [
          [
            'Essenciais (sempre ativos): jimmy_consent guarda a sua escolha de cookies (versão, categorias e data) por 6 meses; jc_at e jc_rt mantêm a sessão de quem entra no painel e expiram com ela. Sem eles o site não funciona, por isso não dependem de consentimento.',
            'Preferências (opcionais): lembram opções como o idioma. Hoje não gravamos nenhum; se passarmos a gravar, só será com este consentimento.',
            'Estatísticas (opcionais): quando habilitadas pelo operador do site, carregam um serviço de contagem de visitas que mede páginas vistas de forma agregada. O script desse serviço só é baixado depois que você aceita esta categoria; sem o aceite, nenhuma requisição é feita a ele.',
            'Marketing (opcionais): mediriam o resultado de campanhas. Hoje não usamos nenhum; a categoria existe para pedirmos permissão antes, caso isso mude.',
          ],
        ],
      },
      {
        id: 'escolha',
        title: 'Como mudar a sua escolha',
        body: [
          'Clique em “Preferências de cookies” no rodapé de qualquer página para aceitar, recusar ou personalizar as categorias. Recusar os opcionais não limita nada do site. Você também pode apagar os cookies nas configurações do navegador; nesse caso perguntaremos de novo na próxima visita.',
          'A sua escolha vale por 6 meses ou até mudarmos as categorias desta política, o que vier antes; depois disso perguntamos novamente.',
        ],
      },
      {
        id: 'contato',
        title: 'Contato',
        body: [`Dúvidas sobre cookies ou dados pessoais: ${s.dpoEmail}, o e-mail do nosso encarregado (DPO).`],
      },
    ],
  };
}
