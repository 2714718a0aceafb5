export { TypebotTab } from './TypebotTab.js';
export { useSendToTypebot } from './typebotApi.js';
