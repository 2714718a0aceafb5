const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A pretend company site with the widget on it: how a newcomer plays the customer locally. */
export function demoPage(widgetKey: string | null): string {
  const snippet = widgetKey ? `<script src="/widget.js" data-key="${escapeHtml(widgetKey)}" defer></script>` : '';
  return `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Padaria Jimmy — demo do widget</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; color: #1f2933; background: #f7faf9; }
  header { background: #0b8457; color: #fff; padding: 32px 24px; }
  main { max-width: 720px; margin: 24px auto; padding: 0 24px; line-height: 1.6; }
  .card { background: #fff; border-radius: 12px; padding: 16px 20px; box-shadow: 0 1px 3px rgba(0,0,0,.08); margin-bottom: 16px; }
  code { background: #eef2f1; padding: 2px 6px; border-radius: 4px; }
</style>
</head>
<body>
<header><h1>Padaria Jimmy</h1><p>Pães frescos todos os dias · Fresh bread every day</p></header>
<main>
  <div class="card">
    <h2>Demo do chat do site</h2>
    <p>Esta página faz o papel do site de um cliente seu. Clique no balão verde no canto inferior direito,
    informe um nome e escreva: a conversa aparece ao vivo em <b>Atendimentos</b> no console (<a href="/" target="_blank">abrir em outra aba</a>).</p>
    <p lang="en"><i>This page plays your customer's website. Click the green bubble, leave a name and write: the conversation shows up live under Tickets in the console.</i></p>
  </div>
  ${widgetKey ? '' : '<div class="card" data-testid="widget-demo-missing"><b>Nenhuma conexão de chat do site existe ainda.</b> Crie uma em Conexões → Nova conexão → Chat do site. / <i>No web-chat connection yet: create one under Connections.</i></div>'}
</main>
${snippet}
</body>
</html>`;
}
