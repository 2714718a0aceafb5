export { WeekScheduleEditor, defaultSchedule } from './WeekScheduleEditor.js';
export { errorsUnder } from './fieldErrors.js';
