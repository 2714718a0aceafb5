import { describe, expect, it } from 'vitest';
import { isUniqueViolation } from './pg-errors.js';

describe('isUniqueViolation', () => {
  it.each([
    { case: 'raw pg error on the constraint', error: { code: '23505', constraint: 'users_email_unique' }, expected: true },
    { case: 'wrapped by Drizzle', error: { cause: { code: '23505', constraint: 'users_email_unique' } }, expected: true },
    { case: 'another constraint', error: { code: '23505', constraint: 'queues_company_name_unique' }, expected: false },
    { case: 'another error code', error: { code: '23503', constraint: 'users_email_unique' }, expected: false },
    { case: 'not an object', error: 'boom', expected: false },
    { case: 'null', error: null, expected: false },
  ])('$case', ({ error, expected }) => {
    expect(isUniqueViolation(error, 'users_email_unique')).toBe(expected);
  });
});
