import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { ApiError } from './api/client';
import { SignedInLayout, PublicLayout } from './layout';
import { SessionProvider, useSession } from './session';
import { Loading } from './ui/page';
import { SignInPage } from './pages/sign-in';
import { AccessibilityPage } from './pages/accessibility';
import { NotFoundPage } from './pages/not-found';
import {
  ForgottenPasswordPage,
  InvitationPage,
  NewPasswordPage,
  SignInLinkPage,
} from './pages/account-links';

const DashboardPage = lazy(() => import('./pages/dashboard'));
const RegisterPage = lazy(() => import('./pages/register-list'));
const EntryPage = lazy(() => import('./pages/entry-page'));
const RegisterImportPage = lazy(() => import('./pages/register-import'));
const RegisterFromTemplatePage = lazy(() => import('./pages/register-from-template'));
const EntryFormPage = lazy(() => import('./pages/entry-form'));
const AccountPage = lazy(() => import('./pages/account'));
const BreachesPage = lazy(() => import('./pages/breaches'));
const BreachPage = lazy(() => import('./pages/breach'));
const NewBreachPage = lazy(() => import('./pages/breach-new'));
const RightsRequestsPage = lazy(() => import('./pages/rights-requests'));
const NewRightsRequestPage = lazy(() => import('./pages/rights-request-new'));
const RightsRequestPage = lazy(() => import('./pages/rights-request'));
const DocumentsPage = lazy(() => import('./pages/documents'));
const OrganisationPage = lazy(() => import('./pages/organisation'));
const PublicationPage = lazy(() => import('./pages/publication'));
const AnnualReportPage = lazy(() => import('./pages/annual-report'));
const MyReviewsPage = lazy(() => import('./pages/my-reviews'));
const MyReviewPage = lazy(() => import('./pages/my-review'));
const NotificationsPage = lazy(() => import('./pages/notifications'));
const VendorsPage = lazy(() => import('./pages/vendors'));
const VendorPage = lazy(() => import('./pages/vendor'));
const ContractPage = lazy(() => import('./pages/vendor').then((m) => ({ default: m.ContractPage })));
const TemplatesPage = lazy(() => import('./pages/questionnaire-templates'));
const TemplatePage = lazy(() =>
  import('./pages/questionnaire-templates').then((m) => ({ default: m.TemplatePage })),
);
const NewTemplatePage = lazy(() => import('./pages/template-editor'));
const QuestionnairesPage = lazy(() => import('./pages/questionnaires'));
const QuestionnairePage = lazy(() =>
  import('./pages/questionnaires').then((m) => ({ default: m.QuestionnairePage })),
);
const VendorNotFoundPage = lazy(() =>
  import('./pages/questionnaires').then((m) => ({ default: m.VendorNotFoundPage })),
);
const AdministrationPage = lazy(() => import('./pages/admin/administration'));
const OrganisationAdminPage = lazy(() => import('./pages/admin/organisation-admin'));
const ApplicationAdminPage = lazy(() => import('./pages/admin/application-admin'));
const TemplateAdminPage = lazy(() => import('./pages/admin/template-admin'));
const ApplicationPage = lazy(() => import('./pages/application'));
const IncidentsPage = lazy(() => import('./pages/admin/incidents'));
const AssessmentsPage = lazy(() => import('./pages/certification/assessments'));
const AssessmentPage = lazy(() => import('./pages/certification/assessment'));
const RequirementPage = lazy(() => import('./pages/certification/requirement'));
const EvidencePage = lazy(() => import('./pages/certification/evidence'));
const AccessReviewsPage = lazy(() => import('./pages/access-reviews/campaigns'));
const AccessReviewPage = lazy(() => import('./pages/access-reviews/campaign'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

/** Pages for the signed-in only: anyone else goes to the sign-in page, and comes back after. */
/** What a vendor contact may open: its questionnaires, nothing else of Vigie. */
const VENDOR_PATHS = /^\/questionnaires(\/[^/]+)?\/?$/;

function RequireSession() {
  const { me, signedOut, workspaces } = useSession();
  const location = useLocation();
  if (me === undefined) return <Loading />;
  if (me === null) {
    const back = `${location.pathname}${location.search}`;
    return (
      <Navigate
        to={back === '/' || signedOut ? '/connexion' : `/connexion?retour=${encodeURIComponent(back)}`}
        replace
      />
    );
  }
  const vendorOnly = workspaces.length > 0 && workspaces.every((w) => w.kind === 'vendor');
  if (vendorOnly && location.pathname === '/') return <Navigate to="/questionnaires" replace />;
  return (
    <SignedInLayout>
      <Suspense fallback={<Loading />}>
        {vendorOnly && !VENDOR_PATHS.test(location.pathname) ? <VendorNotFoundPage /> : <Outlet />}
      </Suspense>
    </SignedInLayout>
  );
}

/** Public pages: shown in the signed-in layout to the signed-in, alone otherwise. */
function Either({ children }: { children: ReactNode }) {
  const { me } = useSession();
  if (me === undefined) return <Loading />;
  return me ? <SignedInLayout>{children}</SignedInLayout> : <PublicLayout>{children}</PublicLayout>;
}

function SignInRoute() {
  const { me } = useSession();
  if (me === undefined) return <Loading />;
  return (
    <PublicLayout>
      <SignInPage />
    </PublicLayout>
  );
}

const router = createBrowserRouter([
  { path: '/connexion', element: <SignInRoute /> },
  {
    path: '/accessibilite',
    element: (
      <Either>
        <AccessibilityPage />
      </Either>
    ),
  },
  // Pages reached from the e-mails of accounts (the token in the fragment `#jeton=`).
  {
    path: '/invitation',
    element: (
      <Either>
        <InvitationPage />
      </Either>
    ),
  },
  {
    path: '/mot-de-passe/nouveau',
    element: (
      <Either>
        <NewPasswordPage />
      </Either>
    ),
  },
  {
    path: '/mot-de-passe/oublie',
    element: (
      <Either>
        <ForgottenPasswordPage />
      </Either>
    ),
  },
  {
    path: '/connexion/lien',
    element: (
      <Either>
        <SignInLinkPage />
      </Either>
    ),
  },
  {
    element: <RequireSession />,
    children: [
      { path: '/', element: <DashboardPage /> },
      { path: '/registre', element: <RegisterPage /> },
      { path: '/registre/nouveau', element: <EntryFormPage /> },
      { path: '/registre/import', element: <RegisterImportPage /> },
      { path: '/registre/nouveau/modele', element: <RegisterFromTemplatePage /> },
      { path: '/registre/:id', element: <EntryPage /> },
      { path: '/registre/:id/modifier', element: <EntryFormPage /> },
      { path: '/violations', element: <BreachesPage /> },
      { path: '/violations/nouvelle', element: <NewBreachPage /> },
      { path: '/violations/:id', element: <BreachPage /> },
      { path: '/demandes-de-droits', element: <RightsRequestsPage /> },
      { path: '/demandes-de-droits/nouvelle', element: <NewRightsRequestPage /> },
      { path: '/demandes-de-droits/:id', element: <RightsRequestPage /> },
      { path: '/documents', element: <DocumentsPage /> },
      { path: '/mes-revues', element: <MyReviewsPage /> },
      { path: '/mes-revues/:campaignId', element: <MyReviewPage /> },
      { path: '/organisme', element: <OrganisationPage /> },
      { path: '/publication', element: <PublicationPage /> },
      { path: '/bilan-annuel', element: <AnnualReportPage /> },
      { path: '/compte', element: <AccountPage /> },
      { path: '/notifications', element: <NotificationsPage /> },
      { path: '/fournisseurs', element: <VendorsPage /> },
      { path: '/fournisseurs/contrats/:id', element: <ContractPage /> },
      { path: '/fournisseurs/modeles', element: <TemplatesPage /> },
      { path: '/fournisseurs/modeles/nouveau', element: <NewTemplatePage /> },
      { path: '/fournisseurs/modeles/:id', element: <TemplatePage /> },
      { path: '/fournisseurs/:id', element: <VendorPage /> },
      { path: '/applications/:id', element: <ApplicationPage /> },
      { path: '/questionnaires', element: <QuestionnairesPage /> },
      { path: '/questionnaires/:id', element: <QuestionnairePage /> },
      { path: '/administration', element: <AdministrationPage /> },
      { path: '/administration/organismes/:id', element: <OrganisationAdminPage /> },
      { path: '/administration/applications/:id', element: <ApplicationAdminPage /> },
      { path: '/administration/modeles/:id', element: <TemplateAdminPage /> },
      { path: '/incidents', element: <IncidentsPage /> },
      { path: '/notifications/preferences', element: <Navigate to="/compte#preferences" replace /> },
      { path: '/certification', element: <AssessmentsPage /> },
      { path: '/certification/:id', element: <AssessmentPage /> },
      { path: '/certification/:id/exigences/:requirementId', element: <RequirementPage /> },
      { path: '/preuves/:id', element: <EvidencePage /> },
      { path: '/revues', element: <AccessReviewsPage /> },
      { path: '/revues/:id', element: <AccessReviewPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>
  );
}
