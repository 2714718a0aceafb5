/** At most this many `#ticket` chips per message: a pasted list of numbers should not fan out into queries. */
const MAX_REFS = 20;
const REF = /(?<![\p{L}\p{N}_&#/])#(\d{1,15})(?![\p{L}\p{N}_])/gu;

/**
 * The ticket ids a chat message refers to: `#1234` not glued to a word (so `a#1`, `&#39;` and URL
 * fragments do not count), in order of appearance, without repeats.
 */
export function findTicketRefs(body: string): number[] {
  const found = new Set<number>();
  for (const match of body.matchAll(REF)) {
    const id = Number(match[1]);
    if (id > 0 && Number.isSafeInteger(id)) found.add(id);
    if (found.size >= MAX_REFS) break;
  }
  return [...found];
}
