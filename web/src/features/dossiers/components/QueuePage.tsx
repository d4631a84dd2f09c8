import { Checkbox, Input, Select, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { RISK_OPTIONS } from '../../../components/RiskTags.tsx';
import type { Status } from '../../../lib/types.ts';
import { useDossiers } from '../api/dossiers.ts';
import { DossierTable } from './DossierTable.tsx';

export const STATUS_OPTIONS: { value: Status; label: string }[] = [
  { value: 'submitted', label: 'Nộp trực tuyến, chờ tiếp nhận' },
  { value: 'received', label: 'Đã tiếp nhận' },
  { value: 'assigned', label: 'Đã chuyển phòng' },
  { value: 'processing', label: 'Đang xử lý' },
  { value: 'consulting', label: 'Đang lấy ý kiến' },
  { value: 'supplement_requested', label: 'Chờ bổ sung' },
  { value: 'awaiting_payment', label: 'Chờ nộp phí' },
  { value: 'awaiting_approval', label: 'Chờ lãnh đạo ký' },
  { value: 'approved', label: 'Đã ký, đang vào sổ' },
  { value: 'result_ready', label: 'Có kết quả, chờ trả' },
  { value: 'returned', label: 'Đã trả kết quả' },
  { value: 'refused', label: 'Từ chối' },
  { value: 'withdrawn', label: 'Đã rút' },
  { value: 'stopped', label: 'Dừng giải quyết' },
];
const OPEN: Status[] = ['submitted', 'received', 'assigned', 'processing', 'consulting', 'supplement_requested', 'awaiting_payment', 'awaiting_approval', 'approved', 'result_ready'];

/** Work queue with filters kept in the address (shareable, back button works). */
export function QueuePage() {
  const [params, setParams] = useSearchParams();
  const status = (params.getAll('status') as Status[]).length ? (params.getAll('status') as Status[]) : OPEN;
  const mine = params.get('mine') === '1';
  const q = params.get('q') ?? '';
  const risk = params.get('risk') ?? '';
  const { data, isFetching, error } = useDossiers({ status, mine: mine || undefined, q: q || undefined, risk: risk || undefined });
  const set = (k: string, v: string | string[] | null) => {
    const next = new URLSearchParams(params);
    next.delete(k);
    for (const x of v === null ? [] : Array.isArray(v) ? v : [v]) next.append(k, x);
    setParams(next, { replace: true });
  };
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        Hàng đợi hồ sơ
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label="Tìm theo mã, tên người nộp"
          placeholder="Tìm theo mã, tên người nộp"
          defaultValue={q}
          allowClear
          onSearch={(v) => set('q', v || null)}
          style={{ width: 280 }}
        />
        <Select
          aria-label="Trạng thái"
          mode="multiple"
          style={{ minWidth: 360 }}
          value={status}
          options={STATUS_OPTIONS}
          onChange={(v) => set('status', v)}
          maxTagCount="responsive"
        />
        <Select
          aria-label="Cảnh báo hạn"
          style={{ minWidth: 200 }}
          value={risk}
          options={[{ value: '', label: 'Mọi hồ sơ (không lọc hạn)' }, ...RISK_OPTIONS]}
          onChange={(v: string) => set('risk', v || null)}
        />
        <Checkbox checked={mine} onChange={(e) => set('mine', e.target.checked ? '1' : null)}>
          Chỉ hồ sơ tôi xử lý
        </Checkbox>
        <Typography.Text type="secondary">{data ? `${data.total} hồ sơ` : ''}</Typography.Text>
      </Space>
      {error && <Typography.Text type="danger">{error.message}</Typography.Text>}
      <DossierTable items={data?.items ?? []} loading={isFetching && !data} />
    </>
  );
}

/** Leader inbox: what waits for a signature. */
export function LeaderInbox() {
  const { data, isFetching } = useDossiers({ status: ['awaiting_approval'] });
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        Hồ sơ chờ ký duyệt
      </Typography.Title>
      <Typography.Paragraph type="secondary">Sắp theo hạn trả kết quả; hồ sơ sắp đến hạn tô màu cam, quá hạn tô màu đỏ.</Typography.Paragraph>
      <DossierTable items={data?.items ?? []} loading={isFetching && !data} />
    </>
  );
}
