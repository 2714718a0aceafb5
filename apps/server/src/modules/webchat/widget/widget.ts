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
  /** A signed path on our origin for a file we sent (only ever built by our server). */
  mediaUrl?: string | null;
  type?: string;
  at: string;
  /** The agent who wrote an outbound line (absent for bot and system lines). */
  agentName?: string | null;
  /** A menu's choices, drawn as buttons under its line while it is the latest one. */
  options?: Array<{ id: string; title: string }>;
}

/** What the server says about the visitor's latest conversation. */
interface ConversationState {
  closed: boolean;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/**
 * Drawn, not an emoji: a host page without an emoji font would show an empty box. Paths are
 * fixed strings of ours, so building them with createElementNS stays free of any HTML parsing.
 */
function icon(paths: string[]): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of paths) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
const chatIcon = () =>
  icon([
    'M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6c-.5.4-1.3.1-1.3-.6V16A2.5 2.5 0 0 1 4 13.5z',
  ]);
const closeIcon = () => icon(['M6 6l12 12M18 6L6 18']);
const fileIcon = () => icon(['M7 3h7l5 5v11a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z', 'M14 3v5h5']);

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
      agent: 'Agent',
      closed: 'This conversation was closed. Write again whenever you need us.',
      servedBy: (name: string) => `You are talking to ${name}`,
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
      agent: 'Atendente',
      closed: 'Esta conversa foi encerrada. Se precisar, é só escrever de novo.',
      servedBy: (name: string) => `Você está falando com ${name}`,
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

  const bubble = element('button', { class: 'bubble', 'aria-label': t.open, 'data-testid': 'widget-bubble' });
  bubble.append(chatIcon());
  const panel = element('section', { class: 'panel', hidden: '', 'aria-label': t.title, 'data-testid': 'widget-panel' });
  const header = element('header');
  const heading = element('div', { class: 'heading' });
  const servedBy = element('small', { class: 'served-by', 'data-testid': 'widget-served-by', hidden: '' });
  heading.append(element('strong', {}, t.title), servedBy);
  const closeButton = element('button', { class: 'close', 'aria-label': t.close });
  closeButton.append(closeIcon());
  header.append(heading, closeButton);
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

  let closedNotice: HTMLLIElement | undefined;
  const showClosed = (closed: boolean) => {
    closedNotice?.remove();
    closedNotice = undefined;
    if (!closed) return;
    closedNotice = element('li', { class: 'notice', role: 'status', 'data-testid': 'widget-closed' }, t.closed);
    list.append(closedNotice);
    list.scrollTop = list.scrollHeight;
  };

  let choices: HTMLElement | undefined;
  const render = (line: ChatLine) => {
    const identity = line.id !== undefined ? `id:${line.id}` : `ref:${line.clientRef}`;
    if (seen.has(identity)) return;
    seen.add(identity);
    // A new line after the closing notice belongs to a new conversation.
    showClosed(false);
    const item = element('li', { class: line.direction === 'in' ? 'mine' : 'theirs' });
    if (line.direction === 'out' && line.agentName) {
      item.append(element('span', { class: 'author', 'data-testid': 'widget-author' }, line.agentName));
      servedBy.textContent = t.servedBy(line.agentName);
      servedBy.hidden = false;
    }
    const media = line.mediaUrl?.startsWith('/webchat/media/') ? `${origin}${line.mediaUrl}` : null;
    if (media && line.type === 'image') {
      const link = element('a', { href: media, target: '_blank', rel: 'noopener noreferrer', class: 'media' });
      link.append(element('img', { src: media, alt: line.fileName ?? t.file, loading: 'lazy' }));
      item.append(link);
    } else if (media && line.type === 'audio') {
      item.append(element('audio', { src: media, controls: '', preload: 'none' }));
    } else if (media) {
      const link = element('a', { href: media, target: '_blank', rel: 'noopener noreferrer', class: 'file', 'data-testid': 'widget-file' });
      link.append(fileIcon(), document.createTextNode(line.fileName ?? t.file));
      item.append(link);
    }
    if (line.body || !media) {
      const text = element('span', { class: 'text' }, line.body || line.fileName || t.file);
      if (!line.body && line.fileName) text.prepend(fileIcon());
      item.append(text);
    }
    item.append(element('time', {}, new Date(line.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })));
    list.append(item);
    // Only the latest menu can be answered: any new line retires the buttons of an older one.
    choices?.remove();
    choices = undefined;
    if (line.direction === 'out' && line.options && line.options.length > 0) {
      choices = element('li', { class: 'choices', 'data-testid': 'widget-choices' });
      for (const option of line.options) {
        const button = element('button', { type: 'button', class: 'choice' }, option.title);
        button.addEventListener('click', () => send(option.title, option.id));
        choices.append(button);
      }
      list.append(choices);
    }
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
      socket?.emit('visitor:history', ({ items, conversation }: { items: ChatLine[]; conversation?: ConversationState }) => {
        items.forEach(render);
        showClosed(conversation?.closed ?? false);
        if (!panel.hidden) socket?.emit('visitor:read');
      });
    });
    socket.on('conversation:closed', () => {
      showClosed(true);
      servedBy.hidden = true;
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

  function send(text: string, choiceId?: string) {
    if (!text || !socket) return;
    const clientId = crypto.randomUUID();
    render({ clientRef: clientId, direction: 'in', body: text, at: new Date().toISOString() });
    socket.emit('visitor:message', { clientId, text, ...(choiceId && { choiceId }) });
  }
  const sendTyped = () => {
    const text = textInput.value.trim();
    textInput.value = '';
    send(text);
  };
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    sendTyped();
  });
  textInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      sendTyped();
    }
  });

  connect();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
else mount();
