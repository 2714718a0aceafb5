export { ApiTokensTab } from './ApiTokensTab.js';
