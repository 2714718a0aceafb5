import { z } from 'zod';
import { companyRoleSchema, emailSchema, passwordSchema, roleSchema } from './auth.js';

export const userSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  active: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
  /** Most open tickets automatic assignment gives this user; null: no limit. */
  maxOpenTickets: z.number().int().nullable(),
  /** Invited by e-mail and has not accepted yet (no password of their own). */
  invitationPending: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

/** null: no limit. */
const maxOpenTicketsSchema = z.number().int().min(1).max(1000).nullable();

export const userListSchema = z.object({ items: z.array(userSchema) });

export const createUserRequestSchema = z.object({
  name: z.string().trim().min(1).max(120),
  email: emailSchema,
  password: passwordSchema,
  role: companyRoleSchema,
  maxOpenTickets: maxOpenTicketsSchema.optional(),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    email: emailSchema,
    role: companyRoleSchema,
    active: z.boolean(),
    maxOpenTickets: maxOpenTicketsSchema,
  })
  .partial();
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const resetPasswordRequestSchema = z.object({ password: passwordSchema });

/** GET /api/users/availability: who can take a ticket now (the transfer dialog shows it next to names). */
export const userAvailabilitySchema = z.object({
  userId: z.number().int(),
  /** A socket open on some server right now. */
  online: z.boolean(),
  openTickets: z.number().int(),
  maxOpenTickets: z.number().int().nullable(),
});
export type UserAvailability = z.infer<typeof userAvailabilitySchema>;
export const userAvailabilityListSchema = z.object({ items: z.array(userAvailabilitySchema) });
