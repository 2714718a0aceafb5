/** Spoken numbers customers type, normalised (no accents): pt-BR with both genders, and English. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['um', 1],
  ['uma', 1],
  ['dois', 2],
  ['duas', 2],
  ['tres', 3],
  ['quatro', 4],
  ['cinco', 5],
  ['seis', 6],
  ['sete', 7],
  ['oito', 8],
  ['nove', 9],
  ['dez', 10],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
]);

/** Also articles ("um cinco", "a one"): they count only when no other number is given. */
export const ARTICLE_NUMBER_WORDS: ReadonlySet<string> = new Set(['um', 'uma', 'one']);
