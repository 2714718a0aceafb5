import { z } from 'zod';
import { companyRoleSchema, emailSchema, passwordSchema } from './auth.js';

/**
 * Sign-up, e-mail verification, password reset and invitations (docs/signup.md). The strength rule
 * lives here so the server's refusal and the web's strength meter never disagree.
 */

/** Passwords people reach for first; scored 0 whatever their length or character mix. */
const COMMON_PASSWORDS = new Set([
  'password',
  'password1',
  'password123',
  'senha123',
  'senha1234',
  'senhasenha',
  'minhasenha',
  '12345678',
  '123456789',
  '1234567890',
  '87654321',
  'qwerty123',
  'qwertyuiop',
  'iloveyou',
  'abc12345',
  'brasil123',
  'mudar123',
  'admin123',
  'jimmychat',
  'whatsapp',
]);

const CHARACTER_POOLS: [RegExp, number][] = [
  [/[a-z]/, 26],
  [/[A-Z]/, 26],
  [/[0-9]/, 10],
  [/[^a-zA-Z0-9]/, 33],
];

/**
 * How hard a password is to guess, 0 (refused) to 4 (strong): a rough entropy estimate where a
 * repeated or consecutive character ("aaaa", "abcd", "1234") counts a quarter, so length made of
 * patterns earns little. Not zxcvbn, but the same scale; the server refuses anything below 2.
 */
export function scorePassword(password: string): 0 | 1 | 2 | 3 | 4 {
  if (password.length < 8 || COMMON_PASSWORDS.has(password.toLowerCase())) return 0;
  const pool = CHARACTER_POOLS.reduce((sum, [pattern, size]) => (pattern.test(password) ? sum + size : sum), 0);
  let effectiveLength = 0;
  let previous: number | undefined;
  for (const char of password) {
    const code = char.codePointAt(0) ?? 0;
    effectiveLength += previous !== undefined && Math.abs(code - previous) <= 1 ? 0.25 : 1;
    previous = code;
  }
  const bits = effectiveLength * Math.log2(pool);
  if (bits < 36) return 1;
  if (bits < 60) return 2;
  if (bits < 80) return 3;
  return 4;
}

/** The lowest score the server accepts. */
export const MIN_PASSWORD_SCORE = 2;

/** A new password anywhere in these flows: 8–200 characters and a score of at least MIN_PASSWORD_SCORE. */
export const strongPasswordSchema = passwordSchema.refine((value) => scorePassword(value) >= MIN_PASSWORD_SCORE, 'too weak');

export const signupRequestSchema = z.object({
  companyName: z.string().trim().min(1).max(120),
  name: z.string().trim().min(1).max(120),
  email: emailSchema,
  /** Checked with libphonenumber on the server (Brazil by default): stored as E.164. */
  whatsapp: z.string().trim().min(1).max(40),
  password: strongPasswordSchema,
  acceptTerms: z.literal(true, 'must be accepted'),
  /** A public plan's id (the site's "Assinar" buttons pass it); default: the first public plan. */
  planId: z.number().int().positive().optional(),
});
export type SignupRequest = z.infer<typeof signupRequestSchema>;

export const signupResponseSchema = z.object({ status: z.literal('verification_sent'), email: z.string() });

export const tokenRequestSchema = z.object({ token: z.string().trim().min(10).max(200) });
export const emailRequestSchema = z.object({ email: emailSchema });
export const tokenPasswordRequestSchema = z.object({ token: z.string().trim().min(10).max(200), password: strongPasswordSchema });

/** What the sign-up page offers (the public plans), without limits the visitor does not need yet. */
export const signupPlanSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  priceCents: z.number().int(),
  trialDays: z.number().int(),
});
export const signupPlanListSchema = z.object({ items: z.array(signupPlanSchema) });
export type SignupPlan = z.infer<typeof signupPlanSchema>;

export const inviteUserRequestSchema = z.object({
  name: z.string().trim().min(1).max(120),
  email: emailSchema,
  role: companyRoleSchema,
  queueIds: z.array(z.number().int().positive()).max(200).optional(),
});
export type InviteUserRequest = z.infer<typeof inviteUserRequestSchema>;

/** Error code of an expired, used or unknown link (verification, reset, invitation). */
export const TOKEN_INVALID = 'TOKEN_INVALID';
