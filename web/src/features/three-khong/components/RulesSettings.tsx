import { Alert, Button, Card, Form, Input, InputNumber, Radio, Skeleton, Typography } from 'antd';
import { type Rules, useRules, useSaveRules } from '../api/threeKhong.ts';

interface Values {
  dueSoonWorkingDays: number;
  escalateAfterWorkingHours: number;
  digestAt: string;
  clockRule: 'restart' | 'pause';
  capMode: 'legal_limit' | 'working_days';
  capWorkingDays?: number;
  draftWorkingDaysBefore: number;
}

/** Admin: the configurable "3 không" rules (PUT /api/settings/three-khong), each with its default and source. */
export function RulesSettings() {
  const rules = useRules();
  const save = useSaveRules();
  const [form] = Form.useForm<Values>();
  if (!rules.data) return <Skeleton active />;
  const r = rules.data;
  const initial: Values = {
    dueSoonWorkingDays: r.deadline.dueSoonWorkingDays,
    escalateAfterWorkingHours: r.deadline.escalateAfterWorkingHours,
    digestAt: r.deadline.digestAt,
    clockRule: r.supplement.clockRule,
    capMode: r.apology.cap.mode,
    capWorkingDays: r.apology.cap.mode === 'working_days' ? r.apology.cap.workingDays : 5,
    draftWorkingDaysBefore: r.apology.draftWorkingDaysBefore,
  };
  const submit = (v: Values) => {
    const next: Rules = {
      deadline: { dueSoonWorkingDays: v.dueSoonWorkingDays, escalateAfterWorkingHours: v.escalateAfterWorkingHours, digestAt: v.digestAt },
      supplement: { clockRule: v.clockRule },
      apology: { cap: v.capMode === 'legal_limit' ? { mode: 'legal_limit' } : { mode: 'working_days', workingDays: v.capWorkingDays ?? 5 }, draftWorkingDaysBefore: v.draftWorkingDaysBefore },
    };
    save.mutate(next);
  };
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        Quy tắc "3 không"
      </Typography.Title>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} style={{ maxWidth: 640 }}>
        {save.error && <Alert type="error" showIcon title={save.error.message} style={{ marginBottom: 8 }} />}
        {save.isSuccess && <Alert type="success" showIcon title="Đã lưu quy tắc." style={{ marginBottom: 8 }} />}
        <Card size="small" title="Không trễ hẹn: cảnh báo hạn" style={{ marginBottom: 12 }}>
          <Form.Item label="Cảnh báo “sắp đến hạn” khi còn (ngày làm việc)" name="dueSoonWorkingDays" rules={[{ required: true }]} extra="Mặc định 1 ngày làm việc.">
            <InputNumber min={0.5} max={10} step={0.5} />
          </Form.Item>
          <Form.Item label="Chuyển cấp khi không có thao tác sau (giờ làm việc)" name="escalateAfterWorkingHours" rules={[{ required: true }]} extra="Mặc định 4 giờ.">
            <InputNumber min={1} max={80} />
          </Form.Item>
          <Form.Item label="Giờ gửi bản tổng hợp đầu ngày (HH:mm)" name="digestAt" rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'Giờ theo dạng HH:mm, ví dụ 07:30' }]}>
            <Input style={{ width: 120 }} />
          </Form.Item>
        </Card>
        <Card size="small" title="Không bổ sung quá 1 lần: thời hạn khi yêu cầu bổ sung" style={{ marginBottom: 12 }}>
          <Form.Item name="clockRule" label="Khi nhận đủ hồ sơ bổ sung" extra="Nghị định 61/2018/NĐ-CP, Điều 19 khoản 4: thời hạn tính lại từ đầu (mặc định).">
            <Radio.Group
              options={[
                { value: 'restart', label: 'Tính lại thời hạn từ đầu' },
                { value: 'pause', label: 'Tạm dừng, tính tiếp phần còn lại' },
              ]}
            />
          </Form.Item>
        </Card>
        <Card size="small" title="Biết xin lỗi: gia hạn (mẫu 04)" style={{ marginBottom: 12 }}>
          <Form.Item name="capMode" label="Ngày hẹn mới không quá">
            <Radio.Group
              options={[
                { value: 'legal_limit', label: 'Hẹn cũ cộng thêm đúng thời hạn luật định của thủ tục (mặc định)' },
                { value: 'working_days', label: 'Hẹn cũ cộng thêm số ngày làm việc' },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(p, n) => p.capMode !== n.capMode}>
            {() =>
              form.getFieldValue('capMode') === 'working_days' && (
                <Form.Item label="Số ngày làm việc tối đa được gia hạn" name="capWorkingDays" rules={[{ required: true }]}>
                  <InputNumber min={0.5} max={60} step={0.5} />
                </Form.Item>
              )
            }
          </Form.Item>
          <Form.Item label="Lập văn bản xin lỗi chậm nhất trước hạn (ngày làm việc)" name="draftWorkingDaysBefore" rules={[{ required: true }]} extra="Nghị định 61/2018/NĐ-CP, Điều 19 khoản 9: 1 ngày.">
            <InputNumber min={1} max={5} />
          </Form.Item>
        </Card>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          Lưu quy tắc
        </Button>
      </Form>
    </>
  );
}
