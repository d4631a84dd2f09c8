/**
 * Timeliness classes of Biểu 06 and the control slip (DOMAIN.md 4.6, 6.2): a finished dossier or step is
 * early (trước hạn), on time (đúng hạn) or late (quá hạn). "Early" means finished on a calendar day before
 * the due day in Vietnam's time zone; finishing later on the due day, up to the due moment, is on time.
 */
export type Outcome = 'early' | 'on_time' | 'late';

const VN_OFFSET_MS = 7 * 3600_000;

export function vnDay(iso: string): string {
  return new Date(Date.parse(iso) + VN_OFFSET_MS).toISOString().slice(0, 10);
}

export function classify(finishedAt: string, dueAt: string): Outcome {
  if (Date.parse(finishedAt) > Date.parse(dueAt)) return 'late';
  return vnDay(finishedAt) < vnDay(dueAt) ? 'early' : 'on_time';
}

export const OUTCOME_LABEL_VI: Record<Outcome, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
};
