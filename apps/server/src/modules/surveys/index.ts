export { SurveysService } from './surveys.service.js';
/** @public The inbound runner's seam: which customer messages answer a survey. */
export { surveyClaims } from './survey-reply.js';
/** @public */
export type { AwaitingSurvey } from './survey-reply.js';
