import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ChatConversation, ChatMessage, PresenceStatus } from '@jimmy/contracts';
import { useRealtimeSocket } from '../realtime/index.js';
import { useCurrentUser } from '../auth/index.js';
import { addMessage, chatKeys, upsertConversation } from './teamChatApi.js';

/** Without mouse, keys or touch for this long, the user shows as "away". */
const AWAY_AFTER_MS = 5 * 60_000;
/** A typing indicator fades when no new `chat.typing` arrives within this time. */
const TYPING_SHOWN_MS = 4000;

// Who is typing where: short-lived, shared by the panel and the page, so outside react-query.
const typing = new Map<number, Map<number, number>>();
/** Per conversation, the users typing now: recomputed on each change, stable between them. */
let snapshot = new Map<number, number[]>();
const EMPTY: number[] = [];
const listeners = new Set<() => void>();
const bump = () => {
  const now = Date.now();
  snapshot = new Map([...typing].map(([id, users]) => [id, [...users].filter(([, until]) => until > now).map(([user]) => user)]));
  for (const l of listeners) l();
};
function setTyping(conversationId: number, userId: number, on: boolean) {
  const users = typing.get(conversationId) ?? new Map<number, number>();
  if (on) users.set(userId, Date.now() + TYPING_SHOWN_MS);
  else users.delete(userId);
  typing.set(conversationId, users);
  bump();
  if (on) setTimeout(bump, TYPING_SHOWN_MS + 50);
}

/** The users typing in a conversation right now. */
export function useTypingUsers(conversationId: number): number[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => snapshot.get(conversationId) ?? EMPTY,
  );
}

/** Keeps the chat caches live from the session's socket, and reports idle/active for presence. */
export function useTeamChatRealtime() {
  const qc = useQueryClient();
  const socket = useRealtimeSocket();
  const me = useCurrentUser();

  useEffect(() => {
    if (!socket) return;
    const onMessage = ({ message }: { message: ChatMessage }) => {
      setTyping(message.conversationId, message.authorId ?? 0, false);
      addMessage(qc, message, message.authorId === me.id);
    };
    const onRead = ({
      conversationId,
      userId,
      messageId,
      at,
    }: {
      conversationId: number;
      userId: number;
      messageId: number;
      at: string;
    }) => {
      qc.setQueryData<ChatConversation[]>(chatKeys.conversations, (list) =>
        list?.map((c) =>
          c.id !== conversationId
            ? c
            : {
                ...c,
                unreadCount: userId === me.id ? 0 : c.unreadCount,
                reads: c.reads.map((r) => (r.userId === userId ? { userId, messageId, at } : r)),
              },
        ),
      );
    };
    const onTyping = ({ conversationId, userId }: { conversationId: number; userId: number }) => setTyping(conversationId, userId, true);
    const onConversation = ({ conversation }: { conversation: ChatConversation }) => upsertConversation(qc, conversation);
    const onRemoved = ({ conversationId }: { conversationId: number }) =>
      qc.setQueryData<ChatConversation[]>(chatKeys.conversations, (list) => list?.filter((c) => c.id !== conversationId));
    const onPresence = ({ userId, status }: { userId: number; status: PresenceStatus }) =>
      qc.setQueryData<Record<number, PresenceStatus>>(chatKeys.presence, (map) => (map ? { ...map, [userId]: status } : map));
    // After a reconnect anything may have been missed.
    const refetch = () => void qc.invalidateQueries({ queryKey: chatKeys.all });
    socket.on('chat.message', onMessage);
    socket.on('chat.read', onRead);
    socket.on('chat.typing', onTyping);
    socket.on('chat.conversation', onConversation);
    socket.on('chat.conversation.removed', onRemoved);
    socket.on('presence.changed', onPresence);
    socket.io.on('reconnect', refetch);
    return () => {
      socket.off('chat.message', onMessage);
      socket.off('chat.read', onRead);
      socket.off('chat.typing', onTyping);
      socket.off('chat.conversation', onConversation);
      socket.off('chat.conversation.removed', onRemoved);
      socket.off('presence.changed', onPresence);
      socket.io.off('reconnect', refetch);
    };
  }, [qc, socket, me.id]);

  // Idle timer: "away" after a while without input, "online" again at the first sign of life.
  useEffect(() => {
    if (!socket) return;
    let away = false;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        away = true;
        socket.emit('presence.away', {});
      }, AWAY_AFTER_MS);
    };
    const active = () => {
      if (away) {
        away = false;
        socket.emit('presence.activity', {});
      }
      arm();
    };
    const events = ['mousemove', 'keydown', 'pointerdown', 'focus', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, active, { passive: true });
    arm();
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, active);
    };
  }, [socket]);
}
