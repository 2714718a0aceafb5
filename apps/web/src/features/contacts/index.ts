export { useContact, useContactHistory, useStartConversation, useUpdateContact, type ContactPatch } from './contactsApi.js';
export { CustomFieldsEditor } from './CustomFieldsEditor.js';
export { ContactTagsEditor } from './ContactTagsEditor.js';
export { BlockedBadge, BlockToggle } from './BlockToggle.js';
export { CustomFieldsSettings } from './CustomFieldsSettings.js';
export { AuditLogTab } from './AuditLogTab.js';
export { useContactsRealtime } from './useContactsRealtime.js';
