import { Alert, Card, Descriptions, Spin, Timeline, Typography } from 'antd';
import { useParams } from 'react-router';
import { fmtDateTime, ROLE_VI, timeLimitText } from '../../../lib/format.ts';
import type { Role } from '../../../lib/types.ts';
import { useTimeline } from '../api/supervision.ts';

const DETAIL_VI: Record<string, string> = {
  dueAt: 'hẹn trả',
  newDueAt: 'hẹn mới',
  previousDueAt: 'hẹn trước',
  clockStartAt: 'bắt đầu tính hạn',
  channel: 'kênh',
  procedureCode: 'thủ tục',
  timeLimit: 'thời hạn',
};
const CHANNEL_VI: Record<string, string> = { direct: 'trực tiếp', counter: 'trực tiếp', online: 'trực tuyến', post: 'bưu chính' };

function detailText(k: string, v: unknown): string {
  if (isIso(v)) return fmtDateTime(v);
  if (k === 'channel' && typeof v === 'string') return CHANNEL_VI[v] ?? v;
  if (k === 'timeLimit' && typeof v === 'object' && v !== null && 'unit' in v) return timeLimitText(v as { value: number | null; unit: string });
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
const isIso = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v);

/** The audit trail of one dossier as the Front committee sees it: who (role, masked name) did what, when. */
export function TimelinePage() {
  const { code = '' } = useParams();
  const { data, error, isLoading } = useTimeline(code);
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        Nhật ký xử lý hồ sơ {code}
      </Typography.Title>
      {error && <Alert type="error" showIcon title={error.message} />}
      {isLoading && <Spin />}
      {data && (
        <>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'p', label: 'Thủ tục', children: data.procedureName },
              { key: 'a', label: 'Người nộp', children: data.applicantName },
              { key: 's', label: 'Trạng thái', children: data.statusLabel },
              { key: 'r', label: 'Tiếp nhận', children: fmtDateTime(data.receivedAt) },
              { key: 'o', label: 'Hẹn ban đầu', children: fmtDateTime(data.originalDueAt) },
              { key: 'e', label: 'Hẹn sau gia hạn', children: fmtDateTime(data.extendedDueAt) },
              { key: 'k', label: 'Có kết quả', children: fmtDateTime(data.resultReadyAt) },
              { key: 'c', label: 'Kết thúc', children: fmtDateTime(data.closedAt) },
            ]}
          />
          <Card size="small" title={`${data.timeline.length} bước trong nhật ký`} style={{ marginTop: 12 }}>
            <Timeline
              items={data.timeline.map((e) => ({
                content: (
                  <div data-testid="timeline-entry">
                    <strong>{e.label}</strong> · {fmtDateTime(e.at)} · {ROLE_VI[e.actor.role as Role] ?? e.actor.role ?? 'Hệ thống'} {e.actor.name}
                    {e.reason && <div>Lý do: {e.reason}</div>}
                    {Object.keys(e.details).length > 0 && (
                      <div style={{ color: '#595959' }}>
                        {Object.entries(e.details)
                          .map(([k, v]) => `${DETAIL_VI[k] ?? k}: ${detailText(k, v)}`)
                          .join(' · ')}
                      </div>
                    )}
                  </div>
                ),
              }))}
            />
          </Card>
        </>
      )}
    </>
  );
}
