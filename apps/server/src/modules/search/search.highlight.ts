import type { SnippetSegment } from '@jimmy/contracts';

/**
 * Snippets with highlights, computed here rather than with ts_headline: the index matches the
 * unaccented text, so ts_headline over the original body misses "ORÇAMENTO" for "orcamento", and
 * over the unaccented body it would show the customer's words without their accents. Instead the
 * body is cut into words here, PostgreSQL says which words stem to a lexeme of the query (one
 * statement per page, see SearchRepository.matchingWords), and the snippet is built from the
 * original text as plain segments the web renders as elements.
 */

/** Snippet length in characters (before the ellipses), and how much context precedes the first hit. */
const SNIPPET_CHARS = 180;
const CONTEXT_BEFORE = 50;

/**
 * The lexemes a match may contain: every quoted lexeme of the tsquery's text form that is not under
 * a `!` (a `-word` of the search box), whether negated alone (`!'a'`) or as a group (`!( 'a' <-> 'b' )`).
 */
export function positiveLexemes(tsquery: string): string[] {
  const found = new Set<string>();
  // Each open group remembers whether it is negated; a `!` applies to the next lexeme or group.
  const negatedGroups: boolean[] = [];
  let pendingNot = false;
  let i = 0;
  while (i < tsquery.length) {
    const ch = tsquery[i]!;
    if (ch === '!') {
      pendingNot = true;
      i++;
    } else if (ch === '(') {
      negatedGroups.push(pendingNot || negatedGroups.some(Boolean));
      pendingNot = false;
      i++;
    } else if (ch === ')') {
      negatedGroups.pop();
      i++;
    } else if (ch === "'") {
      let lexeme = '';
      i++;
      while (i < tsquery.length) {
        const c = tsquery[i]!;
        if (c === '\\' && i + 1 < tsquery.length) {
          lexeme += tsquery[i + 1];
          i += 2;
        } else if (c === "'" && tsquery[i + 1] === "'") {
          lexeme += "'";
          i += 2;
        } else if (c === "'") {
          i++;
          break;
        } else {
          lexeme += c;
          i++;
        }
      }
      if (!pendingNot && !negatedGroups.some(Boolean) && lexeme) found.add(lexeme);
      pendingNot = false;
    } else {
      i++;
    }
  }
  return [...found];
}

/** Lower case without diacritics: only a cheap pre-filter; PostgreSQL has the last word. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

interface Token {
  text: string;
  word: boolean;
}

function tokenize(body: string): Token[] {
  return [...body.matchAll(/[\p{L}\p{N}_]+|[^\p{L}\p{N}_]+/gu)].map((m) => ({ text: m[0], word: /^[\p{L}\p{N}_]/u.test(m[0]) }));
}

/**
 * The words of these bodies worth asking PostgreSQL about: a stem starts as its word does (Snowball
 * strips and rewrites endings only), so a word whose first letter starts no lexeme cannot match.
 * Whole space-separated chunks are included too, for lexemes such as e-mail addresses or URLs.
 */
export function candidateWords(bodies: readonly string[], lexemes: readonly string[], max = 3000): string[] {
  const starts = new Set(lexemes.map((l) => fold(l).charAt(0)).filter(Boolean));
  const out = new Set<string>();
  const consider = (word: string) => {
    if (out.size < max && starts.has(fold(word).charAt(0))) out.add(word);
  };
  for (const body of bodies) {
    for (const token of tokenize(body)) if (token.word) consider(token.text);
    for (const chunk of body.split(/\s+/)) {
      const trimmed = trimPunctuation(chunk);
      if (trimmed && /[^\p{L}\p{N}_]/u.test(trimmed)) consider(trimmed);
    }
  }
  return [...out];
}

function trimPunctuation(chunk: string): string {
  return chunk.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** Marks where the matching words and chunks sit in the body, as [start, end) ranges in order. */
function matchRanges(body: string, matching: ReadonlySet<string>): [number, number][] {
  const ranges: [number, number][] = [];
  let offset = 0;
  for (const chunk of body.split(/(\s+)/)) {
    const trimmed = trimPunctuation(chunk);
    const lead = chunk.indexOf(trimmed);
    if (trimmed && /[^\p{L}\p{N}_]/u.test(trimmed) && matching.has(trimmed)) {
      ranges.push([offset + lead, offset + lead + trimmed.length]);
    } else if (trimmed) {
      let at = offset;
      for (const token of tokenize(chunk)) {
        if (token.word && matching.has(token.text)) ranges.push([at, at + token.text.length]);
        at += token.text.length;
      }
    }
    offset += chunk.length;
  }
  return ranges;
}

/**
 * A window of the body around its first matching word, as segments. Whitespace runs become one
 * space so a snippet stays one line; the window snaps to word boundaries and says with "…" that
 * text was cut.
 */
export function buildSnippet(body: string, matching: ReadonlySet<string>): SnippetSegment[] {
  const ranges = matchRanges(body, matching);
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - CONTEXT_BEFORE);
  if (start > 0) {
    // Start at the next word boundary so no word is cut in half.
    const next = body.slice(start).search(/(?<=[^\p{L}\p{N}_])[\p{L}\p{N}_]/u);
    start = next >= 0 && start + next <= first ? start + next : first;
  }
  let end = Math.min(body.length, start + SNIPPET_CHARS);
  if (end < body.length) {
    const lastBreak = body.slice(start, end).search(/[^\p{L}\p{N}_][\p{L}\p{N}_]*$/u);
    if (lastBreak > 0 && start + lastBreak > first) end = start + lastBreak;
  }
  const segments: SnippetSegment[] = [];
  const push = (text: string, match: boolean) => {
    if (!text) return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += text;
    else segments.push({ text, match });
  };
  if (start > 0) push('…', false);
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= start || from >= end) continue;
    push(body.slice(at, Math.max(at, from)), false);
    push(body.slice(Math.max(at, from), Math.min(to, end)), true);
    at = Math.min(to, end);
  }
  push(body.slice(at, end), false);
  if (end < body.length) push('…', false);
  for (const segment of segments) segment.text = segment.text.replace(/\s+/g, ' ');
  // Adjacent hits read as one ("segunda via"), not two highlights split by a plain space.
  for (let i = segments.length - 2; i > 0; i--) {
    const [before, between, after] = [segments[i - 1]!, segments[i]!, segments[i + 1]!];
    if (before.match && after.match && !between.match && between.text === ' ') {
      before.text += between.text + after.text;
      segments.splice(i, 2);
    }
  }
  if (segments[0] && !segments[0].match) segments[0].text = segments[0].text.trimStart();
  const tail = segments[segments.length - 1];
  if (tail && !tail.match) tail.text = tail.text.trimEnd();
  return segments.filter((s) => s.text.length > 0);
}
