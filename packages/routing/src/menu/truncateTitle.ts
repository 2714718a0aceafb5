/**
 * Shortens a title to `max` characters (code points, so an emoji is not cut in half), ending with
 * "…", at a word boundary when that keeps most of the text.
 */
export function truncateTitle(title: string, max: number): string {
  const characters = Array.from(title.trim());
  if (characters.length <= max) return characters.join('');
  if (max <= 1) return characters.slice(0, max).join('');
  const cut = characters.slice(0, max - 1).join('');
  const lastSpace = cut.lastIndexOf(' ');
  const endsAtWord = /\s/.test(characters[max - 1] ?? ' ');
  const kept = !endsAtWord && lastSpace >= Math.floor((max - 1) / 2) ? cut.slice(0, lastSpace) : cut;
  return `${kept.trimEnd()}…`;
}
