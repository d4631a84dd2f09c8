import { Alert, Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { DossierDetail } from '../../../lib/types.ts';
import { type AccountabilityInput, useAllStaff, useDivisions, useRecordAccountability } from '../api/dossiers.ts';

export const ROOT_CAUSE_VI: Record<string, string> = {
  workload: 'Quá tải công việc',
  coordination: 'Phối hợp giữa các bộ phận',
  consultation_delay: 'Cơ quan được lấy ý kiến trả lời chậm',
  applicant: 'Do người nộp',
  system: 'Sự cố hệ thống',
  staff_error: 'Sai sót của cán bộ',
  legal_complexity: 'Vướng mắc pháp lý',
  other: 'Khác',
};

/** The internal accountability record of a late dossier (DOMAIN.md 17.5), kept beside form 04. */
export function AccountabilityForm({ dossier }: { dossier: DossierDetail }) {
  const [form] = Form.useForm();
  const [saved, setSaved] = useState<number | null>(null);
  const record = useRecordAccountability(dossier.code);
  const divisions = useDivisions(true);
  const staff = useAllStaff(true);
  const people = (staff.data ?? []).map((u) => ({ value: u.id, label: `${u.fullName} (${u.title})` }));
  if (saved) return <Alert type="success" showIcon title={`Đã ghi nhận trách nhiệm (số ${saved}); biện pháp khắc phục nằm trong danh sách đang mở.`} />;
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ responsibleDivision: dossier.division?.code }}
      onFinish={(v: Omit<AccountabilityInput, 'actionDueDate'> & { actionDueDate: Dayjs }) =>
        record.mutate({ ...v, actionDueDate: v.actionDueDate.format('YYYY-MM-DD') }, { onSuccess: (r) => setSaved(r.id) })
      }
    >
      {record.error && <Alert type="error" showIcon title={record.error.message} style={{ marginBottom: 8 }} />}
      <Form.Item label="Đơn vị chịu trách nhiệm" name="responsibleDivision" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
        <Select options={(divisions.data?.items ?? []).map((d) => ({ value: d.code, label: d.name }))} />
      </Form.Item>
      <Form.Item label="Cá nhân chịu trách nhiệm" name="responsibleUserId">
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={people} loading={staff.isLoading} />
      </Form.Item>
      <Form.Item label="Nhóm nguyên nhân" name="rootCause" rules={[{ required: true, message: 'Chọn nhóm nguyên nhân' }]}>
        <Select options={Object.entries(ROOT_CAUSE_VI).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item label="Mô tả nguyên nhân" name="rootCauseNote" rules={[{ required: true, min: 3, message: 'Mô tả nguyên nhân' }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item label="Biện pháp khắc phục" name="correctiveAction" rules={[{ required: true, min: 3, message: 'Ghi biện pháp khắc phục' }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item label="Người thực hiện biện pháp" name="actionOwnerId" rules={[{ required: true, message: 'Chọn người thực hiện' }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={people} loading={staff.isLoading} />
      </Form.Item>
      <Form.Item label="Hạn hoàn thành biện pháp" name="actionDueDate" rules={[{ required: true, message: 'Chọn hạn' }]}>
        <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={record.isPending}>
        Ghi nhận trách nhiệm
      </Button>
    </Form>
  );
}
