import { Tag } from 'antd';
import type { DossierSummary } from '../lib/types.ts';
import { remainingText } from '../lib/format.ts';

/** Solid tags with white text: antd's light status tags fall under WCAG AA contrast. */
export const TAG = { error: '#b3261e', warning: '#ad5b00', gold: '#7c6400', success: '#2f7a0a', info: '#0b4ea2', neutral: '#595959' } as const;

const OUTCOME_VI = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Trễ hạn' } as const;

/** At risk: less than one day left before the appointment. */
export const AT_RISK_MS = 24 * 3600_000;

export function urgencyOf(t: DossierSummary['timeliness']): 'overdue' | 'at_risk' | 'soon' | 'ok' | 'none' {
  if (t.state === 'overdue') return 'overdue';
  if (t.state !== 'on_track') return 'none';
  if (t.remainingMs < AT_RISK_MS) return 'at_risk';
  if (t.remainingMs < 3 * AT_RISK_MS) return 'soon';
  return 'ok';
}

/** Colour and words for the time left; colour is never the only signal (the text says it too). */
export function TimelinessTag({ t }: { t: DossierSummary['timeliness'] }) {
  switch (t.state) {
    case 'overdue':
      return <Tag variant="solid" color={TAG.error}>{remainingText(t.remainingMs)}</Tag>;
    case 'on_track': {
      const u = urgencyOf(t);
      return <Tag variant="solid" color={u === 'at_risk' ? TAG.warning : u === 'soon' ? TAG.gold : TAG.success}>{remainingText(t.remainingMs)}</Tag>;
    }
    case 'finished':
      return <Tag variant="solid" color={t.againstOriginal === 'late' ? TAG.error : TAG.success}>{t.againstOriginal ? OUTCOME_VI[t.againstOriginal] : 'Đã có kết quả'}</Tag>;
    case 'closed':
      return <Tag>Đã đóng</Tag>;
    default:
      return <Tag>Chưa tính hạn</Tag>;
  }
}
