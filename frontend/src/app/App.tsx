import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from 'react-router';
import { ApiError } from '../api/problem';
import { ApplicationDetailPage } from '../features/cases/ApplicationDetailPage';
import { ApplicationListPage } from '../features/cases/ApplicationListPage';
import { DecisionPage } from '../features/cases/DecisionPage';
import { IntakePage } from '../features/cases/IntakePage';
import { InvestigationPage } from '../features/cases/InvestigationPage';
import { OverduePage } from '../features/cases/OverduePage';
import { CertificateDetailPage } from '../features/certificates/CertificateDetailPage';
import { IssuePage } from '../features/certificates/IssuePage';
import { RegisterPage } from '../features/certificates/RegisterPage';
import { VerifyPage } from '../features/certificates/VerifyPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { RunPage } from '../features/payments/RunPage';
import { RunsPage } from '../features/payments/RunsPage';
import { LoginPage } from '../features/auth/LoginPage';
import { SCOPES } from '../features/auth/scopes';
import { session } from '../features/auth/session';
import { useSession } from '../features/auth/useSession';
import { HouseholdCreatePage } from '../features/registry/HouseholdCreatePage';
import { HouseholdDetailPage } from '../features/registry/HouseholdDetailPage';
import { PersonDetailPage } from '../features/registry/PersonDetailPage';
import { PersonCreatePage, PersonEditPage } from '../features/registry/PersonFormPage';
import { PersonSearchPage } from '../features/registry/PersonSearchPage';
import { SimulationPage } from '../features/simulation/SimulationPage';
import { I18nProvider } from '../shared/i18n/I18nProvider';
import { useT } from '../shared/i18n/context';
import { PageTitle } from '../shared/ui/PageTitle';
import { RequireAuth, RequireScope } from './guards';
import { Layout } from './Layout';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Every read of personal data is a 접속기록 entry: read when a screen asks, not on focus.
        refetchOnWindowFocus: false,
        staleTime: 30_000,
        retry: (count, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 1,
      },
      mutations: { retry: false },
    },
  });
}

function NotFoundPage() {
  const t = useT();
  return (
    <>
      <PageTitle title={t('notFound.title')}>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.body')}</p>
    </>
  );
}

function SignedOutOnly() {
  const { status } = useSession();
  if (status === 'restoring') return null;
  if (status === 'authenticated') return <Navigate to="/" replace />;
  return <LoginPage />;
}

const scoped = (scope: string, element: ReactNode) => <RequireScope scope={scope}>{element}</RequireScope>;

export const routes: RouteObject[] = [
  { path: '/login', element: <SignedOutOnly /> },
  // Public: the link in every certificate's QR code. Outside the signed-in frame, never sent to sign-in.
  { path: '/verify', element: <VerifyPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'persons/search', element: scoped(SCOPES.registryRead, <PersonSearchPage />) },
      { path: 'persons/new', element: scoped(SCOPES.registryWrite, <PersonCreatePage />) },
      { path: 'persons/:personId', element: scoped(SCOPES.registryRead, <PersonDetailPage />) },
      { path: 'persons/:personId/edit', element: scoped(SCOPES.registryWrite, <PersonEditPage />) },
      { path: 'households/new', element: scoped(SCOPES.registryWrite, <HouseholdCreatePage />) },
      { path: 'households/:householdId', element: scoped(SCOPES.registryRead, <HouseholdDetailPage />) },
      { path: 'simulation', element: scoped(SCOPES.referenceRead, <SimulationPage />) },
      { path: 'applications', element: scoped(SCOPES.applicationsRead, <ApplicationListPage />) },
      { path: 'applications/new', element: scoped(SCOPES.applicationsWrite, <IntakePage />) },
      { path: 'applications/overdue', element: scoped(SCOPES.applicationsRead, <OverduePage />) },
      { path: 'applications/:applicationId', element: scoped(SCOPES.applicationsRead, <ApplicationDetailPage />) },
      {
        path: 'applications/:applicationId/decision/:program',
        element: scoped(SCOPES.decisionsRead, <DecisionPage />),
      },
      { path: 'investigations/:investigationId', element: scoped(SCOPES.investigationsRead, <InvestigationPage />) },
      { path: 'persons/:personId/certificates/new', element: scoped(SCOPES.certificatesWrite, <IssuePage />) },
      { path: 'certificates', element: scoped(SCOPES.certificatesRead, <RegisterPage />) },
      { path: 'certificates/:number', element: scoped(SCOPES.certificatesRead, <CertificateDetailPage />) },
      { path: 'payments', element: scoped(SCOPES.paymentsRead, <RunsPage />) },
      { path: 'payments/runs/:runId', element: scoped(SCOPES.paymentsRead, <RunPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

/** Drops every cached answer (personal data) when the session ends. */
function ForgetOnSignOut() {
  const { status } = useSession();
  const client = useQueryClient();
  useEffect(() => {
    if (status === 'anonymous' || status === 'expired') client.clear();
  }, [status, client]);
  return null;
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createBrowserRouter(routes));
  useEffect(() => {
    void session.start();
  }, []);
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <ForgetOnSignOut />
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nProvider>
  );
}
