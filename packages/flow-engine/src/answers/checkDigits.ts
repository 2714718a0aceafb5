/** Mod-11 check digit as the Receita Federal computes it for CPF and CNPJ. */
function mod11(digits: number[], weights: number[]): number {
  const sum = digits.reduce((total, digit, index) => total + digit * (weights[index] ?? 0), 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

const toDigits = (text: string): number[] => [...text].map(Number);

/** "529.982.247-25" → "52998224725" when its two check digits hold; null otherwise. */
export function parseCpf(text: string): string | null {
  const digits = text.replace(/[.\-\s]/g, '');
  // Repeated digits ("111.111.111-11") pass the arithmetic but are not issued.
  if (!/^\d{11}$/.test(digits) || /^(\d)\1{10}$/.test(digits)) return null;
  const numbers = toDigits(digits);
  const first = mod11(numbers.slice(0, 9), [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = mod11(numbers.slice(0, 10), [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return first === numbers[9] && second === numbers[10] ? digits : null;
}

/** "11.222.333/0001-81" → "11222333000181" when its two check digits hold; null otherwise. */
export function parseCnpj(text: string): string | null {
  // Numeric CNPJ only; the alphanumeric form announced for July 2026 needs its own rule when it ships.
  const digits = text.replace(/[.\-/\s]/g, '');
  if (!/^\d{14}$/.test(digits) || /^(\d)\1{13}$/.test(digits)) return null;
  const numbers = toDigits(digits);
  const first = mod11(numbers.slice(0, 12), [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = mod11(numbers.slice(0, 13), [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  return first === numbers[12] && second === numbers[13] ? digits : null;
}
