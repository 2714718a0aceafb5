import type { OnboardingState, OnboardingStepKey } from '@jimmy/contracts';
import type { Queryable } from '../../infra/db/index.js';
import type { EventBus } from '../../infra/events.js';
import { OnboardingRepository } from './onboarding.repository.js';
import './onboarding.events.js';

const signature = (state: OnboardingState) => `${state.dismissed ? 1 : 0}:${state.steps.map((s) => (s.done ? 1 : 0)).join('')}`;

/**
 * The first-steps checklist. The state is always computed from the company's rows; this node also
 * remembers the last state it computed per company, only so that the events that might tick a step
 * (a ticket on the web chat, a connection flapping) cost nothing once that step is done and tell the
 * admins only about real changes.
 */
export class OnboardingService {
  private readonly repo: OnboardingRepository;
  private readonly last = new Map<number, { signature: string; done: Set<OnboardingStepKey> }>();

  constructor(private readonly deps: { pool: Queryable; events: EventBus }) {
    this.repo = new OnboardingRepository(deps.pool);
  }

  async state(companyId: number): Promise<OnboardingState> {
    const state = await this.repo.state(companyId);
    this.remember(companyId, state);
    return state;
  }

  async setDismissed(companyId: number, userId: number, dismissed: boolean): Promise<OnboardingState> {
    await this.repo.setDismissed(companyId, userId, dismissed);
    const state = await this.repo.state(companyId);
    this.remember(companyId, state);
    // Every admin's console follows, not only the one that clicked.
    this.deps.events.publish('onboarding.changed', { companyId, onboarding: state });
    return state;
  }

  /**
   * Something happened that may tick `step`: recompute and announce it if the checklist changed.
   * Skipped when this node already saw the step done (steps are rarely undone, and a refetch of
   * GET /api/onboarding corrects this memory when they are).
   */
  async stepMayHaveChanged(companyId: number, step: OnboardingStepKey): Promise<void> {
    if (this.last.get(companyId)?.done.has(step)) return;
    const before = this.last.get(companyId)?.signature;
    const state = await this.repo.state(companyId);
    this.remember(companyId, state);
    if (signature(state) !== before) this.deps.events.publish('onboarding.changed', { companyId, onboarding: state });
  }

  private remember(companyId: number, state: OnboardingState) {
    this.last.set(companyId, { signature: signature(state), done: new Set(state.steps.filter((s) => s.done).map((s) => s.key)) });
  }
}
