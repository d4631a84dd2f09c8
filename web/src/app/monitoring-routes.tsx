/**
 * Routes and menu entries of monitoring, reports, complaints, supervision and recognition (issue 6).
 * Every screen is loaded on demand (React.lazy): the console's first load carries none of them.
 */
import { Result, Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Route } from 'react-router';
import type { Me, Role } from '../lib/types.ts';

const page = <P extends object>(load: () => Promise<React.ComponentType<P>>) => lazy(async () => ({ default: await load() }));
const DashboardPage = page(() => import('../features/monitoring/components/DashboardPage.tsx').then((m) => m.DashboardPage));
const Bieu06Page = page(() => import('../features/reports/components/Bieu06Page.tsx').then((m) => m.Bieu06Page));
const EvaluationPage = page(() => import('../features/reports/components/EvaluationPage.tsx').then((m) => m.EvaluationPage));
const Index766Page = page(() => import('../features/reports/components/Index766Page.tsx').then((m) => m.Index766Page));
const ComplaintsPage = page(() => import('../features/complaints/components/ComplaintsPage.tsx').then((m) => m.ComplaintsPage));
const SupervisionPortal = page(() => import('../features/supervision/components/SupervisionPortal.tsx').then((m) => m.SupervisionPortal));
const TimelinePage = page(() => import('../features/supervision/components/TimelinePage.tsx').then((m) => m.TimelinePage));
const RecommendationsPage = page(() => import('../features/supervision/components/RecommendationsPage.tsx').then((m) => m.RecommendationsPage));
const RecognitionPage = page(() => import('../features/recognition/components/RecognitionPage.tsx').then((m) => m.RecognitionPage));

// Who sees what: the roles each API admits (reports.routes.ts, recognition.routes.ts, complaint.ts, supervision.routes.ts).
const MONITORS: Role[] = ['monitor', 'leader', 'division_head', 'admin'];
const REPORT_READERS: Role[] = [...MONITORS, 'supervisor'];
const COMPLAINT_DESK: Role[] = ['reception', 'monitor', 'leader', 'admin'];
const SUPERVISION: Role[] = ['supervisor', 'monitor', 'leader', 'admin'];

export const MONITORING_MENU: { key: string; label: string; roles: Role[] }[] = [
  { key: '/giam-sat-mttq', label: 'Giám sát (MTTQ)', roles: SUPERVISION },
  { key: '/kien-nghi', label: 'Kiến nghị giám sát', roles: SUPERVISION },
  { key: '/bang-theo-doi', label: 'Bảng theo dõi', roles: MONITORS },
  { key: '/bao-cao/bieu-06', label: 'Báo cáo Biểu 06', roles: REPORT_READERS },
  { key: '/bao-cao/danh-gia', label: 'Đánh giá TT 01/2018', roles: MONITORS },
  { key: '/bao-cao/766', label: 'Chỉ số 766', roles: REPORT_READERS },
  { key: '/phan-anh', label: 'Phản ánh, kiến nghị', roles: COMPLAINT_DESK },
  { key: '/khen-thuong', label: 'Dân vận khéo', roles: MONITORS },
];

function Guard({ me, roles, children }: { me: Me; roles: Role[]; children: ReactNode }) {
  if (!roles.includes(me.role)) return <Result status="403" title="Không có quyền" subTitle="Tài khoản của bạn không dùng được chức năng này." />;
  return <Suspense fallback={<Spin style={{ margin: 24 }} />}>{children}</Suspense>;
}

export function monitoringRoutes(me: Me) {
  // The Front's supervisor reads dossiers only through the masked audit trail.
  const dossierHref = (code: string) => (me.role === 'supervisor' ? `/giam-sat-mttq/ho-so/${code}` : `/ho-so/${code}`);
  const r = (path: string, roles: Role[], element: ReactNode) => <Route key={path} path={path} element={<Guard me={me} roles={roles}>{element}</Guard>} />;
  return [
    r('bang-theo-doi', MONITORS, <DashboardPage />),
    r('bao-cao/bieu-06', REPORT_READERS, <Bieu06Page dossierHref={dossierHref} />),
    r('bao-cao/danh-gia', MONITORS, <EvaluationPage />),
    r('bao-cao/766', REPORT_READERS, <Index766Page dossierHref={dossierHref} />),
    r('phan-anh', COMPLAINT_DESK, <ComplaintsPage me={me} />),
    r('giam-sat-mttq', SUPERVISION, <SupervisionPortal />),
    r('giam-sat-mttq/ho-so/:code', SUPERVISION, <TimelinePage />),
    r('kien-nghi', SUPERVISION, <RecommendationsPage me={me} />),
    r('khen-thuong', MONITORS, <RecognitionPage />),
  ];
}
