import { parseSchedule } from './parseSchedule.js';
import type { Schedule, ScheduleInput } from './scheduleSchema.js';

/** Test helper: a schedule literal that must be valid. */
export function testSchedule(input: ScheduleInput): Schedule {
  const result = parseSchedule(input);
  if (result.kind === 'invalid') throw new Error(`invalid test schedule: ${JSON.stringify(result.errors)}`);
  return result.schedule;
}
