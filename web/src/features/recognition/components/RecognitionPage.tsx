import { TAG } from '../../../components/TimelinessTag.tsx';
import { Alert, Button, Card, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PeriodPicker, usePeriod } from '../../../components/PeriodPicker.tsx';
import { type Leaderboard, reviewDocxUrl, useLeaderboard } from '../api/recognition.ts';

type Item = Leaderboard['items'][number];
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10} %`.replace('.', ','));

/** "Dân vận khéo" recognition: the staff leaderboard and the sơ kết / tổng kết review document (DOCX). */
export function RecognitionPage() {
  const [period, setPeriod] = usePeriod();
  const [compareTo, setCompareTo] = useState<string | null>(null);
  const { data, error, isLoading } = useLeaderboard(period);
  const w = data?.formula.weights;
  return (
    <>
      <Row justify="space-between" align="middle" gutter={[8, 8]}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          Cán bộ tiêu biểu “Dân vận khéo”
        </Typography.Title>
        <PeriodPicker value={period} onChange={setPeriod} />
      </Row>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginTop: 12 }} />}
      <Card size="small" title="Báo cáo sơ kết, tổng kết mô hình (DOCX)" style={{ marginTop: 12 }}>
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          Số liệu kỳ đã chọn so với kỳ trước (mặc định: kỳ liền trước cùng độ dài), khẩu hiệu và cá nhân tiêu biểu. Báo cáo năm là tổng kết, các kỳ khác là sơ kết.
        </Typography.Paragraph>
        <Space wrap align="center">
          <span>So sánh với:</span>
          {compareTo === null ? (
            <Button onClick={() => setCompareTo(period)}>Chọn kỳ khác</Button>
          ) : (
            <>
              <PeriodPicker value={compareTo} onChange={setCompareTo} />
              <Button onClick={() => setCompareTo(null)}>Kỳ liền trước</Button>
            </>
          )}
          <Button type="primary" href={reviewDocxUrl(period, compareTo ?? undefined)} download>
            Tải báo cáo (DOCX)
          </Button>
        </Space>
      </Card>
      <Card size="small" title={data ? `Bảng xếp hạng ${data.period.label.toLowerCase()}` : 'Bảng xếp hạng'} style={{ marginTop: 12 }}>
        {w && (
          <Typography.Paragraph type="secondary">
            Điểm = {w.onTime * 100}% bước xử lý đúng hạn + {w.ratings * 100}% hài lòng + {w.supplement * 100}% kỷ luật bổ sung + {w.apologies * 100}% không phải gia hạn,
            xin lỗi. Chỉ xếp hạng cán bộ có từ {data.formula.minSteps} bước xử lý trong kỳ.{' '}
            {data.formula.ratings === 'pending_data' && 'Chưa có dữ liệu đánh giá của người dân: phần hài lòng chưa tính.'}
          </Typography.Paragraph>
        )}
        <Table<Item>
          size="small"
          rowKey="staffId"
          loading={isLoading}
          pagination={false}
          dataSource={data?.items ?? []}
          columns={[
            { title: 'Hạng', dataIndex: 'rank', render: (r: number | null) => (r === null ? <Tag>Chưa xếp</Tag> : r <= 3 ? <Tag variant="solid" color={TAG.gold}>{r}</Tag> : r) },
            { title: 'Cán bộ', dataIndex: 'fullName', render: (n: string, i) => <>{n} <Typography.Text type="secondary">{i.title}</Typography.Text></> },
            { title: 'Bước xử lý', dataIndex: 'stepsFinished', align: 'right' },
            { title: 'Đúng hạn', key: 'onTime', align: 'right', render: (_, i) => pct(i.components.onTime) },
            { title: 'Hài lòng', key: 'ratings', align: 'right', render: (_, i) => pct(i.components.ratings) },
            { title: 'Kỷ luật bổ sung', key: 'supplement', align: 'right', render: (_, i) => `${pct(i.components.supplement)} (${i.supplementRequests} yêu cầu, ${i.overrides} quá 1 lần)` },
            { title: 'Không gia hạn', key: 'apologies', align: 'right', render: (_, i) => `${pct(i.components.apologies)} (${i.extensions})` },
            { title: 'Điểm', dataIndex: 'score', align: 'right', render: (s: number | null) => <strong>{s === null ? '—' : s.toLocaleString('vi-VN')}</strong> },
          ]}
        />
      </Card>
    </>
  );
}
