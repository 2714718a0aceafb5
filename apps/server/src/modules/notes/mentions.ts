/** Someone who can be mentioned: an active user of the company. */
export interface Mentionable {
  id: number;
  name: string;
}

const wordChar = /[\p{L}\p{N}_]/u;
const fold = (s: string) => s.toLocaleLowerCase('pt-BR');

/**
 * The users a note mentions, from its text: `@` (not inside a word, so e-mail addresses do not
 * count) followed by a user's full name, the longest name winning ("@Ana Paula" is Ana Paula, not
 * Ana). The composer inserts exactly that text, and API clients can type it too. Namesakes are
 * all mentioned: the text cannot tell them apart.
 */
export function findMentions(body: string, users: readonly Mentionable[]): number[] {
  const folded = fold(body);
  const candidates = users
    .map((u) => ({ id: u.id, name: fold(u.name.trim()) }))
    .filter((u) => u.name.length > 0)
    .sort((a, b) => b.name.length - a.name.length);
  const found = new Set<number>();
  for (let at = folded.indexOf('@'); at !== -1; at = folded.indexOf('@', at + 1)) {
    if (at > 0 && wordChar.test(folded.charAt(at - 1))) continue;
    const rest = folded.slice(at + 1);
    const longest = candidates.find((u) => rest.startsWith(u.name) && !wordChar.test(rest.charAt(u.name.length)));
    if (!longest) continue;
    for (const u of candidates) if (u.name === longest.name) found.add(u.id);
  }
  return [...found];
}
