export { ImpersonationBanner } from './ImpersonationBanner.js';
export { PlatformAccessSection } from './PlatformAccessSection.js';
