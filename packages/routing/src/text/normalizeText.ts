/**
 * Lower case, accents dropped, every run of punctuation, symbols or emoji turned into one space.
 * "  Suporte Técnico! " → "suporte tecnico", "2️⃣" → "2", "opção 2." → "opcao 2".
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
