import { TAG } from '../../../components/TimelinessTag.tsx';
import { Alert, Button, Card, Descriptions, Drawer, Form, Input, Modal, Radio, Row, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { defaultPeriod, PeriodPicker } from '../../../components/PeriodPicker.tsx';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_VI,
  COMPLAINT_MANAGERS,
  COMPLAINT_RECEIVERS,
  COMPLAINT_STATUS_VI,
  COMPLAINT_STATUSES,
  COMPLAINT_TRANSITIONS,
} from '../../../../../src/domain/complaint/complaint.ts';
import { fmtDateTime } from '../../../lib/format.ts';
import { useSearchParam } from '../../../lib/search-param.ts';
import type { Me } from '../../../lib/types.ts';
import {
  type Complaint,
  type ComplaintAction,
  type ComplaintStatus,
  type ReceiveComplaintBody,
  useComplaint,
  useComplaintAction,
  useComplaints,
  useReceiveComplaint,
} from '../api/complaints.ts';

const STATUS_COLOR: Record<string, string> = { received: TAG.info, assigned: TAG.gold, answered: TAG.success, closed: TAG.neutral };
const AUDIT_VI: Record<string, string> = {
  'complaint.receive': 'Tiếp nhận',
  'complaint.assign': 'Giao xử lý',
  'complaint.answer': 'Trả lời',
  'complaint.close': 'Kết thúc',
};

function DueTag({ c }: { c: Complaint }) {
  if (c.answeredAt) return c.answeredOnTime ? <Tag variant="solid" color={TAG.success}>Trả lời đúng hạn</Tag> : <Tag variant="solid" color={TAG.error}>Trả lời quá hạn</Tag>;
  return c.overdue ? <Tag variant="solid" color={TAG.error}>Quá hạn</Tag> : <Tag variant="solid" color={TAG.info}>Trong hạn</Tag>;
}

/** PAKN (phản ánh, kiến nghị): list with deadlines, receipt at the counter, assignment, answer and closing. */
export function ComplaintsPage({ me }: { me: Me }) {
  const manager = COMPLAINT_MANAGERS.includes(me.role);
  const [status, setStatus] = useState<ComplaintStatus | undefined>();
  const [open, setOpen] = useState<string | null>(null);
  const [receiving, setReceiving] = useState(false);
  const [received, setReceived] = useState<Complaint | null>(null);
  // Every complaint by default; a report period (?period=2026-Q4, bookmarkable) narrows the list to those received in it.
  const [period, setPeriod] = useSearchParam('period');
  const { data, error, isLoading } = useComplaints(status, period, manager);
  return (
    <>
      <Row justify="space-between" align="middle" gutter={[8, 8]}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          Phản ánh, kiến nghị
        </Typography.Title>
        <Space wrap>
          {manager && (
            <Select
              aria-label="Thời gian tiếp nhận"
              style={{ width: 150 }}
              value={period ? 'period' : 'all'}
              onChange={(v: string) => setPeriod(v === 'all' ? undefined : defaultPeriod(['month', 'quarter', 'half', 'year']))}
              options={[
                { value: 'all', label: 'Mọi thời gian' },
                { value: 'period', label: 'Theo kỳ' },
              ]}
            />
          )}
          {manager && period && <PeriodPicker value={period} onChange={setPeriod} />}
          {manager && (
            <Select
              aria-label="Lọc theo trạng thái"
              allowClear
              placeholder="Mọi trạng thái"
              style={{ width: 180 }}
              value={status}
              onChange={setStatus}
              options={COMPLAINT_STATUSES.map((s) => ({ value: s, label: COMPLAINT_STATUS_VI[s] }))}
            />
          )}
          {COMPLAINT_RECEIVERS.includes(me.role) && (
            <Button type="primary" onClick={() => setReceiving(true)}>
              Ghi nhận phản ánh tại quầy
            </Button>
          )}
        </Space>
      </Row>
      {received && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          closable
          onClose={() => setReceived(null)}
          title={`Đã ghi nhận phản ánh ${received.trackingCode}`}
          description={`Hạn trả lời: ${fmtDateTime(received.dueAt)}. Đọc mã này cho người phản ánh để tra cứu kết quả.`}
        />
      )}
      {!manager ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          Phản ánh ghi nhận tại quầy được chuyển cho công chức kiểm soát TTHC xử lý.
        </Typography.Paragraph>
      ) : (
        <Card size="small" style={{ marginTop: 12 }}>
          {error && <Alert type="error" showIcon title={error.message} />}
          {data && (
            <Typography.Paragraph type="secondary">
              {data.total} phản ánh, {data.overdue} quá hạn. Thời hạn xử lý: {data.timeLimit.workingDays} ngày làm việc ({data.timeLimit.source}).
            </Typography.Paragraph>
          )}
          <Table<Complaint>
            size="small"
            rowKey="trackingCode"
            loading={isLoading}
            dataSource={data?.items ?? []}
            pagination={{ pageSize: 15, hideOnSinglePage: true }}
            columns={[
              {
                title: 'Mã',
                dataIndex: 'trackingCode',
                render: (c: string) => (
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(c)}>
                    {c}
                  </Button>
                ),
              },
              { title: 'Loại', dataIndex: 'categoryLabel' },
              { title: 'Nội dung', dataIndex: 'content', ellipsis: true },
              { title: 'Người phản ánh', key: 'who', render: (_, c) => c.submitter.name },
              {
                title: 'Liên quan',
                key: 'link',
                render: (_, c) => (
                  <>
                    {c.dossierCode && <Link to={`/ho-so/${c.dossierCode}`}>{c.dossierCode}</Link>} {c.staff && <span>Cán bộ: {c.staff.fullName}</span>}
                  </>
                ),
              },
              { title: 'Tiếp nhận', dataIndex: 'receivedAt', render: fmtDateTime },
              { title: 'Hạn trả lời', dataIndex: 'dueAt', render: (d: string, c) => <>{fmtDateTime(d)} <DueTag c={c} /></> },
              { title: 'Trạng thái', dataIndex: 'statusLabel', render: (l: string, c) => <Tag variant="solid" color={STATUS_COLOR[c.status]}>{l}</Tag> },
              { title: 'Người xử lý', key: 'assignee', render: (_, c) => c.assignee?.fullName ?? '—' },
            ]}
          />
        </Card>
      )}
      <ReceiveDialog
        open={receiving}
        onClose={() => setReceiving(false)}
        onDone={(c) => {
          setReceiving(false);
          setReceived(c);
        }}
      />
      <ComplaintDrawer code={open} onClose={() => setOpen(null)} />
    </>
  );
}

function ReceiveDialog({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (c: Complaint) => void }) {
  const [form] = Form.useForm<ReceiveComplaintBody>();
  const receive = useReceiveComplaint();
  return (
    <Modal
      open={open}
      title="Ghi nhận phản ánh, kiến nghị tại quầy"
      okText="Ghi nhận"
      cancelText="Hủy"
      onCancel={onClose}
      confirmLoading={receive.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {receive.error && <Alert type="error" showIcon title={receive.error.message} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ category: 'procedure' }}
        onFinish={(v) => {
          const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
          receive.mutate(
            { ...v, phone: blank(v.phone), email: blank(v.email), dossierCode: blank(v.dossierCode), staffUsername: blank(v.staffUsername) },
            {
              onSuccess: (c) => {
                form.resetFields();
                onDone(c);
              },
            },
          );
        }}
      >
        <Form.Item name="category" label="Loại phản ánh" rules={[{ required: true }]}>
          <Radio.Group options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: COMPLAINT_CATEGORY_VI[c] }))} />
        </Form.Item>
        <Form.Item name="content" label="Nội dung" rules={[{ required: true, min: 10, message: 'Nội dung cần ít nhất 10 ký tự.' }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item name="submitterName" label="Họ tên người phản ánh" rules={[{ required: true, min: 2, message: 'Cần họ tên người phản ánh.' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="phone" label="Số điện thoại">
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
          <Form.Item name="email" label="Thư điện tử">
            <Input maxLength={254} type="email" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="dossierCode" label="Mã hồ sơ liên quan">
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="staffUsername" label="Tên đăng nhập cán bộ bị phản ánh">
            <Input maxLength={64} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function ComplaintDrawer({ code, onClose }: { code: string | null; onClose: () => void }) {
  const { data: c, error } = useComplaint(code);
  const act = useComplaintAction(code ?? '');
  const [action, setAction] = useState<ComplaintAction | null>(null);
  const [form] = Form.useForm<{ assigneeUsername?: string; answer?: string; substantiated?: boolean; note?: string }>();
  const available = c ? (Object.keys(COMPLAINT_TRANSITIONS) as ComplaintAction[]).filter((a) => COMPLAINT_TRANSITIONS[a].from.includes(c.status as ComplaintStatus)) : [];
  return (
    <Drawer open={code !== null} onClose={onClose} size={640} title={code ? `Phản ánh ${code}` : ''} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error.message} />}
      {c && (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 's', label: 'Trạng thái', children: <Tag variant="solid" color={STATUS_COLOR[c.status]}>{c.statusLabel}</Tag> },
              { key: 'cat', label: 'Loại', children: c.categoryLabel },
              { key: 'ch', label: 'Kênh', children: c.channel === 'web' ? 'Cổng thông tin' : 'Tại quầy' },
              { key: 'c', label: 'Nội dung', children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.content}</span> },
              { key: 'w', label: 'Người phản ánh', children: [c.submitter.name, c.submitter.phone, c.submitter.email].filter(Boolean).join(' · ') },
              { key: 'd', label: 'Hồ sơ', children: c.dossierCode ? <Link to={`/ho-so/${c.dossierCode}`}>{c.dossierCode}</Link> : '—' },
              { key: 'st', label: 'Cán bộ bị phản ánh', children: c.staff?.fullName ?? '—' },
              { key: 'due', label: 'Hạn trả lời', children: <>{fmtDateTime(c.dueAt)} <DueTag c={c} /></> },
              { key: 'a', label: 'Người xử lý', children: c.assignee?.fullName ?? '—' },
              ...(c.answer
                ? [
                    { key: 'ans', label: 'Trả lời', children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.answer}</span> },
                    { key: 'sub', label: 'Phản ánh đúng?', children: c.substantiated ? 'Đúng (có căn cứ)' : 'Không đúng' },
                  ]
                : []),
            ]}
          />
          <Space style={{ marginTop: 12 }} wrap>
            {available.map((a) => (
              <Button key={a} type={a === 'answer' ? 'primary' : 'default'} onClick={() => setAction(a)}>
                {COMPLAINT_TRANSITIONS[a].label}
              </Button>
            ))}
          </Space>
          {action && (
            <Card size="small" title={COMPLAINT_TRANSITIONS[action].label} style={{ marginTop: 12 }}>
              {act.error && <Alert type="error" showIcon title={act.error.message} style={{ marginBottom: 8 }} />}
              <Form
                form={form}
                layout="vertical"
                onFinish={(body) =>
                  act.mutate(
                    { action, body },
                    {
                      onSuccess: () => {
                        setAction(null);
                        form.resetFields();
                      },
                    },
                  )
                }
              >
                {action === 'assign' && (
                  <Form.Item name="assigneeUsername" label="Tên đăng nhập người xử lý" rules={[{ required: true, message: 'Cần người xử lý.' }]}>
                    <Input maxLength={64} />
                  </Form.Item>
                )}
                {action === 'answer' && (
                  <>
                    <Form.Item name="answer" label="Nội dung trả lời" rules={[{ required: true, min: 10, message: 'Nội dung trả lời cần ít nhất 10 ký tự.' }]}>
                      <Input.TextArea rows={4} maxLength={4000} />
                    </Form.Item>
                    <Form.Item name="substantiated" label="Kết luận" rules={[{ required: true, message: 'Cần kết luận phản ánh có đúng hay không.' }]}>
                      <Radio.Group
                        options={[
                          { value: true, label: 'Phản ánh đúng' },
                          { value: false, label: 'Phản ánh không đúng' },
                        ]}
                      />
                    </Form.Item>
                  </>
                )}
                {action === 'close' && (
                  <Form.Item name="note" label="Ghi chú">
                    <Input.TextArea rows={2} maxLength={1000} />
                  </Form.Item>
                )}
                <Space>
                  <Button type="primary" htmlType="submit" loading={act.isPending}>
                    Xác nhận {COMPLAINT_TRANSITIONS[action].label.toLowerCase()}
                  </Button>
                  <Button onClick={() => setAction(null)}>Hủy</Button>
                </Space>
              </Form>
            </Card>
          )}
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
            Lịch sử xử lý
          </Typography.Title>
          <Timeline
            items={c.history.map((h) => ({
              content: (
                <>
                  {fmtDateTime(h.at)} · {AUDIT_VI[h.action] ?? h.action} · {h.actor ?? h.role ?? 'Người dân (cổng)'}
                </>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}
