export { SendSurveyOption } from './SendSurveyOption.js';
export { SurveyBadge, SurveyRating } from './SurveyRating.js';
export { useSurveySettings } from './surveysApi.js';
export { useLowScoreAlerts } from './useLowScoreAlerts.js';
