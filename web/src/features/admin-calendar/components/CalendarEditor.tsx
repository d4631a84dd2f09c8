import { Alert, Button, Card, Col, Form, Input, InputNumber, Modal, Radio, Row, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { solarToLunar } from '../../../../../src/domain/calendar/lunar.ts';
import type { CalendarYear } from '../../../lib/types.ts';
import { useCalendarYear, useDeleteDay, useSetDay } from '../api/calendar.ts';

type Rule = CalendarYear['days'][number];
const WEEK = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];
const pad = (n: number) => String(n).padStart(2, '0');

function Month({ year, month, rules, onPick }: { year: number; month: number; rules: Map<string, Rule>; onPick: (date: string) => void }) {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: (number | null)[] = [...Array(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  return (
    <Card size="small" title={`Tháng ${month}`} styles={{ body: { padding: 6 } }}>
      <table style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }} aria-label={`Tháng ${month} năm ${year}`}>
        <thead>
          <tr>
            {WEEK.map((w) => (
              <th key={w} scope="col" style={{ fontSize: 12, fontWeight: 600 }}>
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: Math.ceil(cells.length / 7) }, (_, r) => (
            <tr key={r}>
              {cells.slice(r * 7, r * 7 + 7).map((d, i) => {
                if (d === null) return <td key={i} />;
                const date = `${year}-${pad(month)}-${pad(d)}`;
                const rule = rules.get(date);
                const weekend = i >= 5;
                const off = rule ? rule.kind === 'off' : weekend;
                const lunar = solarToLunar(date);
                const bg = rule?.kind === 'off' ? '#ffccc7' : rule?.kind === 'work' ? '#d9f7be' : weekend ? '#f0f0f0' : undefined;
                const label = `${d} tháng ${month}, âm lịch ${lunar.day}/${lunar.month}${lunar.isLeapMonth ? ' nhuận' : ''}: ${rule ? `${rule.kind === 'off' ? 'nghỉ' : 'làm bù'} — ${rule.reason}` : off ? 'nghỉ cuối tuần' : 'ngày làm việc'}`;
                return (
                  <td key={i} style={{ padding: 1 }}>
                    <button
                      type="button"
                      onClick={() => onPick(date)}
                      title={label}
                      data-date={date}
                      style={{ width: '100%', border: '1px solid #e5e5e5', background: bg ?? '#fff', borderRadius: 3, padding: '1px 0', cursor: 'pointer', lineHeight: 1.1, color: '#1f1f1f' }}
                    >
                      <span style={{ fontWeight: rule ? 700 : 400 }}>{d}</span>
                      <br />
                      <span style={{ fontSize: 10, color: '#595959' }} aria-hidden="true">
                        {lunar.day === 1 ? `${lunar.day}/${lunar.month}` : lunar.day}
                      </span>
                      <span className="sr-only">{label.slice(String(d).length)}</span>
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

/** The ward's working calendar, a year at a glance with lunar dates; every edit is audited by the server. */
export function CalendarEditor() {
  const [year, setYear] = useState(new Date().getFullYear());
  const { data } = useCalendarYear(year);
  const rules = useMemo(() => new Map((data?.days ?? []).map((d) => [d.date, d])), [data]);
  const [picked, setPicked] = useState<string | null>(null);
  const setDay = useSetDay();
  const deleteDay = useDeleteDay();
  const [form] = Form.useForm();
  const current = picked ? rules.get(picked) : undefined;
  const error = setDay.error ?? deleteDay.error;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        Lịch làm việc
      </Typography.Title>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button onClick={() => setYear(year - 1)} aria-label="Năm trước">
          ‹
        </Button>
        <InputNumber aria-label="Năm" value={year} min={1990} max={2100} onChange={(v) => v && setYear(v)} />
        <Button onClick={() => setYear(year + 1)} aria-label="Năm sau">
          ›
        </Button>
        <Typography.Text>
          {data ? `${data.workingDays} ngày làm việc` : ''} · <span style={{ background: '#ffccc7', padding: '0 4px' }}>nghỉ lễ, nghỉ bù</span>{' '}
          <span style={{ background: '#d9f7be', padding: '0 4px' }}>làm bù</span> <span style={{ background: '#f0f0f0', padding: '0 4px' }}>cuối tuần</span> · số nhỏ: ngày âm lịch
        </Typography.Text>
      </Space>
      <Row gutter={[8, 8]}>
        {Array.from({ length: 12 }, (_, i) => (
          <Col key={i} xs={24} sm={12} lg={8} xxl={6}>
            <Month
              year={year}
              month={i + 1}
              rules={rules}
              onPick={(d) => {
                setDay.reset();
                deleteDay.reset();
                const r = rules.get(d);
                form.setFieldsValue({ kind: r?.kind ?? 'off', reason: r?.reason ?? '', source: r?.source ?? '' });
                setPicked(d);
              }}
            />
          </Col>
        ))}
      </Row>
      <Card size="small" title="Các ngày ngoại lệ trong năm" style={{ marginTop: 12 }}>
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {(data?.days ?? []).map((d) => (
            <li key={d.date}>
              {d.date.split('-').reverse().join('/')}: {d.kind === 'off' ? 'nghỉ' : 'làm bù'} — {d.reason}
              {d.provisional && ' (dự kiến, chờ thông báo chính thức)'} <Typography.Text type="secondary">({d.source})</Typography.Text>
            </li>
          ))}
        </ul>
      </Card>
      <Modal
        open={picked !== null}
        title={picked ? `Ngày ${picked.split('-').reverse().join('/')}` : 'Ngày'}
        onCancel={() => setPicked(null)}
        footer={[
          current && (
            <Button key="del" danger loading={deleteDay.isPending} onClick={() => deleteDay.mutate(picked!, { onSuccess: () => setPicked(null) })}>
              Bỏ ngoại lệ (về lịch tuần thường)
            </Button>
          ),
          <Button key="cancel" onClick={() => setPicked(null)}>
            Hủy
          </Button>,
          <Button key="ok" type="primary" loading={setDay.isPending} onClick={() => form.submit()}>
            Lưu
          </Button>,
        ]}
      >
        {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 8 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => setDay.mutate({ date: picked!, body: v }, { onSuccess: () => setPicked(null) })}>
          <Form.Item label="Loại ngày" name="kind">
            <Radio.Group options={[{ value: 'off', label: 'Ngày nghỉ' }, { value: 'work', label: 'Ngày làm bù' }]} />
          </Form.Item>
          <Form.Item label="Lý do" name="reason" rules={[{ required: true, min: 3, message: 'Ghi lý do (ít nhất 3 ký tự)' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="Căn cứ (văn bản)" name="source" rules={[{ required: true, min: 3, message: 'Ghi căn cứ (ít nhất 3 ký tự)' }]}>
            <Input placeholder="Ví dụ: Thông báo số …/TB-UBND" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
