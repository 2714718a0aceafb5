export { PlanBanners } from './PlanBanners.js';
