import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { DossierDetail, Me } from '../../../lib/types.ts';
import { type ActionInput, useDivisionStaff, useDossierAction } from '../api/dossiers.ts';

type Available = DossierDetail['availableActions'][number];

const PRIMARY = new Set(['assign', 'start_processing', 'submit_for_approval', 'approve', 'issue_result', 'return_result', 'receive', 'receive_supplement', 'record_consultation', 'confirm_payment']);
const DANGER = new Set(['refuse', 'stop', 'withdraw']);

/**
 * The buttons are exactly the server's availableActions: a user without the role sees none.
 * Actions that need a reason, a handler or a new date ask for it in a dialog first.
 */
export function ActionPanel({ dossier, me }: { dossier: DossierDetail; me: Me }) {
  const [open, setOpen] = useState<Available | null>(null);
  const action = useDossierAction(dossier.code);
  const [form] = Form.useForm();
  const pickHandler = open?.action === 'start_processing' && me.role === 'division_head';
  const staff = useDivisionStaff(dossier.division?.code, pickHandler);

  const needsDialog = (a: Available) => a.needsReason || a.action === 'extend_deadline' || (a.action === 'start_processing' && me.role === 'division_head');
  const run = (a: Available, input: ActionInput) => action.mutate({ action: a.action, input }, { onSuccess: () => setOpen(null) });

  if (dossier.availableActions.length === 0) return null;
  return (
    <section aria-label="Thao tác">
      {action.error && !open && <Alert type="error" showIcon title={action.error.message} style={{ marginBottom: 8 }} />}
      <Space wrap>
        {dossier.availableActions.map((a, i) => (
          <Button
            key={a.action}
            type={PRIMARY.has(a.action) && i === 0 ? 'primary' : 'default'}
            danger={DANGER.has(a.action)}
            loading={action.isPending && action.variables?.action === a.action}
            onClick={() => {
              if (needsDialog(a)) {
                form.resetFields();
                setOpen(a);
              } else run(a, {});
            }}
          >
            {a.label}
          </Button>
        ))}
      </Space>
      <Modal
        open={open !== null}
        title={open?.label}
        okText="Xác nhận"
        cancelText="Hủy"
        confirmLoading={action.isPending}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {action.error && open && <Alert type="error" showIcon title={action.error.message} style={{ marginBottom: 8 }} />}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v: { reason?: string; handlerId?: number; newDueAt?: Dayjs }) =>
            open && run(open, { reason: v.reason, handlerId: v.handlerId, newDueAt: v.newDueAt?.toDate().toISOString() })
          }
        >
          {pickHandler && (
            <Form.Item label="Phân công cho" name="handlerId" rules={[{ required: true, message: 'Chọn cán bộ xử lý' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={staff.isLoading}
                options={(staff.data ?? []).map((u) => ({ value: u.id, label: `${u.fullName} (${u.title})` }))}
              />
            </Form.Item>
          )}
          {open?.action === 'extend_deadline' && (
            <Form.Item label="Ngày hẹn trả mới" name="newDueAt" rules={[{ required: true, message: 'Chọn ngày hẹn mới' }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="HH:mm DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          )}
          {open?.needsReason && (
            <Form.Item label="Lý do" name="reason" rules={[{ required: true, min: 3, message: 'Ghi rõ lý do (ít nhất 3 ký tự)' }]}>
              <Input.TextArea rows={4} autoFocus />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </section>
  );
}
