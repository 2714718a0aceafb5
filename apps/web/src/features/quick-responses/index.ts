export { useQuickResponsePalette } from './useQuickResponsePalette.js';
