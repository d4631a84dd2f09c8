import type { Role } from '../../lib/types.ts';

/** The "3 không" screens' menu entries (Shell.tsx spreads them in; App.tsx adds the matching routes). */
export const THREE_KHONG_MENU: { key: string; label: string; roles?: Role[] }[] = [
  { key: '/xin-loi', label: 'Xin lỗi, trách nhiệm', roles: ['leader', 'division_head', 'monitor', 'supervisor', 'admin'] },
  { key: '/huong-dan', label: 'Phiếu hướng dẫn', roles: ['reception'] },
  { key: '/quan-tri/quy-tac', label: 'Quy tắc "3 không"', roles: ['admin'] },
];
