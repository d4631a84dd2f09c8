/** Vietnamese renderings of instants in the legal time zone (Asia/Ho_Chi_Minh, UTC+7, no daylight saving). */
const VN_OFFSET_MS = 7 * 3600_000;

function parts(iso: string) {
  const d = new Date(Date.parse(iso) + VN_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { hh: pad(d.getUTCHours()), mm: pad(d.getUTCMinutes()), dd: pad(d.getUTCDate()), mo: pad(d.getUTCMonth() + 1), yyyy: String(d.getUTCFullYear()) };
}

/** "09 giờ 00 phút, ngày 04/12/2026" as on the receipt slip (DOMAIN.md 4.2). */
export function formatInstantVi(iso: string): string {
  const p = parts(iso);
  return `${p.hh} giờ ${p.mm} phút, ngày ${p.dd}/${p.mo}/${p.yyyy}`;
}

/** "04/12/2026". */
export function formatDateVi(iso: string): string {
  const p = parts(iso);
  return `${p.dd}/${p.mo}/${p.yyyy}`;
}

/** "ngày 04 tháng 12 năm 2026", the place-and-date line of an administrative document (Decree 30/2020). */
export function formatLongDateVi(iso: string): string {
  const p = parts(iso);
  return `ngày ${p.dd} tháng ${p.mo} năm ${p.yyyy}`;
}

/** The local date "YYYY-MM-DD" and time "HH:MM" of an instant. */
export function localDateTime(iso: string): { date: string; time: string } {
  const p = parts(iso);
  return { date: `${p.yyyy}-${p.mo}-${p.dd}`, time: `${p.hh}:${p.mm}` };
}
