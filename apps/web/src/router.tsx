import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { NotFoundPage } from './components/NotFoundPage.js';
import { FullPageLoader } from './components/FullPageLoader.js';
import { AuthProvider, LoginPage, RequireAuth } from './features/auth/index.js';
import { RealtimeProvider } from './features/realtime/index.js';
import { AppLayout } from './features/shell/AppLayout.js';
import { RequireRole } from './features/shell/RequireRole.js';
import { navItems, type NavItem } from './features/shell/navigation.js';
import { TicketsPage } from './features/tickets/TicketsPage.js';

// The console is where everyone lands; administration pages are fetched when first opened.
const UsersPage = lazy(() => import('./features/users/UsersPage.js').then((m) => ({ default: m.UsersPage })));
const ConnectionsPage = lazy(() => import('./features/connections/ConnectionsPage.js').then((m) => ({ default: m.ConnectionsPage })));
const QueuesPage = lazy(() => import('./features/queues/QueuesPage.js').then((m) => ({ default: m.QueuesPage })));
const SettingsPage = lazy(() => import('./features/settings/SettingsPage.js').then((m) => ({ default: m.SettingsPage })));
const IntegrationsPage = lazy(() => import('./features/integrations/IntegrationsPage.js').then((m) => ({ default: m.IntegrationsPage })));
const ContactsPage = lazy(() => import('./features/contacts/ContactsPage.js').then((m) => ({ default: m.ContactsPage })));
const KanbanPage = lazy(() => import('./features/tags/KanbanPage.js').then((m) => ({ default: m.KanbanPage })));
const TagsPage = lazy(() => import('./features/tags/TagsPage.js').then((m) => ({ default: m.TagsPage })));
const ScheduledPage = lazy(() => import('./features/scheduled/ScheduledPage.js').then((m) => ({ default: m.ScheduledPage })));
const FlowsPage = lazy(() => import('./features/flows/FlowsPage.js').then((m) => ({ default: m.FlowsPage })));
// Its own chunk with @xyflow and the engine: the canvas costs nothing until someone opens a flow.
const FlowBuilderPage = lazy(() => import('./features/flows/builder/FlowBuilderPage.js').then((m) => ({ default: m.FlowBuilderPage })));
const ChatPage = lazy(() => import('./features/team-chat/ChatPage.js').then((m) => ({ default: m.ChatPage })));
const AnnouncementsPage = lazy(() =>
  import('./features/announcements/AnnouncementsPage.js').then((m) => ({ default: m.AnnouncementsPage })),
);
const PlatformPage = lazy(() => import('./features/platform/PlatformPage.js').then((m) => ({ default: m.PlatformPage })));
// Its own chunk with recharts and the date picker.
const ReportsPage = lazy(() => import('./features/reports/ReportsPage.js').then((m) => ({ default: m.ReportsPage })));
const QuickResponsesPage = lazy(() =>
  import('./features/quick-responses/QuickResponsesPage.js').then((m) => ({ default: m.QuickResponsesPage })),
);

const UsagePage = lazy(() => import('./features/usage/UsagePage.js').then((m) => ({ default: m.UsagePage })));
const BillingPage = lazy(() => import('./features/billing/BillingPage.js').then((m) => ({ default: m.BillingPage })));
const PlatformInvoicesPage = lazy(() =>
  import('./features/billing/PlatformInvoicesPage.js').then((m) => ({ default: m.PlatformInvoicesPage })),
);
// Signed-out pages of accounts by e-mail (features/signup): sign-up, verification, reset, invitation.
const SignupPage = lazy(() => import('./features/signup/SignupPage.js').then((m) => ({ default: m.SignupPage })));
const VerifyEmailPage = lazy(() => import('./features/signup/VerifyEmailPage.js').then((m) => ({ default: m.VerifyEmailPage })));
const ForgotPasswordPage = lazy(() => import('./features/signup/ForgotPasswordPage.js').then((m) => ({ default: m.ForgotPasswordPage })));
const SetPasswordPage = lazy(() => import('./features/signup/SetPasswordPage.js').then((m) => ({ default: m.SetPasswordPage })));
const signedOut = (page: ReactNode) => <Suspense fallback={<FullPageLoader />}>{page}</Suspense>;

const flowsItem = navItems.find((item) => item.key === 'flows')!;

function pageFor(item: NavItem) {
  switch (item.key) {
    case 'users':
      return <UsersPage />;
    case 'tickets':
      return <TicketsPage />;
    case 'connections':
      return <ConnectionsPage />;
    case 'contacts':
      return <ContactsPage />;
    case 'queues':
      return <QueuesPage />;
    case 'settings':
      return <SettingsPage />;
    case 'integrations':
      return <IntegrationsPage />;
    case 'scheduled':
      return <ScheduledPage />;
    case 'kanban':
      return <KanbanPage />;
    case 'tags':
      return <TagsPage />;
    case 'quickResponses':
      return <QuickResponsesPage />;
    case 'flows':
      return <FlowsPage />;
    case 'chat':
      return <ChatPage />;
    case 'announcements':
      return <AnnouncementsPage />;
    case 'reports':
      return <ReportsPage />;
    case 'usage':
      return <UsagePage />;
    case 'billing':
      return <BillingPage />;
    case 'platformInvoices':
      return <PlatformInvoicesPage />;
    case 'platform':
      return <PlatformPage />;
  }
}

/** Providers that need the router (navigation on sign-out) sit inside it, around every route. */
function Root() {
  return (
    <AuthProvider>
      <RealtimeProvider>
        <Outlet />
      </RealtimeProvider>
    </AuthProvider>
  );
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/signup', element: signedOut(<SignupPage />) },
      { path: '/verify-email', element: signedOut(<VerifyEmailPage />) },
      { path: '/forgot-password', element: signedOut(<ForgotPasswordPage />) },
      { path: '/reset-password', element: signedOut(<SetPasswordPage mode="reset" />) },
      { path: '/accept-invitation', element: signedOut(<SetPasswordPage mode="invite" />) },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <Navigate to="/tickets" replace /> },
          // A conversation has its own address, so a reload or a shared link opens it again.
          { path: '/tickets/:ticketId', element: <TicketsPage /> },
          {
            path: '/flows/:flowId',
            element: (
              <RequireRole roles={flowsItem.roles}>
                <FlowBuilderPage />
              </RequireRole>
            ),
          },
          ...navItems.map((item) => ({
            path: item.path,
            element: <RequireRole roles={item.roles}>{pageFor(item)}</RequireRole>,
          })),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
