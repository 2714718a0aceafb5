import { z } from 'zod';

/**
 * Where a company stands with the platform (API-CONTRACT.md, sign-up):
 * - `trial`: everything works until `trialEndsAt`;
 * - `active`: paid (or a company without a plan on a self-hosted install);
 * - `read_only`: the trial or the grace period ran out: customers' messages are still stored and
 *   shown, but nothing goes out and no automation runs until a plan is paid;
 * - `suspended`: switched off by the platform operator; nobody of the company can sign in.
 */
export const companyStatuses = ['trial', 'active', 'read_only', 'suspended'] as const;
export const companyStatusSchema = z.enum(companyStatuses);
export type CompanyStatus = z.infer<typeof companyStatusSchema>;

/** What a plan counts; `null` in a plan's limits means "no limit". */
export const limitedResources = ['users', 'connections', 'queues', 'flows', 'messagesPerMonth'] as const;
export const limitedResourceSchema = z.enum(limitedResources);
export type LimitedResource = z.infer<typeof limitedResourceSchema>;

/** Features a plan switches on or off. */
export const planFeatures = ['apiAccess', 'internalChat'] as const;
export type PlanFeature = (typeof planFeatures)[number];

const limitValue = z.number().int().min(0).max(10_000_000).nullable();

export const planLimitsSchema = z.object({
  users: limitValue,
  connections: limitValue,
  queues: limitValue,
  flows: limitValue,
  messagesPerMonth: limitValue,
  apiAccess: z.boolean(),
  internalChat: z.boolean(),
});
export type PlanLimits = z.infer<typeof planLimitsSchema>;

/** A company with no plan (self-hosted, or created before plans existed) is limited by nothing. */
export const unlimitedPlanLimits: PlanLimits = {
  users: null,
  connections: null,
  queues: null,
  flows: null,
  messagesPerMonth: null,
  apiAccess: true,
  internalChat: true,
};

export const planSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Monthly price in centavos of BRL. */
  priceCents: z.number().int().min(0),
  trialDays: z.number().int().min(0).max(365),
  limits: planLimitsSchema,
  /** Shown on the public site's pricing and offered at sign-up. */
  public: z.boolean(),
  archived: z.boolean(),
  sortOrder: z.number().int(),
});
export type Plan = z.infer<typeof planSchema>;

/** The company block of `GET /api/me` (API-CONTRACT.md). */
export const sessionCompanySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  status: companyStatusSchema,
  trialEndsAt: z.string().nullable(),
  plan: z.object({ id: z.number().int(), name: z.string() }).nullable(),
});
export type SessionCompany = z.infer<typeof sessionCompanySchema>;

/**
 * Error codes of the SaaS rules. A refused creation says which limit (`details.resource`, `details.limit`);
 * a refused write of a read-only company says why (`details.status`).
 */
export const saasErrorCodes = {
  limitReached: 'PLAN_LIMIT_REACHED',
  featureNotInPlan: 'PLAN_FEATURE_UNAVAILABLE',
  readOnly: 'COMPANY_READ_ONLY',
  suspended: 'COMPANY_SUSPENDED',
  emailNotVerified: 'EMAIL_NOT_VERIFIED',
} as const;

/** `GET /api/public/options`: what the console shows before and after sign-in. */
export const serverOptionsSchema = z.object({ saas: z.boolean() });
export type ServerOptions = z.infer<typeof serverOptionsSchema>;
