/**
 * Domain errors carry a stable code and an HTTP status; the error handler is the only place that
 * turns them into responses, so services never think about HTTP.
 */
export class DomainError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly status: number,
    public readonly fields?: Record<string, string>,
    /** Structured extras a client acts on (a flow's publish problems), beyond one message per field. */
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** Fastify plugins (rate-limit) read `statusCode` from what they throw. */
  get statusCode(): number {
    return this.status;
  }
}

export const notFound = (what: string, code = `${what.toUpperCase().replace(/\s+/g, '_')}_NOT_FOUND`) =>
  new DomainError(code, `${what} not found`, 404);
export const forbidden = (message = 'You do not have permission to do this') => new DomainError('FORBIDDEN', message, 403);
export const unauthorized = (message = 'Authentication required', code = 'UNAUTHORIZED') => new DomainError(code, message, 401);
export const conflict = (code: string, message: string, fields?: Record<string, string>) => new DomainError(code, message, 409, fields);
export const invalid = (fields: Record<string, string>, message = 'Some fields are invalid') =>
  new DomainError('VALIDATION_FAILED', message, 400, fields);
