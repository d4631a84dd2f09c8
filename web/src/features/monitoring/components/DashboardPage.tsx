import { TAG } from '../../../components/TimelinessTag.tsx';
import { Alert, Card, Col, Row, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { BarChart, COLORS, ColumnChart } from '../../../components/charts.tsx';
import { PeriodPicker, usePeriod } from '../../../components/PeriodPicker.tsx';
import { fmtDateTime } from '../../../lib/format.ts';
import { type Dashboard, type DashboardFigures, isPending, type PendingData, type QueueFigures } from '../api/dashboard.ts';
import { useDashboard } from '../api/dashboard.ts';

const pct = (x: number | null) => (x === null ? '—' : `${x.toLocaleString('vi-VN')} %`);
const ON_TIME = [
  { key: 'onTime', label: 'Đúng hạn, trước hạn', color: COLORS.onTime },
  { key: 'late', label: 'Quá hạn', color: COLORS.late },
];
const timeliness = (rows: (DashboardFigures & { label: string })[]) =>
  rows
    .filter((r) => r.finished > 0)
    .sort((a, b) => (b.onTimeRate ?? 0) - (a.onTimeRate ?? 0))
    .map((r) => ({ label: r.label, values: { onTime: r.onTime, late: r.late }, note: pct(r.onTimeRate) }));

function Pending({ x }: { x: PendingData }) {
  return <Alert type="info" showIcon title={x.message} />;
}

const minutes = (x: number | null) => (x === null ? '—' : `${x.toLocaleString('vi-VN')} phút`);
/** Queue figures of counters or officers: bar = average wait, note = longest wait and average service time. */
const waits = (rows: QueueFigures[]) =>
  rows.map((r) => ({
    label: r.name,
    values: { wait: r.averageWaitMinutes ?? 0 },
    note: `chờ TB ${minutes(r.averageWaitMinutes)}, lâu nhất ${minutes(r.longestWaitMinutes)}; phục vụ TB ${minutes(r.averageServiceMinutes)} (${r.served} lượt)`,
  }));
const WAIT = [{ key: 'wait', label: 'Thời gian chờ trung bình (phút)', color: COLORS.warn }];

/** Monitoring dashboard (issue 6.4): how are we doing, who needs help, per division, officer and month. */
export function DashboardPage() {
  const [period, setPeriod] = usePeriod();
  const { data, isLoading, error } = useDashboard(period);
  return (
    <>
      <Row justify="space-between" align="middle" gutter={[8, 8]}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          Bảng theo dõi giải quyết TTHC
        </Typography.Title>
        <PeriodPicker value={period} onChange={setPeriod} />
      </Row>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginTop: 12 }} />}
      {isLoading || !data ? (
        !error && <Spin style={{ marginTop: 24 }} />
      ) : (
        <DashboardBody d={data} />
      )}
    </>
  );
}

function DashboardBody({ d }: { d: Dashboard }) {
  const t = d.total;
  const atRisk = d.atRiskNow.filter((x) => !x.overdue).length;
  const overdueNow = d.atRiskNow.length - atRisk;
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
        {d.period.label} · số liệu đến {fmtDateTime(d.asOf)} · đúng hạn tính theo ngày hẹn ban đầu (không trễ hẹn).
      </Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {[
          { title: 'Tỷ lệ giải quyết đúng hạn', value: pct(t.onTimeRate), sub: `${t.onTime}/${t.finished} hồ sơ đã giải quyết`, color: COLORS.onTime },
          { title: 'Đang giải quyết', value: t.open, sub: `${t.overdue} quá hạn cuối kỳ` },
          { title: 'Sắp đến hạn (ngay bây giờ)', value: atRisk, sub: `${overdueNow} đang quá hạn`, color: '#ad4e00' },
          { title: 'Tỷ lệ yêu cầu bổ sung', value: pct(t.supplementRate), sub: `${t.supplemented} hồ sơ; ${t.overrides} hồ sơ bổ sung quá 1 lần` },
          { title: 'Văn bản xin lỗi (mẫu 04)', value: d.apologies.count, sub: `${d.apologies.signed} đã ký, ${d.apologies.awaitingSignature} chờ ký` },
          {
            title: 'Vi phạm “không trễ hẹn”',
            value: d.breaches.count,
            sub: `trễ hạn chưa có văn bản xin lỗi đã ký (trong ${d.lateByRootCause.late} hồ sơ trễ hạn)`,
            color: d.breaches.count > 0 ? COLORS.late : undefined,
          },
          {
            title: 'Đánh giá hài lòng',
            value: isPending(d.ratings) ? '—' : d.ratings.count ? pct(Math.round((d.ratings.satisfied / d.ratings.count) * 1000) / 10) : '—',
            sub: isPending(d.ratings) ? d.ratings.message : `${d.ratings.count} lượt, ${d.ratings.dissatisfied} không hài lòng`,
          },
        ].map((s) => (
          <Col key={s.title} xs={12} md={8} xl={4}>
            <Card size="small" style={{ height: '100%' }}>
              <Statistic title={s.title} value={s.value} styles={s.color ? { content: { color: s.color } } : undefined} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {s.sub}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={12}>
          <Card size="small">
            <ColumnChart
              title="Theo tháng: tiếp nhận, đã giải quyết (trên cột: tỷ lệ đúng hạn)"
              series={[
                { key: 'received', label: 'Tiếp nhận', color: COLORS.open },
                { key: 'finished', label: 'Đã giải quyết', color: COLORS.onTime },
              ]}
              data={d.monthly.map((m) => ({ label: `T${Number(m.month.slice(5))}/${m.month.slice(2, 4)}`, values: { received: m.received, finished: m.finished }, note: pct(m.onTimeRate) }))}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small">
            <BarChart
              title="Theo phòng, bộ phận: hồ sơ đã giải quyết (sau cột: tỷ lệ đúng hạn)"
              series={ON_TIME}
              data={timeliness(d.byDivision.map((r) => ({ ...r, label: r.name ?? r.code ?? String(r.divisionId) })))}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small">
            <BarChart title="Theo cán bộ thụ lý: hồ sơ đã giải quyết (sau cột: tỷ lệ đúng hạn)" series={ON_TIME} data={timeliness(d.byOfficer.map((r) => ({ ...r, label: r.fullName })))} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small">
            <BarChart
              title="Yêu cầu bổ sung theo phòng (bổ sung quá 1 lần là vi phạm “3 không”)"
              series={[
                { key: 'once', label: 'Bổ sung 1 lần', color: COLORS.warn },
                { key: 'overrides', label: 'Bổ sung quá 1 lần', color: COLORS.late },
              ]}
              data={d.byDivision
                .filter((r) => r.supplemented > 0)
                .map((r) => ({ label: r.name ?? r.code ?? '', values: { once: r.supplemented - r.overrides, overrides: r.overrides }, note: `${pct(r.supplementRate)} hồ sơ` }))}
              empty="Không có hồ sơ phải bổ sung trong kỳ."
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small">
            <BarChart
              title={`Hồ sơ trễ hạn theo nguyên nhân (${d.lateByRootCause.late} hồ sơ; “Chưa xác định”: chưa lập biên bản trách nhiệm)`}
              series={[{ key: 'count', label: 'Hồ sơ', color: COLORS.late }]}
              data={d.lateByRootCause.items.map((c) => ({ label: c.label, values: { count: c.count } }))}
              empty="Không có hồ sơ trễ hạn trong kỳ."
            />
            {d.breaches.codes.length > 0 && (
              <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
                Vi phạm:{' '}
                {d.breaches.codes.map((c) => (
                  <Link key={c} to={`/ho-so/${c}`} style={{ marginRight: 8 }}>
                    {c}
                  </Link>
                ))}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small">
            {isPending(d.complaints) ? (
              <>
                <Typography.Text strong>Phản ánh, kiến nghị</Typography.Text>
                <Pending x={d.complaints} />
              </>
            ) : (
              <BarChart
                title={`Phản ánh, kiến nghị trong kỳ: ${d.complaints.received} (đã trả lời ${d.complaints.answered}, quá hạn ${d.complaints.overdue})`}
                series={[{ key: 'count', label: 'Phản ánh', color: COLORS.purple }]}
                data={[
                  { label: 'Về thủ tục', values: { count: d.complaints.byCategory.procedure ?? 0 } },
                  { label: 'Về cán bộ', values: { count: d.complaints.byCategory.staff ?? 0 } },
                  { label: 'Khác', values: { count: d.complaints.byCategory.other ?? 0 } },
                ]}
              />
            )}
            {isPending(d.ratings) && (
              <div style={{ marginTop: 8 }}>
                <Typography.Text strong>Đánh giá của người dân</Typography.Text>
                <Pending x={d.ratings} />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small">
            {isPending(d.queueWaiting) ? (
              <>
                <Typography.Text strong>Thời gian chờ tại quầy</Typography.Text>
                <Pending x={d.queueWaiting} />
              </>
            ) : (
              <Row gutter={[12, 12]}>
                <Col xs={24}>
                  <Typography.Text strong>
                    Lấy số thứ tự: {d.queueWaiting.issued} phiếu, {d.queueWaiting.overall.served} lượt đã phục vụ · chờ trung bình {minutes(d.queueWaiting.overall.averageWaitMinutes)}, lâu nhất{' '}
                    {minutes(d.queueWaiting.overall.longestWaitMinutes)} · phục vụ trung bình {minutes(d.queueWaiting.overall.averageServiceMinutes)}
                  </Typography.Text>
                </Col>
                <Col xs={24} xl={12}>
                  <BarChart title="Thời gian chờ theo quầy" series={WAIT} data={waits(d.queueWaiting.perCounter)} />
                </Col>
                <Col xs={24} xl={12}>
                  <BarChart title="Thời gian chờ theo cán bộ tiếp nhận" series={WAIT} data={waits(d.queueWaiting.perOfficer)} />
                </Col>
              </Row>
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={`Cần chú ý ngay: ${d.atRiskNow.length} hồ sơ quá hạn hoặc đến hạn trước hết ngày làm việc tiếp theo`} style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey="code"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={d.atRiskNow}
          columns={[
            { title: 'Mã hồ sơ', dataIndex: 'code', render: (c: string) => <Link to={`/ho-so/${c}`}>{c}</Link> },
            { title: 'Thủ tục', dataIndex: 'procedureName' },
            { title: 'Phòng', dataIndex: 'division' },
            { title: 'Cán bộ thụ lý', dataIndex: 'handler', render: (h: string | null) => h ?? '—' },
            { title: 'Hạn', dataIndex: 'dueAt', render: (x: string | null) => fmtDateTime(x) },
            { title: 'Tình trạng', dataIndex: 'overdue', render: (o: boolean) => (o ? <Tag variant="solid" color={TAG.error}>Quá hạn</Tag> : <Tag variant="solid" color={TAG.warning}>Sắp đến hạn</Tag>) },
          ]}
        />
      </Card>
    </>
  );
}
