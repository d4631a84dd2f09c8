import { Result, Spin } from 'antd';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { useSession } from '../features/auth/api/auth.ts';
import { LoginPage } from '../features/auth/components/LoginPage.tsx';
import { TotpEnrollPage } from '../features/auth/components/TotpEnrollPage.tsx';
import { CalendarEditor } from '../features/admin-calendar/components/CalendarEditor.tsx';
import { CatalogEditor } from '../features/admin-catalog/components/CatalogEditor.tsx';
import { UsersPage } from '../features/admin-users/components/UsersPage.tsx';
import { DossierPage } from '../features/dossiers/components/DossierPage.tsx';
import { LeaderInbox, QueuePage } from '../features/dossiers/components/QueuePage.tsx';
import { HomePage } from '../features/home/components/HomePage.tsx';
import { ReceiptPrint } from '../features/reception/components/ReceiptPrint.tsx';
import { ReceptionDesk } from '../features/reception/components/ReceptionDesk.tsx';
import { ApologiesPage } from '../features/three-khong/components/ApologiesPage.tsx';
import { RedirectDesk } from '../features/three-khong/components/RedirectDesk.tsx';
import { RulesSettings } from '../features/three-khong/components/RulesSettings.tsx';
import { TodayPanel } from '../features/three-khong/components/TodayPanel.tsx';
import type { Me, Role } from '../lib/types.ts';
import { monitoringRoutes } from './monitoring-routes.tsx';
import { Shell } from './Shell.tsx';

function Only({ me, roles, children }: { me: Me; roles: Role[]; children: React.ReactNode }) {
  return roles.includes(me.role) ? children : <Result status="403" title="Không có quyền" subTitle="Tài khoản của bạn không dùng được chức năng này." />;
}

/** Routes compose features; features never import each other (DESIGN.md 7). */
export function App() {
  const { data: session, isLoading } = useSession();
  if (isLoading) return <Spin fullscreen />;
  const me = session?.user ?? null;
  return (
    <BrowserRouter basename="/app">
      <Routes>
        {session?.mfa.enrollmentRequired ? (
          // A leader or admin without a second factor may do nothing else (docs/security.md, TOTP).
          <Route path="*" element={<TotpEnrollPage me={session.user} />} />
        ) : (
          <Route path="/dang-nhap" element={me ? <Navigate to="/" replace /> : <LoginPage />} />
        )}
        {session?.mfa.enrollmentRequired ? null : me ? (
          <Route element={<Shell me={me} />}>
            <Route index element={<><HomePage me={me} /><TodayPanel me={me} /></>} />
            <Route path="tiep-nhan" element={<Only me={me} roles={['reception']}><ReceptionDesk /></Only>} />
            <Route path="bien-nhan/:code" element={<ReceiptPrint />} />
            <Route path="ho-so" element={<QueuePage />} />
            <Route path="ho-so/:code" element={<DossierPage me={me} />} />
            <Route path="trinh-ky" element={<LeaderInbox />} />
            <Route path="quan-tri/thu-tuc" element={<Only me={me} roles={['admin']}><CatalogEditor /></Only>} />
            <Route path="quan-tri/lich" element={<Only me={me} roles={['admin']}><CalendarEditor /></Only>} />
            <Route path="quan-tri/can-bo" element={<Only me={me} roles={['admin']}><UsersPage /></Only>} />
            {/* "3 không" (issue 4) */}
            <Route path="xin-loi" element={<Only me={me} roles={['leader', 'division_head', 'monitor', 'supervisor', 'admin']}><ApologiesPage me={me} /></Only>} />
            <Route path="huong-dan" element={<Only me={me} roles={['reception']}><RedirectDesk /></Only>} />
            <Route path="quan-tri/quy-tac" element={<Only me={me} roles={['admin']}><RulesSettings /></Only>} />
            {monitoringRoutes(me)}
            <Route path="*" element={<Result status="404" title="Không có trang này" />} />
          </Route>
        ) : (
          <Route path="*" element={<Navigate to="/dang-nhap" replace />} />
        )}
      </Routes>
    </BrowserRouter>
  );
}
