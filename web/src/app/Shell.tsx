import { Button, Layout, Menu, Space, Typography } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { ROLE_VI } from '../lib/format.ts';
import type { Me, Role } from '../lib/types.ts';
import { useLogout } from '../features/auth/api/auth.ts';
import { MONITORING_MENU } from './monitoring-routes.tsx';
import { NotificationBell } from '../features/three-khong/components/NotificationBell.tsx';
import { THREE_KHONG_MENU } from '../features/three-khong/routes.tsx';

const MENU: { key: string; label: string; roles?: Role[] }[] = [
  { key: '/', label: 'Hôm nay' },
  { key: '/tiep-nhan', label: 'Tiếp nhận hồ sơ', roles: ['reception'] },
  { key: '/ho-so', label: 'Hàng đợi hồ sơ' },
  { key: '/trinh-ky', label: 'Chờ ký duyệt', roles: ['leader', 'division_head'] },
  { key: '/quan-tri/thu-tuc', label: 'Danh mục thủ tục', roles: ['admin'] },
  { key: '/quan-tri/lich', label: 'Lịch làm việc', roles: ['admin'] },
  { key: '/quan-tri/can-bo', label: 'Cán bộ, vai trò', roles: ['admin'] },
  ...THREE_KHONG_MENU,
  ...MONITORING_MENU,
];

/** Staff console frame: a menu for the role on the left, the work on the right. Hidden when printing. */
export function Shell({ me }: { me: Me }) {
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const items = MENU.filter((m) => !m.roles || m.roles.includes(me.role)).map((m) => ({ key: m.key, label: <Link to={m.key}>{m.label}</Link> }));
  const selected = [...MENU].reverse().find((m) => (m.key === '/' ? location.pathname === '/' : location.pathname.startsWith(m.key)))?.key ?? '/';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="no-print" style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#a8071a', paddingInline: 16, height: 48 }}>
        <Link to="/" style={{ color: '#fff', fontWeight: 700 }}>
          Một cửa phường Đông Thanh
        </Link>
        <Space>
          <NotificationBell />
          <Typography.Text style={{ color: '#fff' }}>
            {me.fullName} · {ROLE_VI[me.role]}
          </Typography.Text>
          <Button size="small" onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/dang-nhap') })}>
            Đăng xuất
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider className="no-print" width={200} theme="light" breakpoint="lg" collapsedWidth={0}>
          <nav aria-label="Chức năng">
            <Menu mode="inline" selectedKeys={[selected]} items={items} style={{ borderInlineEnd: 0 }} />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 16 }}>
          <main>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
