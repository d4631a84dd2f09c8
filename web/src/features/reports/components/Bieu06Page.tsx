import { TAG } from '../../../components/TimelinessTag.tsx';
import { Alert, Button, Drawer, Row, Select, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PeriodPicker, usePeriod } from '../../../components/PeriodPicker.tsx';
import { fmtDateTime } from '../../../lib/format.ts';
import { useSearchParam } from '../../../lib/search-param.ts';
import { type Bieu06Cell, bieu06Url, type Cutoff, type TimelinessView, useBieu06, useBieu06Dossiers } from '../api/reports.ts';
import { Bieu06Table } from './Bieu06Table.tsx';

const VIEW_VI: Record<TimelinessView, string> = { original: 'Theo ngày hẹn ban đầu', extended: 'Theo ngày hẹn sau gia hạn' };
const CHANNEL_VI: Record<string, string> = { online: 'Trực tuyến', counter: 'Trực tiếp', post: 'Bưu chính' };

/** Biểu số 06/VPCP/KSTT for a month, quarter, half year or year, both timeliness views, drill-down and export. */
export function Bieu06Page({ dossierHref }: { dossierHref: (code: string) => string }) {
  const [period, setPeriod] = usePeriod();
  const [view, setView] = useState<TimelinessView>('original');
  const [cell, setCell] = useState<Bieu06Cell | null>(null);
  const [requested, setCutoff] = useSearchParam('cutoff');
  const cutoff: Cutoff = requested === 'calendar' || requested === 'day15' ? requested : undefined;
  const { data, isLoading, error } = useBieu06(period, cutoff);
  return (
    <>
      <Row justify="space-between" align="middle" gutter={[8, 8]}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          Báo cáo Biểu số 06/VPCP/KSTT
        </Typography.Title>
        <Space wrap>
          <PeriodPicker value={period} onChange={setPeriod} />
          <Select
            aria-label="Cách chốt số liệu"
            style={{ width: 250 }}
            value={cutoff ?? 'setting'}
            onChange={(v: string) => setCutoff(v === 'setting' ? undefined : (v as Cutoff))}
            options={[
              { value: 'setting', label: 'Chốt số liệu theo cài đặt của phường' },
              { value: 'calendar', label: 'Từ ngày 1 đến cuối kỳ' },
              { value: 'day15', label: 'Từ ngày 15 kỳ trước đến 14 (NĐ 09/2019)' },
            ]}
          />
          <Button href={bieu06Url(period, { view, cutoff, format: 'xlsx' })} download>
            Tải XLSX
          </Button>
          <Button href={bieu06Url(period, { view, cutoff, format: 'pdf' })} download>
            Tải PDF
          </Button>
        </Space>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
        Tình hình, kết quả giải quyết TTHC theo lĩnh vực và thủ tục. Bấm vào một con số để xem các hồ sơ đứng sau nó. Tệp tải về in theo cách tính
        đang chọn.
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error.message} />}
      {isLoading && <Spin />}
      {data && (
        <>
          <Typography.Paragraph>
            Kỳ báo cáo: {data.period.label}, chốt số liệu {data.period.cutoff === 'day15' ? 'từ ngày 15 kỳ trước' : 'theo tháng dương lịch'} (từ {data.period.firstDay.split('-').reverse().join('/')} đến {data.period.lastDay.split('-').reverse().join('/')}), số liệu
            đến {fmtDateTime(data.asOf)}.
          </Typography.Paragraph>
          <Tabs
            activeKey={view}
            onChange={(k) => setView(k as TimelinessView)}
            items={(['original', 'extended'] as const).map((v) => ({
              key: v,
              label: VIEW_VI[v],
              children: <Bieu06Table data={data} view={v} onPick={setCell} />,
            }))}
          />
        </>
      )}
      <DrillDown period={period} cutoff={cutoff} cell={cell} onClose={() => setCell(null)} dossierHref={dossierHref} />
    </>
  );
}

function DrillDown({ period, cutoff, cell, onClose, dossierHref }: { period: string; cutoff: Cutoff; cell: Bieu06Cell | null; onClose: () => void; dossierHref: (code: string) => string }) {
  const { data, isLoading, error } = useBieu06Dossiers(period, cutoff, cell);
  return (
    <Drawer open={cell !== null} onClose={onClose} size={820} title={cell ? `Hồ sơ: ${cell.label}` : ''} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error.message} />}
      {isLoading && <Spin />}
      {data && (
        <>
          <Typography.Paragraph>
            <strong data-testid="drill-count">{data.count}</strong> hồ sơ · {VIEW_VI[data.view].toLowerCase()}
            {data.dossiers.length < data.count && ` · hiển thị ${data.dossiers.length} hồ sơ đầu tiên (theo thứ tự tiếp nhận)`}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="code"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={data.dossiers}
            columns={[
              { title: 'Mã hồ sơ', dataIndex: 'code', render: (c: string) => <Link to={dossierHref(c)}>{c}</Link> },
              { title: 'Thủ tục', dataIndex: 'procedureName' },
              { title: 'Kênh', dataIndex: 'channel', render: (c: string) => CHANNEL_VI[c] ?? c },
              { title: 'Tiếp nhận', dataIndex: 'receivedAt', render: fmtDateTime },
              { title: 'Hoàn thành', dataIndex: 'finishedAt', render: fmtDateTime },
              {
                title: 'Ngày hẹn',
                dataIndex: 'dueChanges',
                render: (dues: NonNullable<typeof data>['dossiers'][number]['dueChanges']) => (
                  <Space orientation="vertical" size={0}>
                    {dues.map((d) => (
                      <span key={d.at + d.dueAt}>
                        {fmtDateTime(d.dueAt)} {d.kind === 'extension' && <Tag variant="solid" color={TAG.warning}>gia hạn</Tag>}
                      </span>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
