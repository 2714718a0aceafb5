import type { OnboardingState } from '@jimmy/contracts';

declare module '../../infra/events.js' {
  interface DomainEvents {
    /** The company's first-steps checklist changed (a step ticked, dismissed or restored); its admins hear the new state. */
    'onboarding.changed': { companyId: number; onboarding: OnboardingState };
  }
}
