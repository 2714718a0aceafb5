import { teamChatEn } from '../../features/team-chat/i18n.js';
import type { Dictionary } from './types.js';
import type { ptBR } from './pt-BR.js';

import { connectionsEn } from '../../features/connections/i18n.js';
import { contactsEn } from '../../features/contacts/i18n.js';
import { contactImportEn } from '../../features/contacts/import/i18n.js';
import { contactExtrasEn } from '../../features/contacts/extrasI18n.js';
import { surveysEn } from '../../features/surveys/i18n.js';
import { queuesEn } from '../../features/queues/i18n.js';
import { settingsEn } from '../../features/settings/i18n.js';
import { integrationsEn } from '../../features/integrations/i18n.js';
import { apiTokensEn } from '../../features/api-tokens/i18n.js';
import { leadHooksEn } from '../../features/lead-hooks/i18n.js';
import { aiAssistEn } from '../../features/ai-assist/i18n.js';
import { typebotEn } from '../../features/typebot/i18n.js';
import { searchEn } from '../../features/search/i18n.js';
import { scheduledEn } from '../../features/scheduled/i18n.js';
import { notesEn } from '../../features/notes/i18n.js';
import { quickResponsesEn } from '../../features/quick-responses/i18n.js';
import { ticketsEn } from '../../features/tickets/i18n.js';
import { tagsEn } from '../../features/tags/i18n.js';
import { webhooksEn } from '../../features/webhooks/i18n.js';
import { announcementsEn } from '../../features/announcements/i18n.js';
import { onboardingEn } from '../../features/onboarding/i18n.js';
import { usageEn } from '../../features/usage/i18n.js';
import { trialEn } from '../../features/trial/i18n.js';
import { platformEn } from '../../features/platform/i18n.js';
import { flowsEn } from '../../features/flows/i18n.js';
import { flowSimulatorEn } from '../../features/flows/simulator/i18n.js';
import { flowRunsEn } from '../../features/flow-runs/i18n.js';
import { timelineEn } from '../../features/tickets/timelineI18n.js';
import { reportsEn } from '../../features/reports/i18n.js';
import { signupEn } from '../../features/signup/i18n.js';
import { errorsEn, fieldErrorsEn } from './errors.js';
import { billingEn } from '../../features/billing/i18n.js';

export const en: Dictionary<typeof ptBR> = {
  tickets: ticketsEn,
  timeline: timelineEn,
  connections: connectionsEn,
  contacts: contactsEn,
  contactImport: contactImportEn,
  contactExtras: contactExtrasEn,
  surveys: surveysEn,
  queues: queuesEn,
  settings: settingsEn,
  integrations: integrationsEn,
  apiTokens: apiTokensEn,
  leadHooks: leadHooksEn,
  aiAssist: aiAssistEn,
  typebot: typebotEn,
  scheduled: scheduledEn,
  notes: notesEn,
  search: searchEn,
  tags: tagsEn,
  webhooks: webhooksEn,
  announcements: announcementsEn,
  onboarding: onboardingEn,
  usage: usageEn,
  trial: trialEn,
  platform: platformEn,
  flows: flowsEn,
  flowSimulator: flowSimulatorEn,
  flowRuns: flowRunsEn,
  quickResponses: quickResponsesEn,
  teamChat: teamChatEn,
  reports: reportsEn,
  billing: billingEn,
  signup: signupEn,
  app: {
    name: 'Jimmy Chat',
    tagline: 'WhatsApp customer service, as a team.',
    loading: 'Loading…',
  },
  language: {
    'pt-BR': 'Português',
    en: 'English',
    switchTo: 'Mudar idioma para Português',
  },
  login: {
    title: 'Sign in to your account',
    subtitle: 'Use the email and password your company admin created for you.',
    email: 'Email',
    emailPlaceholder: 'you@company.com',
    password: 'Password',
    passwordPlaceholder: 'Your password',
    submit: 'Sign in',
    invalidCredentials: 'Wrong email or password. Check them and try again.',
    rateLimited: 'Too many attempts. Try again in {{seconds}} seconds.',
    rateLimitedNoWait: 'Too many attempts. Wait a moment and try again.',
    sessionExpired: 'Your session expired. Please sign in again.',
    sessionRevoked: 'Your session was ended. Please sign in again.',
    sidePitch:
      'The whole team serving customers on one WhatsApp number and the website chat, with transfers between queues and each customer’s history.',
  },
  validation: {
    required: 'This field is required.',
    email: 'Enter a valid email.',
    passwordMin: 'The password needs at least 8 characters.',
    passwordMismatch: 'The passwords do not match.',
  },
  errors: errorsEn,
  fieldErrors: fieldErrorsEn,
  nav: {
    tickets: 'Tickets',
    contacts: 'Contacts',
    scheduled: 'Scheduled',
    kanban: 'Kanban',
    tags: 'Tags',
    quickResponses: 'Quick responses',
    connections: 'Connections',
    users: 'Users',
    queues: 'Queues',
    flows: 'Flows',
    announcements: 'Announcements',
    platform: 'Platform',
    reports: 'Reports',
    integrations: 'Integrations',
    settings: 'Settings',
    usage: 'Plan and usage',
    chat: 'Team chat',
    billing: 'Billing',
    platformInvoices: 'Invoices (platform)',
    collapse: 'Collapse menu',
    expand: 'Expand menu',
    toggleMobile: 'Open or close the menu',
  },
  realtime: {
    connected: 'Connected',
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting…',
    connectedHint: 'Real-time updates are on.',
    reconnectingBanner: 'Reconnecting… Real-time updates will resume as soon as the connection is back.',
  },
  userMenu: {
    open: 'User menu',
    profile: 'Profile',
    changePassword: 'Change password',
    language: 'Switch to {{language}}',
    themeDark: 'Dark theme',
    themeLight: 'Light theme',
    notificationsOn: 'Notifications on',
    notificationsOff: 'Notifications off',
    logout: 'Log out',
  },
  profile: {
    title: 'Your profile',
    name: 'Name',
    email: 'Email',
    emailHint: 'Ask an admin to change your email.',
    save: 'Save',
    saved: 'Profile updated.',
    preferencesFailed: 'Your preference could not be saved on the server.',
  },
  password: {
    title: 'Change password',
    current: 'Current password',
    new: 'New password',
    confirm: 'Confirm new password',
    newHint: 'At least 8 characters.',
    submit: 'Change password',
    changed: 'Password changed.',
  },
  common: {
    cancel: 'Cancel',
    save: 'Save',
    retry: 'Try again',
    close: 'Close',
    goHome: 'Go to the start page',
    error: 'Error',
    success: 'Done',
    copy: 'Copy',
    copied: 'Copied',
  },
  roles: {
    super_admin: 'Super admin',
    admin: 'Admin',
    supervisor: 'Supervisor',
    agent: 'Agent',
  },
  users: {
    title: 'Users',
    subtitle: 'Who on your team can sign in to Jimmy Chat and what each person can do.',
    new: 'New user',
    search: 'Search by name or email',
    colName: 'Name',
    colEmail: 'Email',
    colRole: 'Role',
    colStatus: 'Status',
    colLastLogin: 'Last login',
    colActions: 'Actions',
    active: 'Active',
    inactive: 'Inactive',
    never: 'Never',
    you: 'you',
    edit: 'Edit',
    resetPassword: 'Reset password',
    emptyTitle: 'No users yet',
    emptyText: 'Click "New user" to add the agents and supervisors on your team.',
    noMatch: 'No user matches your search.',
    loadFailed: 'The users could not be loaded.',
    createTitle: 'New user',
    editTitle: 'Edit user',
    name: 'Name',
    email: 'Email',
    password: 'Initial password',
    passwordHint: 'At least 8 characters. They can change it later.',
    role: 'Role',
    roleHint: 'Admins manage everything; supervisors oversee the team; agents serve customers.',
    activeLabel: 'Active user',
    activeHint: 'Inactive users cannot sign in.',
    maxOpenTickets: 'Most open conversations (empty = no limit)',
    maxOpenTicketsHint: 'Automatic assignment in queues never gives this user more open conversations than this.',
    maxOpenTicketsInvalid: 'Use a whole number from 1 to 1000, or leave it empty.',
    selfRoleHint: 'You cannot change your own role.',
    selfActiveHint: 'You cannot deactivate yourself.',
    create: 'Create user',
    created: 'User {{name}} created.',
    updated: 'User {{name}} updated.',
    resetTitle: 'Reset password for {{name}}',
    resetText: 'They will sign in with this new password from now on.',
    newPassword: 'New password',
    resetSubmit: 'Reset password',
    resetDone: 'Password for {{name}} was reset.',
  },
  noPermission: {
    title: 'No permission',
    text: 'Your role does not give access to this page. Ask an admin at your company if you need it.',
  },
  notFound: {
    title: 'Page not found',
    text: 'The address you opened does not exist or has moved.',
  },
};
