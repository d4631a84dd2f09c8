import { TAG } from '../../../components/TimelinessTag.tsx';
import { Alert, Card, Col, Descriptions, Row, Spin, Table, Tag, Typography } from 'antd';
import { PeriodPicker, usePeriod } from '../../../components/PeriodPicker.tsx';
import { useEvaluation } from '../api/reports.ts';

const KINDS = ['quarter', 'year'] as const;
/** Indicator names of Circular 01/2018/TT-VPCP Art 12–13 (docs/reports.md, Evaluation). */
const INDICATOR_VI: Record<string, string> = {
  i1: '1. Tổng thời gian giải quyết so với quy định',
  i2: '2. Thời gian thực hiện của từng cơ quan, đơn vị tham gia',
  i3: '3. Số lần liên hệ để hoàn thiện hồ sơ',
  i4: '4. Số cơ quan, đơn vị phải liên hệ',
  i5: '5. Thực hiện tại Bộ phận Một cửa',
  i6: '6. Công khai thủ tục hành chính',
  i7: '7. Thái độ của cán bộ',
  i8: '8. Tiếp nhận, xử lý phản ánh, kiến nghị',
  i9: '9. Tiếp nhận, giải quyết trực tuyến',
};
const fmt = (x: number | null) => (x === null ? 'không tính' : x.toLocaleString('vi-VN'));
const CLASS_COLOR: Record<string, string> = { completed: TAG.success, partly: TAG.gold, below: TAG.error, excellent: TAG.success, good: TAG.success, fair: TAG.gold, average: TAG.warning, weak: TAG.error };

/** Evaluation per Circular 01/2018/TT-VPCP: per officer (10 points) and per body (18 points), quarterly or yearly. */
export function EvaluationPage() {
  const [period, setPeriod] = usePeriod(KINDS);
  const { data, isLoading, error } = useEvaluation(period);
  return (
    <>
      <Row justify="space-between" align="middle" gutter={[8, 8]}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          Đánh giá giải quyết TTHC (Thông tư 01/2018/TT-VPCP)
        </Typography.Title>
        <PeriodPicker value={period} onChange={setPeriod} kinds={KINDS} />
      </Row>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginTop: 12 }} />}
      {isLoading && <Spin />}
      {data && (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
            {data.period.label} · {data.legalBasis} · {data.dossiers.length} hồ sơ đã giải quyết trong kỳ được chấm điểm.
          </Typography.Paragraph>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={10}>
              <Card size="small" title="Cơ quan (tối đa 18 điểm)">
                <Typography.Paragraph>
                  <span style={{ fontSize: 28, fontWeight: 700 }} data-testid="body-score">
                    {fmt(data.body.score)}
                  </span>{' '}
                  / {data.body.max} điểm có dữ liệu · <Tag variant="solid" color={CLASS_COLOR[data.body.classification]}>{data.body.classificationLabel}</Tag>
                </Typography.Paragraph>
                <Descriptions
                  size="small"
                  column={1}
                  bordered
                  items={Object.entries(data.body.indicators).map(([k, v]) => ({ key: k, label: INDICATOR_VI[k] ?? k, children: fmt(v) }))}
                />
                {data.body.excluded.length > 0 && (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                    Không tính: {data.body.excluded.join('; ')}
                  </Typography.Paragraph>
                )}
                <ul style={{ paddingLeft: 18, marginBottom: 0 }}>
                  {data.notes.map((n) => (
                    <li key={n}>
                      <Typography.Text type="secondary">{n}</Typography.Text>
                    </li>
                  ))}
                </ul>
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title="Cán bộ thụ lý (tối đa 10 điểm)">
                <Table
                  size="small"
                  rowKey="handlerId"
                  pagination={false}
                  dataSource={data.officers}
                  columns={[
                    { title: 'Cán bộ', dataIndex: 'fullName' },
                    { title: 'Hồ sơ', dataIndex: 'dossiers', align: 'right' },
                    ...(['i1', 'i2', 'i3', 'i4', 'i7'] as const).map((k) => ({
                      title: <abbr title={INDICATOR_VI[k]}>CT {k.slice(1)}</abbr>,
                      key: k,
                      align: 'right' as const,
                      render: (_: unknown, o: (typeof data.officers)[number]) => fmt(o.indicators[k]),
                    })),
                    { title: 'Điểm', dataIndex: 'score', align: 'right', render: (s: number) => <strong>{fmt(s)}</strong> },
                    {
                      title: 'Xếp loại',
                      key: 'class',
                      render: (_: unknown, o: (typeof data.officers)[number]) => <Tag variant="solid" color={CLASS_COLOR[o.classification]}>{o.classificationLabel}</Tag>,
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
