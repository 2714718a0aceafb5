/** Lower case, accents dropped, punctuation runs to one space: "  Suporte Técnico! " → "suporte tecnico". */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
