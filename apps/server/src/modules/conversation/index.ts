export { InboundRunner, type SurveyAnswers } from './inbound.runner.js';
export { registerCallbackJobs } from './callbacks.js';
export { FlowRunner } from './flow-runner.js';
