import { scheduleSchema } from './scheduleSchema.js';
import type { Schedule } from './scheduleSchema.js';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `weekly.mon.1.end`. */
  field: string;
  message: string;
}

export type ParseScheduleResult = { kind: 'schedule'; schedule: Schedule } | { kind: 'invalid'; errors: FieldError[] };

export function parseSchedule(input: unknown): ParseScheduleResult {
  const result = scheduleSchema.safeParse(input);
  if (result.success) return { kind: 'schedule', schedule: result.data };
  return {
    kind: 'invalid',
    errors: result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message })),
  };
}
