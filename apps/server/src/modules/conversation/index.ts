export { InboundRunner, type SurveyAnswers } from './inbound.runner.js';
export { registerCallbackJobs } from './callbacks.js';
export { FlowRunner } from './flow-runner.js';
// For other bots that relay a conversation on a locked ticket (the Typebot relay).
export { handOver } from './flow-effects.js';
export { sendBotMenu, sendBotText, type EffectDeps, type Outcome } from './route-effects.js';
export { lockTicket, type CustomerLine, type LockedTicket } from './routing-context.js';
