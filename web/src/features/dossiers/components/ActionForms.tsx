import { Alert, Button, Checkbox, DatePicker, Descriptions, Form, Input, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { fmtDateTime } from '../../../lib/format.ts';
import type { DossierDetail, Me, Procedure } from '../../../lib/types.ts';
import { type ActionInput, useDivisions, useDivisionStaff } from '../api/dossiers.ts';

export type Available = DossierDetail['availableActions'][number];

interface Props {
  available: Available;
  dossier: DossierDetail;
  me: Me;
  procedure: Procedure | undefined;
  /** The dossier already had its one supplement request (or the user is a leader): an override is needed. */
  limited: boolean;
  /** The field the server's last error named, to point at it. */
  fieldError: string | undefined;
  onSubmit: (input: ActionInput) => void;
}

interface Values {
  reason?: string;
  handlerId?: number;
  divisionCode?: string;
  newDueAt?: Dayjs;
  missing?: number[];
  notes?: Record<string, string | undefined>;
  otherItems?: { name?: string; note?: string }[];
  overrideReason?: string;
  reasons?: { text?: string }[];
}

const REASON_RULE = [{ required: true, min: 3, message: 'Ghi rõ lý do (ít nhất 3 ký tự)' }];

/** The latest drafted form 04 of the dossier, read from its timeline (reason and proposed date). */
export function latestApologyDraft(d: DossierDetail): { reason: string | null; newDueAt: string | null; at: string } | null {
  const e = [...d.timeline].reverse().find((x) => x.action === 'draft_apology');
  return e ? { reason: e.reason, newDueAt: typeof e.payload.newDueAt === 'string' ? e.payload.newDueAt : null, at: e.at } : null;
}

/** One form per kind of action, submitted by the dialog's OK button (form id "action-form"). */
export function ActionForm({ available, dossier, me, procedure, limited, fieldError, onSubmit }: Props) {
  const [form] = Form.useForm<Values>();
  const a = available.action;
  const pickHandler = a === 'start_processing' && me.role === 'division_head';
  const staff = useDivisionStaff(dossier.division?.code, pickHandler);
  const divisions = useDivisions(a === 'assign');
  const isLeader = me.role === 'leader';
  const components = procedure?.components ?? [];

  const finish = (v: Values) => {
    const input: ActionInput = {};
    if (v.reason) input.reason = v.reason;
    if (v.handlerId) input.handlerId = v.handlerId;
    if (v.divisionCode && v.divisionCode !== dossier.division?.code) input.divisionCode = v.divisionCode;
    if (v.newDueAt) input.newDueAt = v.newDueAt.toDate().toISOString();
    if (a === 'request_supplement') {
      input.items = (v.missing ?? []).map((id) => ({ componentId: id, ...(v.notes?.[id] ? { note: v.notes[id] } : {}) }));
      const other = (v.otherItems ?? []).filter((o) => o.name?.trim());
      if (other.length) input.otherItems = other.map((o) => ({ name: o.name!.trim(), ...(o.note ? { note: o.note } : {}) }));
      if (v.overrideReason) input.overrideReason = v.overrideReason;
    }
    if (a === 'refuse') {
      const reasons = (v.reasons ?? []).map((r) => r.text?.trim() ?? '').filter(Boolean);
      input.reasons = reasons;
      input.reason = reasons.join('; ');
    }
    if (a === 'extend_deadline') {
      const draft = latestApologyDraft(dossier);
      if (draft?.newDueAt) input.newDueAt = draft.newDueAt;
    }
    onSubmit(input);
  };

  const draft = a === 'extend_deadline' ? latestApologyDraft(dossier) : null;
  return (
    <Form<Values> id="action-form" form={form} layout="vertical" onFinish={finish} initialValues={{ reasons: [{ text: '' }], divisionCode: dossier.division?.code }}>
      {pickHandler && (
        <Form.Item label="Phân công cho" name="handlerId" rules={[{ required: true, message: 'Chọn cán bộ xử lý' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={staff.isLoading}
            options={(staff.data ?? []).map((u) => ({ value: u.id, label: `${u.fullName} (${u.title})` }))}
          />
        </Form.Item>
      )}

      {a === 'assign' && (
        <Form.Item
          label="Phòng chuyên môn xử lý"
          name="divisionCode"
          extra="Mặc định là phòng được giao theo quy trình của thủ tục; chọn phòng khác khi hồ sơ thuộc phòng khác."
          validateStatus={fieldError === 'divisionCode' ? 'error' : undefined}
        >
          <Select
            loading={divisions.isLoading}
            options={(divisions.data?.items ?? []).filter((x) => x.kind !== 'one_stop' && x.kind !== 'leadership').map((x) => ({ value: x.code, label: x.name }))}
          />
        </Form.Item>
      )}

      {a === 'request_supplement' && (
        <>
          {limited && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={dossier.supplementCount >= 1 ? `Hồ sơ đã được yêu cầu bổ sung ${dossier.supplementCount} lần` : 'Lãnh đạo chỉ yêu cầu bổ sung khi cho phép ngoại lệ'}
              description='"Không bổ sung hồ sơ quá 1 lần" (Nghị định 61/2018/NĐ-CP, Điều 15 khoản 3): yêu cầu lần thứ hai hoặc giấy tờ ngoài danh mục chỉ được khi lãnh đạo UBND cho phép, ghi rõ lý do; mỗi lần cho phép đều được thống kê.'
            />
          )}
          <Typography.Paragraph>Đánh dấu đủ, một lần, mọi giấy tờ còn thiếu hoặc chưa hợp lệ (mẫu 02):</Typography.Paragraph>
          <Form.Item
            name="missing"
            // A validator, not `required`: antd would put aria-required on the checkbox group, which ARIA does not allow.
            rules={[{ validator: (_, v: number[] | undefined) => (v?.length ? Promise.resolve() : Promise.reject(new Error('Chọn ít nhất một giấy tờ còn thiếu'))) }]} validateStatus={fieldError === 'items' ? 'error' : undefined}>
            <Checkbox.Group style={{ display: 'block' }}>
              <Space direction="vertical" style={{ width: '100%' }}>
                {components.map((c) => (
                  <div key={c.id} style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
                    <Checkbox value={c.id}>{c.name}</Checkbox>
                  </div>
                ))}
              </Space>
            </Checkbox.Group>
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(p, n) => p.missing !== n.missing}>
            {() =>
              (form.getFieldValue('missing') ?? []).map((id: number) => (
                <Form.Item key={id} label={`Ghi chú: ${components.find((c) => c.id === id)?.name ?? id}`} name={['notes', String(id)]}>
                  <Input maxLength={500} placeholder="Ví dụ: bản sao chưa chứng thực, thiếu trang 2" />
                </Form.Item>
              ))
            }
          </Form.Item>
          <Form.List name="otherItems">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item label={`Giấy tờ khác ${i + 1}`} name={[f.name, 'name']} rules={[{ required: true, min: 3, message: 'Ghi tên giấy tờ' }]}>
                      <Input maxLength={300} style={{ width: 280 }} />
                    </Form.Item>
                    <Form.Item label={`Ghi chú giấy tờ khác ${i + 1}`} name={[f.name, 'note']}>
                      <Input maxLength={500} style={{ width: 220 }} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>Bỏ</Button>
                  </Space>
                ))}
                <Form.Item extra="Giấy tờ không có trong danh mục của thủ tục chỉ được yêu cầu khi lãnh đạo cho phép, kèm lý do.">
                  <Button onClick={() => add({ name: '', note: '' })}>Thêm giấy tờ ngoài danh mục</Button>
                </Form.Item>
              </>
            )}
          </Form.List>
          <Form.Item label="Ghi chú chung, hướng dẫn người nộp" name="reason" rules={REASON_RULE}>
            <Input.TextArea rows={3} />
          </Form.Item>
          {isLeader && (
            <Form.Item
              label="Lý do cho phép ngoại lệ (lãnh đạo)"
              name="overrideReason"
              rules={[{ required: true, min: 3, message: 'Ghi rõ lý do cho phép ngoại lệ' }]}
              validateStatus={fieldError === 'overrideReason' ? 'error' : undefined}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
          )}
        </>
      )}

      {a === 'refuse' && (
        <Form.List name="reasons">
          {(fields, { add, remove }) => (
            <>
              <Typography.Paragraph>Lý do từ chối cụ thể (mẫu 03), mỗi lý do một dòng:</Typography.Paragraph>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline">
                  <Form.Item label={`Lý do ${i + 1}`} name={[f.name, 'text']} rules={[{ required: true, min: 3, message: 'Ghi rõ lý do (ít nhất 3 ký tự)' }]}>
                    <Input.TextArea rows={2} style={{ width: 380 }} />
                  </Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(f.name)}>Bỏ</Button>}
                </Space>
              ))}
              <Button onClick={() => add({ text: '' })}>Thêm lý do</Button>
            </>
          )}
        </Form.List>
      )}

      {a === 'draft_apology' && (
        <>
          <Typography.Paragraph>
            Hẹn trả hiện tại: <strong>{fmtDateTime(dossier.dueAt)}</strong>. Văn bản xin lỗi, đề nghị gia hạn (mẫu 04) phải lập chậm nhất 1 ngày làm việc trước hạn; ngày hẹn chỉ được điều chỉnh một lần và không quá giới hạn gia hạn.
          </Typography.Paragraph>
          <Form.Item
            label="Ngày hẹn trả mới đề nghị"
            name="newDueAt"
            rules={[{ required: true, message: 'Chọn ngày hẹn mới' }]}
            validateStatus={fieldError === 'newDueAt' ? 'error' : undefined}
            extra={
              dossier.apologyDateLimit ? (
                <span data-testid="apology-date-limit">
                  Không được sau <strong>{fmtDateTime(dossier.apologyDateLimit)}</strong> (giới hạn gia hạn).
                </span>
              ) : undefined
            }
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="HH:mm DD/MM/YYYY" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="Lý do chậm trễ" name="reason" rules={REASON_RULE}>
            <Input.TextArea rows={4} />
          </Form.Item>
        </>
      )}

      {a === 'extend_deadline' && (
        <>
          {draft ? (
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="Hẹn trả hiện tại">{fmtDateTime(dossier.dueAt)}</Descriptions.Item>
              <Descriptions.Item label="Ngày hẹn mới">
                <strong data-testid="apology-new-date">{fmtDateTime(draft.newDueAt)}</strong>
              </Descriptions.Item>
              <Descriptions.Item label="Lý do">{draft.reason}</Descriptions.Item>
              <Descriptions.Item label="Dự thảo lúc">{fmtDateTime(draft.at)}</Descriptions.Item>
            </Descriptions>
          ) : (
            <Typography.Text>Chưa có dự thảo mẫu 04.</Typography.Text>
          )}
          <Typography.Paragraph style={{ marginTop: 8 }}>
            <a href={`/api/dossiers/${encodeURIComponent(dossier.code)}/forms/apology.pdf`} target="_blank" rel="noreferrer">
              Xem dự thảo mẫu 04 (PDF)
            </a>
            . Sau khi ký, ngày hẹn mới thay ngày hẹn cũ và được thông báo cho người nộp.
          </Typography.Paragraph>
        </>
      )}

      {a !== 'request_supplement' && a !== 'refuse' && a !== 'draft_apology' && available.needsReason && (
        <Form.Item label={a === 'stop' ? 'Lý do dừng (theo đề nghị của người nộp, …)' : 'Lý do'} name="reason" rules={REASON_RULE}>
          <Input.TextArea rows={4} />
        </Form.Item>
      )}
    </Form>
  );
}
