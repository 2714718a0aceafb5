export { FlowRunsButton } from './FlowRunsButton.js';
