import { Tag } from 'antd';
import { TAG } from './TimelinessTag.tsx';

/** Deadline watch levels (DOMAIN.md 12): words on solid colours, never colour alone. */
export const RISK_COLOR: Record<string, string> = { due_soon: TAG.gold, due_today: TAG.warning, overdue: TAG.error, forecast_late: TAG.info };
export const RISK_OPTIONS = [
  { value: 'at_risk', label: 'Mọi mức rủi ro' },
  { value: 'due_soon', label: 'Sắp đến hạn' },
  { value: 'due_today', label: 'Đến hạn hôm nay' },
  { value: 'overdue', label: 'Quá hạn' },
  { value: 'forecast_late', label: 'Dự báo trễ' },
];
export const APOLOGY_VI: Record<string, string> = { drafted: 'Xin lỗi: chờ ký', signed: 'Xin lỗi: đã ký' };

/** Risk level, forecast, apology state and breach of one dossier, as tags. */
export function RiskTags({ risk, forecastLate, apologyStatus, breach }: { risk: { level: string; label: string } | null; forecastLate: boolean; apologyStatus: string | null; breach: boolean }) {
  return (
    <>
      {risk && (
        <Tag variant="solid" color={RISK_COLOR[risk.level] ?? TAG.neutral} data-testid="risk-tag">
          {risk.label}
        </Tag>
      )}
      {forecastLate && <Tag variant="solid" color={TAG.info}>Dự báo trễ</Tag>}
      {apologyStatus && <Tag variant="solid" color={apologyStatus === 'signed' ? TAG.success : TAG.neutral}>{APOLOGY_VI[apologyStatus] ?? apologyStatus}</Tag>}
      {breach && <Tag variant="solid" color={TAG.error}>Trễ chưa xin lỗi</Tag>}
    </>
  );
}
