import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@jimmy/contracts';
import type { EventBus } from '../../infra/events.js';
import { rooms } from '../tickets/index.js';
import type { OnboardingService } from './onboarding.service.js';
import './onboarding.events.js';

type Io = Pick<Server<ClientToServerEvents, ServerToClientEvents>, 'to'>;

/**
 * The domain events that can tick a step. Deletions publish nothing and may untick one; the
 * console refetches when it opens, which is enough for something an admin just did by hand.
 */
export function watchOnboarding(events: EventBus, onboarding: OnboardingService): () => void {
  const unsubscribers = [
    events.subscribe('connection.updated', ({ companyId, connection }) =>
      connection.type === 'webchat' ? undefined : onboarding.stepMayHaveChanged(companyId, 'connect_whatsapp'),
    ),
    events.subscribe('queue.updated', ({ companyId }) => onboarding.stepMayHaveChanged(companyId, 'create_queue')),
    events.subscribe('user.created', ({ companyId }) => onboarding.stepMayHaveChanged(companyId, 'invite_agent')),
    events.subscribe('flow.published', ({ companyId }) => onboarding.stepMayHaveChanged(companyId, 'build_flow')),
    // A web-chat ticket opens with the visitor's first message, which is what the step waits for.
    events.subscribe('ticket.created', ({ companyId, ticket }) =>
      ticket.connectionType === 'webchat' ? onboarding.stepMayHaveChanged(companyId, 'try_widget') : undefined,
    ),
  ];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}

/** To the company's admins only (role rooms, shared between nodes by the Redis adapter). */
export function attachOnboardingRealtime(io: Io, events: EventBus): () => void {
  return events.subscribe('onboarding.changed', ({ companyId, onboarding }) => {
    io.to([rooms.companyRole(companyId, 'admin'), rooms.companyRole(companyId, 'super_admin')]).emit('onboarding.changed', { onboarding });
  });
}
