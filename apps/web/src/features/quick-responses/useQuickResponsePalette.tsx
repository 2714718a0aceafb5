import { useState, type KeyboardEvent, type RefObject } from 'react';
import { notifications } from '@mantine/notifications';
import { matchesQuickResponse, type Message, type QuickResponse } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { QuickResponsePalette, StagedQuickResponse } from './QuickResponsePalette.js';
import { previewQuickResponse, sendQuickResponse, useQuickResponses } from './quickResponsesApi.js';

const MAX_SHOWN = 8;

export interface Staged {
  response: QuickResponse;
  /** The attachments still staged (the agent may drop some), in the response's order. */
  attachmentIds: number[];
}

interface Options {
  ticketId: number;
  text: string;
  setText: (text: string) => void;
  input: RefObject<HTMLTextAreaElement | null>;
}

/** "/word" right before the caret, at the start of a word: what the palette filters by. */
function slashToken(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)\/([^\s/]*)$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/**
 * The composer's "/" palette: filters the caller's quick responses as they type, fills the chosen
 * one's text (variables filled by the server for this ticket, still editable) and stages its
 * attachments, which `send` delivers after the text.
 */
export function useQuickResponsePalette({ ticketId, text, setText, input }: Options) {
  const { t } = useTranslation();
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [staged, setStaged] = useState<Staged | null>(null);
  const [choosing, setChoosing] = useState(false);
  const caret = input.current?.selectionStart ?? text.length;
  const token = slashToken(text, Math.min(caret, text.length));
  const wanted = token !== null && dismissedAt !== token.start;
  const list = useQuickResponses('', wanted || staged !== null);
  const matches = wanted ? (list.data ?? []).filter((r) => matchesQuickResponse(r, token.query)).slice(0, MAX_SHOWN) : [];
  const open = wanted;
  const index = Math.min(active, Math.max(matches.length - 1, 0));
  if (!token && dismissedAt !== null) setDismissedAt(null);

  const choose = async (response: QuickResponse) => {
    if (!token || choosing) return;
    setChoosing(true);
    let body = response.body;
    try {
      body = (await previewQuickResponse(ticketId, response.id)).body;
    } catch (err) {
      notifications.show({ color: 'orange', title: t('quickResponses.palette.previewFailed'), message: errorMessage(err, t) });
    } finally {
      setChoosing(false);
    }
    const end = token.start + token.query.length + 1;
    const next = text.slice(0, token.start) + body + text.slice(end);
    setText(next);
    setStaged({ response, attachmentIds: response.attachments.map((a) => a.id) });
    setActive(0);
    const at = token.start + body.length;
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(at, at);
    });
  };

  /** True when the key belonged to the palette (the composer must not also send). */
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open) return false;
    if (e.key === 'Escape') {
      e.preventDefault();
      setDismissedAt(token.start);
      return true;
    }
    if (matches.length === 0) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((index + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
      return true;
    }
    if ((e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) || e.key === 'Tab') {
      e.preventDefault();
      void choose(matches[index]!);
      return true;
    }
    return false;
  };

  const send = async (body: string): Promise<Message[]> => {
    if (!staged) return [];
    return (await sendQuickResponse(ticketId, staged.response.id, body, staged.attachmentIds)).items;
  };

  const element = (
    <>
      {open && (
        <QuickResponsePalette
          query={token.query}
          matches={matches}
          active={index}
          loading={list.isPending || choosing}
          hasAny={(list.data?.length ?? 0) > 0}
          onHover={setActive}
          onChoose={(r) => void choose(r)}
        />
      )}
      {staged && (
        <StagedQuickResponse
          staged={staged}
          text={text}
          onRemove={(id) => setStaged({ ...staged, attachmentIds: staged.attachmentIds.filter((a) => a !== id) })}
          onDiscard={() => setStaged(null)}
        />
      )}
    </>
  );

  return { element, onKeyDown, staged, send, clear: () => setStaged(null) };
}
