import type { HoursState } from '../hours/hoursStatus.js';
import type { Schedule } from '../hours/scheduleSchema.js';
import type { MenuCapabilities, MenuMessage, Reply } from '../menu/types.js';
import type { Instant } from '../toEpochMs.js';

export interface RoutingQueue {
  id: string;
  /** Shown as the menu option. */
  name: string;
  /** Sent when a ticket enters this queue during opening hours. */
  greeting?: string;
  /** Overrides the company's weekly hours for this queue (see effectiveSchedule). */
  schedule?: Schedule;
}

export interface OutOfHoursSettings {
  closedMessage: string;
  breakMessage: string;
  offerCallback: boolean;
}

export interface RoutingSettings {
  greeting?: string;
  /** Body of the menu message; defaults to DEFAULT_MENU_PROMPT. */
  menuPrompt?: string;
  /** Sent before the menu is repeated; without it the menu is just sent again. */
  invalidOptionMessage?: string;
  listButtonLabel?: string;
  fallbackQueueId?: string;
  /** Invalid answers before the fallback queue; default 3. */
  maxMenuAttempts?: number;
  outOfHours: OutOfHoursSettings;
  /** No schedule: always open. */
  schedule?: Schedule;
}

export interface RoutingState {
  queueId: string | null;
  /** Invalid menu answers so far. */
  menuAttempts: number;
  /** When the menu was last sent; set means an answer is awaited. */
  menuSentAt?: Date | null;
  /**
   * When routing finished, into a queue or into none. From then on (as with any queueId) later
   * messages only get the out-of-hours check, so an unqueued ticket is not greeted again.
   */
  routedAt?: Date | null;
}

export interface RouteInput {
  state: RoutingState;
  /** The connection's queues, in menu order. */
  queues: readonly RoutingQueue[];
  settings: RoutingSettings;
  message: Reply;
  capabilities: MenuCapabilities;
  /** periodKey of the last out-of-hours message this customer got (from its ticket event). */
  lastOutOfHoursPeriodKey?: string | null;
  now: Instant;
}

export type AssignedBy = 'single-queue' | 'menu' | 'fallback';

export type RoutingEvent =
  | { kind: 'menu-sent'; attempt: number }
  | { kind: 'invalid-option'; attempts: number }
  | { kind: 'queue-assigned'; queueId: string; by: AssignedBy; matchedBy?: 'id' | 'number' | 'text' }
  | { kind: 'left-unqueued'; reason: 'no-queues' | 'no-fallback' }
  | { kind: 'out-of-hours-notified'; queueId: string | null; state: Exclude<HoursState, 'open'>; periodKey: string; opensAt: Date | null };

export type RouteEffect =
  | { type: 'send-text'; text: string; reason: 'greeting' | 'closed' | 'break' | 'invalid-option' }
  | { type: 'send-menu'; menu: MenuMessage }
  | { type: 'set-queue'; queueId: string }
  | { type: 'set-status'; status: 'pending' }
  | { type: 'offer-callback'; queueId: string | null; opensAt: Date | null }
  | { type: 'record-event'; event: RoutingEvent };

export interface RouteDecision {
  effects: RouteEffect[];
  state: RoutingState;
}
