import type { Effect, FlowSession, MediaKind } from '@jimmy/flow-engine';

/** The simulated contact: fields and tags that setContactField / setTag / removeTag change. */
export interface SimContact {
  fields: Record<string, string>;
  tags: string[];
}

/** Effects the chat shows as small event chips rather than as messages. */
export type EventEffect = Exclude<Effect, { type: 'sendText' | 'sendMedia' | 'sendMenu' }>;

export type TranscriptItem =
  | { id: number; kind: 'customer'; text: string }
  | { id: number; kind: 'bot'; text: string }
  | { id: number; kind: 'media'; media: MediaKind; url: string | null; libraryId: string | null; caption: string | null }
  /** `nodeId`: the menu node that waits for the answer; only the latest pending menu is clickable. */
  | { id: number; kind: 'menu'; text: string; options: Array<{ id: string; label: string }>; nodeId: string | null }
  | { id: number; kind: 'event'; effect: EventEffect }
  | { id: number; kind: 'timeoutFired' }
  | {
      id: number;
      kind: 'requestResult';
      request: 'http' | 'ai';
      via: 'real' | 'mock';
      result: { ok: true; data: unknown; status?: number } | { ok: false; error: string; status?: number };
    }
  /**
   * `ignored`: the engine did not take the event because the flow had ended or waits for something
   * else (`detail` is the engine's log line); `draftChanged`: the graph was edited mid-run.
   */
  | { id: number; kind: 'notice'; notice: 'ignored'; while: 'ended' | 'timeout' | 'effectResult' | 'other'; detail: string }
  | { id: number; kind: 'notice'; notice: 'draftChanged' };

/** Turns one step's effects into chat items and applies their contact changes, in order. */
export function transcriptFromEffects(
  effects: readonly Effect[],
  contact: SimContact,
  session: FlowSession,
  firstId: number,
): { items: TranscriptItem[]; contact: SimContact; nextId: number } {
  let nextId = firstId;
  const fields = { ...contact.fields };
  let tags = [...contact.tags];
  const items: TranscriptItem[] = [];
  for (const effect of effects) {
    const id = nextId++;
    switch (effect.type) {
      case 'sendText':
        items.push({ id, kind: 'bot', text: effect.text });
        break;
      case 'sendMedia':
        items.push({
          id,
          kind: 'media',
          media: effect.kind,
          url: 'url' in effect.source ? effect.source.url : null,
          libraryId: 'libraryId' in effect.source ? effect.source.libraryId : null,
          caption: effect.caption ?? null,
        });
        break;
      case 'sendMenu':
        // A menu always waits for its answer right away, so the waiting node is the menu's.
        items.push({ id, kind: 'menu', text: effect.text, options: effect.options, nodeId: session.waiting?.nodeId ?? session.nodeId });
        break;
      case 'setTag':
        if (!tags.includes(effect.tag)) tags.push(effect.tag);
        items.push({ id, kind: 'event', effect });
        break;
      case 'removeTag':
        tags = tags.filter((tag) => tag !== effect.tag);
        items.push({ id, kind: 'event', effect });
        break;
      case 'setContactField':
        fields[effect.field] = effect.value;
        items.push({ id, kind: 'event', effect });
        break;
      default:
        items.push({ id, kind: 'event', effect });
    }
  }
  return { items, contact: { fields, tags }, nextId };
}

/** A timer's delay in its largest whole unit ("5 min", "2 h"), for the "aguardando" chip. */
export function durationParts(ms: number): { unit: 'seconds' | 'minutes' | 'hours' | 'days'; count: number } {
  const seconds = Math.round(ms / 1000);
  if (seconds % 86_400 === 0 && seconds >= 86_400) return { unit: 'days', count: seconds / 86_400 };
  if (seconds % 3_600 === 0 && seconds >= 3_600) return { unit: 'hours', count: seconds / 3_600 };
  if (seconds >= 60) return { unit: 'minutes', count: Math.round(seconds / 60) };
  return { unit: 'seconds', count: seconds };
}

/** A run of the chat: `items` once, standing for `repeat` identical runs in a row. */
export interface ShownRun {
  items: TranscriptItem[];
  repeat: number;
}

/** The longest cycle folded: a loop through more nodes than this shows in full. */
const MAX_PERIOD = 6;

// Only what the bot does repeats mechanically; a customer's message always breaks a run.
const sameContent = (a: TranscriptItem | undefined, b: TranscriptItem | undefined): boolean =>
  (a?.kind === 'event' && b?.kind === 'event' && JSON.stringify(a.effect) === JSON.stringify(b.effect)) ||
  (a?.kind === 'bot' && b?.kind === 'bot' && a.text === b.text);

function sameBlock(items: readonly TranscriptItem[], from: number, to: number, length: number): boolean {
  for (let k = 0; k < length; k += 1) if (!sameContent(items[from + k], items[to + k])) return false;
  return true;
}

/**
 * Folds a run of identical bot messages or events, or of the same few items cycling, into one
 * run with a count, so a loop stopped by the step budget reads as "tag added, tag removed ×49"
 * rather than a hundred chips pushing its cause off screen.
 */
export function collapseRepeats(items: readonly TranscriptItem[]): ShownRun[] {
  const runs: ShownRun[] = [];
  let at = 0;
  while (at < items.length) {
    let folded: { period: number; count: number } | null = null;
    for (let period = 1; period <= MAX_PERIOD && at + 2 * period <= items.length && !folded; period += 1) {
      let count = 1;
      while (at + (count + 1) * period <= items.length && sameBlock(items, at, at + count * period, period)) count += 1;
      // Two identical lines in a row are worth folding; a longer block only when it clearly cycles.
      if (count >= (period === 1 ? 2 : 3)) folded = { period, count };
    }
    const period = folded?.period ?? 1;
    runs.push({ items: items.slice(at, at + period), repeat: folded?.count ?? 1 });
    at += period * (folded?.count ?? 1);
  }
  return runs;
}
