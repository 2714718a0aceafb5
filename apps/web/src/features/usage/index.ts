export { UsagePage } from './UsagePage.js';
