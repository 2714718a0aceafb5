/**
 * PostgreSQL unique_violation (23505) on the named constraint: the race-safe way to learn that a
 * value is taken. Drizzle wraps the driver's error in `cause`; raw `pg` queries throw it as is.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const pgError = ((error as { cause?: unknown }).cause ?? error) as { code?: string; constraint?: string };
  return pgError.code === '23505' && pgError.constraint === constraint;
}
