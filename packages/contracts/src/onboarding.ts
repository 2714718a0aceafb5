import { z } from 'zod';

/**
 * The console's "first steps" checklist (SaaS only, company admins). Each step is computed from the
 * company's own rows when asked, so it ticks itself as the admin works and never drifts from the data.
 */
export const onboardingStepKeys = ['connect_whatsapp', 'create_queue', 'invite_agent', 'build_flow', 'try_widget'] as const;
export const onboardingStepKeySchema = z.enum(onboardingStepKeys);
export type OnboardingStepKey = z.infer<typeof onboardingStepKeySchema>;

export const onboardingStateSchema = z.object({
  /** An admin hid the checklist for the whole company; `POST /api/onboarding/restore` brings it back. */
  dismissed: z.boolean(),
  /** Always the five steps, in `onboardingStepKeys` order. */
  steps: z.array(z.object({ key: onboardingStepKeySchema, done: z.boolean() })),
});
export type OnboardingState = z.infer<typeof onboardingStateSchema>;
