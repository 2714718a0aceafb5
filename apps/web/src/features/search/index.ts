export { MessageSearchResults } from './MessageSearchResults.js';
