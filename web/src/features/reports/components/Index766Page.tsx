import { TAG } from '../../../components/TimelinessTag.tsx';
import { Alert, Card, Col, Collapse, Progress, Row, Spin, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { PeriodPicker, usePeriod } from '../../../components/PeriodPicker.tsx';
import { type Index766Answer, use766 } from '../api/reports.ts';

type Indicator = Index766Answer['indicators'][number];
const STATUS: Record<string, { label: string; color: string }> = {
  computed: { label: 'Tính từ dữ liệu phường', color: TAG.success },
  partial: { label: 'Tính một phần', color: TAG.gold },
  pending_data: { label: 'Chờ dữ liệu phường', color: TAG.neutral },
  national_data: { label: 'Cần dữ liệu quốc gia', color: TAG.info },
};
const num = (x: number | null, digits = 2) => (x === null ? '—' : x.toLocaleString('vi-VN', { maximumFractionDigits: digits }));

/** Decision 766/QĐ-TTg self-assessment: live score per group, the dossiers pulling it down, what needs national data. */
export function Index766Page({ dossierHref }: { dossierHref: (code: string) => string }) {
  const [period, setPeriod] = usePeriod();
  const { data, isLoading, error } = use766(period);
  return (
    <>
      <Row justify="space-between" align="middle" gutter={[8, 8]}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          Tự đánh giá Bộ chỉ số 766/QĐ-TTg
        </Typography.Title>
        <PeriodPicker value={period} onChange={setPeriod} />
      </Row>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginTop: 12 }} />}
      {isLoading && <Spin />}
      {data && (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
            {data.period.label} · {data.legalBasis}
          </Typography.Paragraph>
          <Alert type="info" showIcon title={`Điểm đo được: ${num(data.measuredScore)} / ${data.measuredMax} điểm của các chỉ tiêu có dữ liệu`} description={data.statement} />
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            {data.groups.map((g) => (
              <Col key={g.code} xs={24} md={12} xl={8}>
                <Card size="small" title={g.name} style={{ height: '100%' }}>
                  <Typography.Paragraph style={{ marginBottom: 4 }}>
                    <strong>{num(g.score)}</strong> / {g.measuredMax} điểm đo được (tối đa của nhóm: {g.maxPoints})
                  </Typography.Paragraph>
                  <Progress percent={g.measuredMax ? Math.round((g.score / g.measuredMax) * 100) : 0} size="small" aria-label={`${g.name}: ${num(g.score)} trên ${g.measuredMax} điểm`} />
                  {g.needsNationalData.length > 0 && (
                    <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                      Cần dữ liệu quốc gia (Cổng DVCQG, CSDL TTHC): chỉ tiêu {g.needsNationalData.join(', ')}.
                    </Typography.Paragraph>
                  )}
                  {g.pendingData.length > 0 && (
                    <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                      Phường chưa ghi nhận dữ liệu: chỉ tiêu {g.pendingData.join(', ')}.
                    </Typography.Paragraph>
                  )}
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small" title="Các chỉ tiêu" style={{ marginTop: 12 }}>
            <Table<Indicator>
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={data.indicators}
              expandable={{
                rowExpandable: (x) => x.pullingDown.length > 0,
                expandedRowRender: (x) => (
                  <Collapse
                    ghost
                    defaultActiveKey={['1']}
                    items={[
                      {
                        key: '1',
                        label: `${x.pullingDown.length} ${x.code === '5.2' ? 'phản ánh, kiến nghị' : 'hồ sơ'} làm giảm điểm`,
                        children: (
                          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
                            {/* 5.2 lists PAKN tracking codes, every other indicator dossier codes. */}
                            {x.pullingDown.slice(0, 200).map((c) => (x.code === '5.2' ? <span key={c}>{c}</span> : <Link key={c} to={dossierHref(c)}>{c}</Link>))}
                            {x.pullingDown.length > 200 && <span>… và {x.pullingDown.length - 200} hồ sơ khác</span>}
                          </div>
                        ),
                      },
                    ]}
                  />
                ),
              }}
              columns={[
                { title: 'Mã', dataIndex: 'code' },
                { title: 'Chỉ tiêu', dataIndex: 'name' },
                { title: 'Tình trạng dữ liệu', dataIndex: 'status', render: (s: string) => <Tag variant="solid" color={STATUS[s]?.color}>{STATUS[s]?.label ?? s}</Tag> },
                { title: 'Tử số / mẫu số', key: 'ratio', render: (_: unknown, x) => (x.numerator === null ? '—' : x.denominator === null ? num(x.numerator) : `${num(x.numerator)} / ${num(x.denominator)}`) },
                { title: 'Điểm', key: 'score', align: 'right', render: (_: unknown, x) => (x.maxPoints === 0 ? 'không tính điểm' : `${num(x.score)} / ${x.maxPoints}`) },
                { title: 'Ghi chú', dataIndex: 'note' },
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}
