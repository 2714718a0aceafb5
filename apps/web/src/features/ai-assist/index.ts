export { SuggestReplyButton } from './SuggestReplyButton.js';
export { TicketIntegrationsMenu } from './TicketIntegrationsMenu.js';
