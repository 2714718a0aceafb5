/// <reference lib="dom" />
// The embeddable web-chat widget: <script src="https://your-jimmy/widget.js" data-key="wc_…" defer></script>
// Everything lives in a shadow root so the host page's CSS cannot break it, and every customer or
// agent text is inserted with textContent, never as HTML.
import { io, type Socket } from 'socket.io-client';
import { widgetStyles } from './widget.styles.js';

interface ChatLine {
  id?: number;
  clientRef?: string;
  direction: 'in' | 'out';
  body: string;
  fileName?: string | null;
  at: string;
}

const script = document.currentScript as HTMLScriptElement | null;
const key = script?.dataset.key ?? '';
const origin = script ? new URL(script.src).origin : window.location.origin;
const storageKey = `jimmy-chat:${key}`;
const en = !navigator.language.toLowerCase().startsWith('pt');
const t = en
  ? {
      title: 'Chat with us',
      intro: 'Hi! Leave your name and we will answer right here.',
      name: 'Your name',
      phone: 'WhatsApp (optional)',
      start: 'Start chat',
      placeholder: 'Type a message…',
      send: 'Send',
      offline: 'Reconnecting…',
      open: 'Open chat',
      close: 'Close chat',
      file: 'File',
    }
  : {
      title: 'Fale com a gente',
      intro: 'Olá! Deixe seu nome e responderemos por aqui.',
      name: 'Seu nome',
      phone: 'WhatsApp (opcional)',
      start: 'Iniciar conversa',
      placeholder: 'Digite uma mensagem…',
      send: 'Enviar',
      offline: 'Reconectando…',
      open: 'Abrir chat',
      close: 'Fechar chat',
      file: 'Arquivo',
    };

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function mount(): void {
  if (!key) {
    console.warn('Jimmy Chat widget: missing data-key on the script tag');
    return;
  }
  const host = element('div', { id: 'jimmy-chat-widget' });
  document.body.appendChild(host);
  const root = host.attachShadow({ mode: 'open' });
  root.appendChild(element('style', {}, widgetStyles));

  const bubble = element('button', { class: 'bubble', 'aria-label': t.open, 'data-testid': 'widget-bubble' }, '💬');
  const panel = element('section', { class: 'panel', hidden: '', 'aria-label': t.title, 'data-testid': 'widget-panel' });
  const header = element('header');
  header.append(element('strong', {}, t.title));
  const closeButton = element('button', { class: 'close', 'aria-label': t.close }, '×');
  header.append(closeButton);
  const status = element('div', { class: 'status', hidden: '' }, t.offline);
  const list = element('ol', { class: 'lines', 'data-testid': 'widget-lines' });

  const startForm = element('form', { class: 'start', 'data-testid': 'widget-start' });
  startForm.append(element('p', {}, t.intro));
  const nameInput = element('input', { name: 'name', required: '', maxlength: '80', placeholder: t.name, 'data-testid': 'widget-name' });
  const phoneInput = element('input', { name: 'phone', maxlength: '20', placeholder: t.phone, inputmode: 'tel' });
  startForm.append(nameInput, phoneInput, element('button', { type: 'submit', 'data-testid': 'widget-start-submit' }, t.start));

  const composer = element('form', { class: 'composer', hidden: '' });
  const textInput = element('textarea', { rows: '1', maxlength: '4096', placeholder: t.placeholder, 'data-testid': 'widget-input' });
  composer.append(textInput, element('button', { type: 'submit', 'data-testid': 'widget-send' }, t.send));
  panel.append(header, status, list, startForm, composer);
  root.append(bubble, panel);

  let socket: Socket | undefined;
  const seen = new Set<string>();

  const render = (line: ChatLine) => {
    const identity = line.id !== undefined ? `id:${line.id}` : `ref:${line.clientRef}`;
    if (seen.has(identity)) return;
    seen.add(identity);
    const item = element('li', { class: line.direction === 'in' ? 'mine' : 'theirs' });
    item.append(element('span', { class: 'text' }, line.body || (line.fileName ? `📎 ${line.fileName}` : '')));
    item.append(element('time', {}, new Date(line.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })));
    list.append(item);
    list.scrollTop = list.scrollHeight;
  };

  const showChat = () => {
    startForm.hidden = true;
    composer.hidden = false;
    textInput.focus();
  };

  const connect = () => {
    const visitorToken = localStorage.getItem(storageKey) ?? undefined;
    socket = io(`${origin}/webchat`, { path: '/socket.io', auth: { key, visitorToken }, transports: ['websocket', 'polling'] });
    socket.on('connect', () => (status.hidden = true));
    socket.on('disconnect', () => (status.hidden = false));
    socket.on('visitor:state', ({ known }: { known: boolean }) => {
      if (!known) {
        localStorage.removeItem(storageKey);
        return;
      }
      showChat();
      socket?.emit('visitor:history', ({ items }: { items: ChatLine[] }) => {
        items.forEach(render);
        if (!panel.hidden) socket?.emit('visitor:read');
      });
    });
    socket.on('agent:message', (line: ChatLine, ack?: () => void) => {
      render(line);
      ack?.();
      if (!panel.hidden && document.visibilityState === 'visible') socket?.emit('visitor:read');
    });
  };

  bubble.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    if (!panel.hidden) {
      socket?.emit('visitor:read');
      (startForm.hidden ? textInput : nameInput).focus();
    }
  });
  closeButton.addEventListener('click', () => (panel.hidden = true));

  startForm.addEventListener('submit', (event) => {
    event.preventDefault();
    socket?.emit('visitor:start', { name: nameInput.value, phone: phoneInput.value }, (answer: { visitorToken?: string }) => {
      if (!answer.visitorToken) return;
      localStorage.setItem(storageKey, answer.visitorToken);
      // Reconnect so the handshake carries the token and joins the visitor's room.
      socket?.disconnect();
      connect();
    });
  });

  const send = () => {
    const text = textInput.value.trim();
    if (!text || !socket) return;
    const clientId = crypto.randomUUID();
    render({ clientRef: clientId, direction: 'in', body: text, at: new Date().toISOString() });
    textInput.value = '';
    socket.emit('visitor:message', { clientId, text });
  };
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  textInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    }
  });

  connect();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
else mount();
