import { z } from 'zod';
import { sessionCompanySchema } from './saas.js';

export const roles = ['super_admin', 'admin', 'supervisor', 'agent'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Roles a company admin may hand out; the platform super-admin is never created through the company API. */
export const companyRoles = ['admin', 'supervisor', 'agent'] as const;
export const companyRoleSchema = z.enum(companyRoles);
export type CompanyRole = z.infer<typeof companyRoleSchema>;

export const languages = ['pt-BR', 'en'] as const;
export const languageSchema = z.enum(languages);
export type Language = z.infer<typeof languageSchema>;

export const themes = ['light', 'dark', 'auto'] as const;
export const themeSchema = z.enum(themes);

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const passwordSchema = z.string().min(8, 'at least 8 characters').max(200);

export const loginRequestSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionUserSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  companyId: z.number().int(),
  companyName: z.string(),
  language: languageSchema,
  theme: themeSchema,
  notificationsEnabled: z.boolean(),
  company: sessionCompanySchema,
  /** Set while a platform operator is signed in as this user for support (always null otherwise). */
  impersonator: z.object({ name: z.string(), email: z.string() }).nullable(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const loginResponseSchema = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.string(),
  user: sessionUserSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});

export const updateProfileRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    language: languageSchema,
    theme: themeSchema,
    notificationsEnabled: z.boolean(),
  })
  .partial();
export type UpdateProfileRequest = z.infer<typeof updateProfileRequestSchema>;
