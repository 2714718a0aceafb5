export { useContact, useContactHistory, useStartConversation, useUpdateContact, type ContactPatch } from './contactsApi.js';
