import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import type { Role } from './types.ts';

dayjs.locale('vi');

/** Vietnam time (UTC+7, no daylight saving) whatever the browser's zone. */
function vn(iso: string) {
  return dayjs(Date.parse(iso) + 7 * 3600_000 + new Date().getTimezoneOffset() * 60_000);
}
export const fmtDateTime = (iso: string | null | undefined) => (iso ? vn(iso).format('HH:mm DD/MM/YYYY') : '—');
export const fmtDate = (iso: string | null | undefined) => (iso ? vn(iso).format('dddd, DD/MM/YYYY') : '—');
export const vnd = (n: number) => `${n.toLocaleString('vi-VN')} đ`;

export const ROLE_VI: Record<Role, string> = {
  reception: 'Tiếp nhận (Một cửa)',
  specialist: 'Chuyên viên',
  division_head: 'Lãnh đạo phòng',
  leader: 'Lãnh đạo UBND',
  monitor: 'Giám sát',
  supervisor: 'Giám sát (MTTQ)',
  admin: 'Quản trị',
};

export const UNIT_VI: Record<string, string> = { working_days: 'ngày làm việc', working_hours: 'giờ làm việc', days: 'ngày', same_day: 'trong ngày' };
export function timeLimitText(t: { value: number | null; unit: string }): string {
  if (t.unit === 'same_day' || t.value === null) return 'Trong ngày';
  return `${String(t.value).replace('.', ',')} ${UNIT_VI[t.unit] ?? t.unit}`;
}

/** "còn 2 ngày 3 giờ" / "quá 5 giờ" (calendar time). */
export function remainingText(ms: number): string {
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const text = days > 0 ? `${days} ngày ${hours} giờ` : `${hours} giờ ${Math.floor((abs % 3_600_000) / 60_000)} phút`;
  return ms < 0 ? `quá hạn ${text}` : `còn ${text}`;
}
