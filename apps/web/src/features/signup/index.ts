export { InviteUserModal } from './InviteUserModal.js';
export { InvitationBadge, ResendInvitationButton } from './InvitationBadge.js';
