export type { Instant } from './toEpochMs.js';

export { parseSchedule } from './hours/parseSchedule.js';
export type { FieldError, ParseScheduleResult } from './hours/parseSchedule.js';
export { scheduleSchema, DEFAULT_TIME_ZONE, WEEKDAYS } from './hours/scheduleSchema.js';
export type { Holiday, Schedule, ScheduleException, ScheduleInput, TimeRange, Weekday } from './hours/scheduleSchema.js';
export { effectiveSchedule } from './hours/effectiveSchedule.js';
export { hoursStatus, SEARCH_DAYS } from './hours/hoursStatus.js';
export type { HoursState, HoursStatus } from './hours/hoursStatus.js';
export { nextOpening } from './hours/nextOpening.js';
