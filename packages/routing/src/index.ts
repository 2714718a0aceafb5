export type { Instant } from './toEpochMs.js';

export { parseSchedule } from './hours/parseSchedule.js';
export type { FieldError, ParseScheduleResult } from './hours/parseSchedule.js';
export { scheduleSchema, DEFAULT_TIME_ZONE, WEEKDAYS } from './hours/scheduleSchema.js';
export type { Holiday, Schedule, ScheduleException, ScheduleInput, TimeRange, Weekday } from './hours/scheduleSchema.js';
export { effectiveSchedule } from './hours/effectiveSchedule.js';
export { hoursStatus, SEARCH_DAYS } from './hours/hoursStatus.js';
export type { HoursState, HoursStatus } from './hours/hoursStatus.js';
export { nextOpening } from './hours/nextOpening.js';

export type { MenuCapabilities, MenuMessage, MenuOption, Reply } from './menu/types.js';
export { matchOption } from './menu/matchOption.js';
export type { OptionMatch } from './menu/matchOption.js';
export { renderMenu, MENU_LIMITS, DEFAULT_LIST_BUTTON_LABEL } from './menu/renderMenu.js';
export { menuAsText } from './menu/menuAsText.js';
export { truncateTitle } from './menu/truncateTitle.js';

export { parseScore } from './score/parseScore.js';
export type { ScoreResult } from './score/parseScore.js';

export { route, DEFAULT_MENU_PROMPT, DEFAULT_MAX_MENU_ATTEMPTS } from './route/route.js';
export { describeEffect } from './route/describeEffect.js';
export type {
  AssignedBy,
  OutOfHoursSettings,
  RouteDecision,
  RouteEffect,
  RouteInput,
  RoutingEvent,
  RoutingQueue,
  RoutingSettings,
  RoutingState,
} from './route/types.js';
