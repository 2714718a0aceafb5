export { TagChip, TagChips } from './TagChip.js';
export { useTags } from './tagsApi.js';
export { TicketTagsButton } from './TicketTagsButton.js';
export { TagFilter } from './TagFilter.js';
