import { Table, Tag } from 'antd';
import { Link } from 'react-router';
import { TimelinessTag, urgencyOf } from '../../../components/TimelinessTag.tsx';
import { fmtDateTime } from '../../../lib/format.ts';
import { RiskTags } from '../../../components/RiskTags.tsx';
import type { QueueItem } from '../../../lib/types.ts';

const ROW_BG = { overdue: '#fff1f0', at_risk: '#fff7e6', soon: '#feffe6', ok: undefined, none: undefined } as const;

/** A work queue: sorted by due date (the server does it), each row coloured by the time left. */
export function DossierTable({ items, loading }: { items: QueueItem[]; loading: boolean }) {
  return (
    <Table<QueueItem>
      size="small"
      rowKey="code"
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      onRow={(r) => ({ style: { background: ROW_BG[urgencyOf(r.timeliness)] } })}
      locale={{ emptyText: 'Không có hồ sơ nào.' }}
      columns={[
        { title: 'Mã hồ sơ', dataIndex: 'code', render: (code: string) => <Link to={`/ho-so/${code}`}>{code}</Link> },
        { title: 'Thủ tục', render: (_, r) => r.procedure.name, ellipsis: true },
        { title: 'Người nộp', render: (_, r) => r.applicant.fullName },
        { title: 'Trạng thái', render: (_, r) => <Tag>{r.statusLabel}</Tag> },
        { title: 'Phòng / người xử lý', render: (_, r) => [r.division?.code, r.handler?.fullName].filter(Boolean).join(' · ') },
        { title: 'Hẹn trả', dataIndex: 'dueAt', render: (v: string | null) => fmtDateTime(v) },
        { title: 'Thời gian còn lại', render: (_, r) => <TimelinessTag t={r.timeliness} /> },
        { title: 'Cảnh báo hạn, xin lỗi', render: (_, r) => <RiskTags risk={r.risk} forecastLate={r.forecastLate} apologyStatus={r.apologyStatus} breach={r.breach} /> },
      ]}
    />
  );
}
