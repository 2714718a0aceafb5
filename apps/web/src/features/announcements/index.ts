export { AnnouncementBanner } from './AnnouncementBanner.js';
