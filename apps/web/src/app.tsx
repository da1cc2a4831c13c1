import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useEffect, type ReactElement, type ReactNode } from 'react';
import {
  createBrowserRouter,
  matchRoutes,
  Navigate,
  Outlet,
  RouterProvider,
  useLocation,
  useSearchParams,
  type RouteObject,
} from 'react-router';
import { ApiError } from './api/client';
import { SignedInLayout, PublicLayout } from './layout';
import { SessionProvider, useSession } from './session';
import { lazyPage, type LazyPage } from './lazy-page';
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

const DashboardPage = lazyPage(() => import('./pages/dashboard'));
const RegisterPage = lazyPage(() => import('./pages/register-list'));
const EntryPage = lazyPage(() => import('./pages/entry-page'));
const RegisterImportPage = lazyPage(() => import('./pages/register-import'));
const RegisterFromTemplatePage = lazyPage(() => import('./pages/register-from-template'));
const EntryFormPage = lazyPage(() => import('./pages/entry-form'));
const AccountPage = lazyPage(() => import('./pages/account'));
const BreachesPage = lazyPage(() => import('./pages/breaches'));
const BreachPage = lazyPage(() => import('./pages/breach'));
const NewBreachPage = lazyPage(() => import('./pages/breach-new'));
const RightsRequestsPage = lazyPage(() => import('./pages/rights-requests'));
const NewRightsRequestPage = lazyPage(() => import('./pages/rights-request-new'));
const RightsRequestPage = lazyPage(() => import('./pages/rights-request'));
const DocumentsPage = lazyPage(() => import('./pages/documents'));
const OrganisationPage = lazyPage(() => import('./pages/organisation'));
const PublicationPage = lazyPage(() => import('./pages/publication'));
const AnnualReportPage = lazyPage(() => import('./pages/annual-report'));
const MyReviewsPage = lazyPage(() => import('./pages/my-reviews'));
const MyReviewPage = lazyPage(() => import('./pages/my-review'));
const NotificationsPage = lazyPage(() => import('./pages/notifications'));
const VendorsPage = lazyPage(() => import('./pages/vendors'));
const VendorPage = lazyPage(() => import('./pages/vendor'));
const ContractPage = lazyPage(() => import('./pages/vendor').then((m) => ({ default: m.ContractPage })));
const TemplatesPage = lazyPage(() => import('./pages/questionnaire-templates'));
const TemplatePage = lazyPage(() =>
  import('./pages/questionnaire-templates').then((m) => ({ default: m.TemplatePage })),
);
const NewTemplatePage = lazyPage(() => import('./pages/template-editor'));
const QuestionnairesPage = lazyPage(() => import('./pages/questionnaires'));
const QuestionnairePage = lazyPage(() =>
  import('./pages/questionnaires').then((m) => ({ default: m.QuestionnairePage })),
);
const VendorNotFoundPage = lazyPage(() =>
  import('./pages/questionnaires').then((m) => ({ default: m.VendorNotFoundPage })),
);
const AdministrationPage = lazyPage(() => import('./pages/admin/administration'));
const OrganisationAdminPage = lazyPage(() => import('./pages/admin/organisation-admin'));
const ApplicationAdminPage = lazyPage(() => import('./pages/admin/application-admin'));
const TemplateAdminPage = lazyPage(() => import('./pages/admin/template-admin'));
const ApplicationPage = lazyPage(() => import('./pages/application'));
const IncidentsPage = lazyPage(() => import('./pages/admin/incidents'));
const AssessmentsPage = lazyPage(() => import('./pages/certification/assessments'));
const AssessmentPage = lazyPage(() => import('./pages/certification/assessment'));
const RequirementPage = lazyPage(() => import('./pages/certification/requirement'));
const EvidencePage = lazyPage(() => import('./pages/certification/evidence'));
const AccessReviewsPage = lazyPage(() => import('./pages/access-reviews/campaigns'));
const AccessReviewPage = lazyPage(() => import('./pages/access-reviews/campaign'));

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
  const [params] = useSearchParams();
  const next = params.get('retour');
  // The page shown after signing in, loaded while the person types.
  useEffect(() => preloadPagesOf(next?.startsWith('/') ? next : '/'), [next]);
  if (me === undefined) return <Loading />;
  return (
    <PublicLayout>
      <SignInPage />
    </PublicLayout>
  );
}

const routes: RouteObject[] = [
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
];

/**
 * Starts loading the pages that `path` shows (the modules of its lazy route elements), so that they arrive while
 * the session is being read rather than after it: the page then renders with the layout, its queries at once.
 */
export function preloadPagesOf(path: string): void {
  for (const match of matchRoutes(routes, path) ?? []) {
    const page = (match.route.element as ReactElement | undefined)?.type as Partial<LazyPage> | undefined;
    page?.preload?.().catch(() => undefined);
  }
}

preloadPagesOf(window.location.pathname);
const router = createBrowserRouter(routes);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>
  );
}
