import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { RiskTags } from '../../../components/RiskTags.tsx';
import { fmtDateTime } from '../../../lib/format.ts';
import type { Me } from '../../../lib/types.ts';
import { type TodayItem, useThreeKhongToday } from '../api/threeKhong.ts';

/** "Hôm nay" by the deadline watch (GET /api/three-khong/today): what is at risk for this person's scope. */
export function TodayPanel({ me }: { me: Me }) {
  const { data, error } = useThreeKhongToday();
  if (error) return <Typography.Text type="danger">{error.message}</Typography.Text>;
  const c = data?.counts;
  const stat = (title: string, value: number | undefined, to: string, color?: string) => (
    <Col xs={12} md={6} xl={3}>
      <Card size="small">
        <Statistic title={title} value={value ?? '…'} styles={color ? { content: { color } } : undefined} />
        <Link to={to}>Xem</Link>
      </Card>
    </Col>
  );
  return (
    <section aria-labelledby="today-3k" style={{ marginTop: 16 }}>
      <Typography.Title level={2} id="today-3k" style={{ fontSize: 18 }}>
        Cảnh báo hạn hôm nay
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {stat('Quá hạn', c?.overdue, '/ho-so?risk=overdue', '#a8071a')}
        {stat('Đến hạn hôm nay', c?.dueToday, '/ho-so?risk=due_today', '#ad4e00')}
        {stat('Sắp đến hạn', c?.dueSoon, '/ho-so?risk=due_soon', '#7c6400')}
        {stat('Dự báo trễ', c?.forecastLate, '/ho-so?risk=forecast_late')}
        {stat('Trễ chưa xin lỗi', c?.breaches, '/ho-so?risk=overdue', '#a8071a')}
        {stat('Văn bản xin lỗi chờ ký', c?.apologiesToSign, '/xin-loi')}
        {me.role !== 'reception' && me.role !== 'specialist' && stat('Biện pháp khắc phục đang mở', c?.openCorrectiveActions, '/xin-loi')}
      </Row>
      <Table<TodayItem>
        style={{ marginTop: 12 }}
        size="small"
        rowKey="code"
        loading={!data}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: 'Không có hồ sơ nào sắp đến hạn hay quá hạn.' }}
        columns={[
          { title: 'Mã hồ sơ', dataIndex: 'code', render: (code: string) => <Link to={`/ho-so/${code}`}>{code}</Link> },
          { title: 'Thủ tục', dataIndex: 'procedureName', ellipsis: true },
          { title: 'Hẹn trả', dataIndex: 'dueAt', render: (v: string) => fmtDateTime(v) },
          { title: 'Cảnh báo', render: (_, r) => <RiskTags risk={r.risk ? { level: r.risk, label: r.riskLabel } : null} forecastLate={r.forecastLate} apologyStatus={r.apologyStatus} breach={r.breach} /> },
        ]}
      />
    </section>
  );
}
