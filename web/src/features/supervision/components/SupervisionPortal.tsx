import { TAG } from '../../../components/TimelinessTag.tsx';
import { Alert, Card, Col, Input, Row, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { PeriodPicker, usePeriod } from '../../../components/PeriodPicker.tsx';
import { fmtDateTime } from '../../../lib/format.ts';
import { type LateDossiers, type SupervisedComplaints, useLateDossiers, useRatings, useSupervisedComplaints } from '../api/supervision.ts';

export const TIMELINE_PATH = '/giam-sat-mttq/ho-so';

/**
 * Supervision portal of the Fatherland Front committee (DOMAIN.md 12): read-only, personal data masked by the
 * server. Late dossiers with their apologies, complaints, ratings, and any dossier's audit trail. No actions.
 */
export function SupervisionPortal() {
  const [period, setPeriod] = usePeriod();
  const navigate = useNavigate();
  return (
    <>
      <Row justify="space-between" align="middle" gutter={[8, 8]}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          Giám sát của Ủy ban MTTQ phường
        </Typography.Title>
        <Space wrap>
          <PeriodPicker value={period} onChange={setPeriod} />
          <Input.Search
            aria-label="Mã hồ sơ cần xem nhật ký"
            placeholder="Mã hồ sơ cần xem nhật ký"
            enterButton="Xem nhật ký"
            style={{ width: 320 }}
            onSearch={(code) => code.trim() && navigate(`${TIMELINE_PATH}/${encodeURIComponent(code.trim())}`)}
          />
        </Space>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
        Chỉ xem. Thông tin cá nhân của người dân và họ tên cán bộ đã được che theo Nghị định 13/2023/NĐ-CP.
      </Typography.Paragraph>
      <Tabs
        items={[
          { key: 'late', label: 'Hồ sơ trễ hạn', children: <LateTab period={period} /> },
          { key: 'complaints', label: 'Phản ánh, kiến nghị', children: <ComplaintsTab period={period} /> },
          { key: 'ratings', label: 'Đánh giá hài lòng', children: <RatingsTab period={period} /> },
        ]}
      />
    </>
  );
}

function LateTab({ period }: { period: string }) {
  const { data, error, isLoading } = useLateDossiers(period);
  if (error) return <Alert type="error" showIcon title={error.message} />;
  return (
    <>
      {data && (
        <Typography.Paragraph>
          <strong data-testid="late-count">{data.count}</strong> hồ sơ trễ hạn trong {data.period.label.toLowerCase()}, {data.withApology} có văn bản xin lỗi (mẫu 04) đã ký, {data.breaches} vi phạm (trễ hạn chưa có văn bản xin lỗi đã ký).{' '}
          <Typography.Text type="secondary">{data.basis}</Typography.Text>
        </Typography.Paragraph>
      )}
      <Table<LateDossiers['items'][number]>
        size="small"
        rowKey="code"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 15, hideOnSinglePage: true }}
        columns={[
          { title: 'Mã hồ sơ', dataIndex: 'code', render: (c: string) => <Link to={`${TIMELINE_PATH}/${c}`}>{c}</Link> },
          { title: 'Thủ tục', dataIndex: 'procedureName' },
          { title: 'Bộ phận', dataIndex: 'division' },
          { title: 'Hẹn ban đầu', dataIndex: 'originalDueAt', render: fmtDateTime },
          { title: 'Hoàn thành', dataIndex: 'finishedAt', render: fmtDateTime },
          {
            title: 'Tình trạng',
            dataIndex: 'state',
            render: (s: string, d) => (s === 'finished_late' ? <Tag variant="solid" color={TAG.error}>Giải quyết quá hạn</Tag> : <Tag variant="solid" color={TAG.error}>Đang quá hạn · {d.statusLabel}</Tag>),
          },
          {
            title: 'Xin lỗi, gia hạn (mẫu 04)',
            key: 'apologies',
            render: (_, d) => (
              <>
                {d.breach && (
                  <Tag variant="solid" color={TAG.error}>
                    Vi phạm
                  </Tag>
                )}
                {d.apologies.length === 0 ? (
                  <Tag>Chưa có</Tag>
                ) : (
                  d.apologies.map((a) => (
                    <div key={a.number}>
                      Số {a.number}, {a.status === 'signed' ? `ký ${fmtDateTime(a.signedAt)}` : `dự thảo ${fmtDateTime(a.draftedAt)}, chờ ký`}: hẹn mới {fmtDateTime(a.newDueAt)}
                      {a.reason ? ` — ${a.reason}` : ''}
                    </div>
                  ))
                )}
              </>
            ),
          },
        ]}
      />
    </>
  );
}

function ComplaintsTab({ period }: { period: string }) {
  const { data, error, isLoading } = useSupervisedComplaints(period);
  if (error) return <Alert type="error" showIcon title={error.message} />;
  return (
    <>
      {data && (
        <Typography.Paragraph>
          {data.total} phản ánh, kiến nghị; {data.answered} đã trả lời; {data.overdue} quá hạn.
        </Typography.Paragraph>
      )}
      <Table<SupervisedComplaints['items'][number]>
        size="small"
        rowKey="trackingCode"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 15, hideOnSinglePage: true }}
        columns={[
          { title: 'Mã', dataIndex: 'trackingCode' },
          { title: 'Loại', dataIndex: 'categoryLabel' },
          { title: 'Nội dung', dataIndex: 'content', ellipsis: true },
          { title: 'Người phản ánh', key: 'who', render: (_, c) => c.submitter.name },
          { title: 'Hồ sơ', dataIndex: 'dossierCode', render: (c: string | null) => (c ? <Link to={`${TIMELINE_PATH}/${c}`}>{c}</Link> : '—') },
          { title: 'Hạn trả lời', dataIndex: 'dueAt', render: fmtDateTime },
          { title: 'Trạng thái', dataIndex: 'statusLabel', render: (l: string, c) => <>{l} {c.overdue && <Tag variant="solid" color={TAG.error}>Quá hạn</Tag>}</> },
          { title: 'Trả lời', dataIndex: 'answer', ellipsis: true, render: (a: string | null) => a ?? '—' },
        ]}
      />
    </>
  );
}

function RatingsTab({ period }: { period: string }) {
  const { data, error } = useRatings(period);
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!data) return null;
  if (data.status === 'pending_data') return <Alert type="info" showIcon title={data.message} />;
  return (
    <Row gutter={12}>
      {[
        { t: 'Lượt đánh giá', v: data.count },
        { t: 'Hài lòng', v: data.satisfied },
        { t: 'Bình thường', v: data.neutral },
        { t: 'Không hài lòng', v: data.dissatisfied },
      ].map((x) => (
        <Col key={x.t} xs={12} md={6}>
          <Card size="small">
            <Statistic title={x.t} value={x.v} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
