/**
 * A pt-BR date, "31/12/2026", "31/12/26" or "31/12" (the year is `currentYear`, the company's),
 * also with "-" or "." separators, to "31/12/2026". Null when the day does not exist.
 */
export function parseBrDate(text: string, currentYear: number): string | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(text.trim());
  if (!match) return null;
  const day = Number(match[1]);
  const month = Number(match[2]);
  const yearText = match[3];
  const year = yearText === undefined ? currentYear : yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  if (month < 1 || month > 12 || day < 1) return null;
  // Day 0 of the next month is the last day of this one (UTC: no time zone can shift it).
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${String(year).padStart(4, '0')}`;
}
