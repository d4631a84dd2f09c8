import { TAG } from '../../../components/TimelinessTag.tsx';
import { Alert, Button, Card, Descriptions, Drawer, Form, Input, Modal, Row, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { RECOMMENDATION_STATUS_VI, RECOMMENDATION_STATUSES, type RecommendationStatus } from '../../../../../src/domain/complaint/complaint.ts';
import { fmtDateTime, ROLE_VI } from '../../../lib/format.ts';
import type { Me, Role } from '../../../lib/types.ts';
import {
  type Recommendation,
  useAnswerRecommendation,
  useCloseRecommendation,
  useFileRecommendation,
  useRecommendation,
  useRecommendations,
} from '../api/supervision.ts';

const STATUS_COLOR: Record<RecommendationStatus, string> = { filed: TAG.gold, answered: TAG.info, closed: TAG.neutral };
const AUDIT_VI: Record<string, string> = {
  'supervision.file': 'Ủy ban MTTQ gửi kiến nghị',
  'supervision.answer': 'Phường trả lời',
  'supervision.close': 'Ủy ban MTTQ kết thúc giám sát',
};

function DueTag({ r }: { r: Recommendation }) {
  if (r.answeredAt) return r.answeredOnTime ? <Tag variant="solid" color={TAG.success}>Trả lời đúng hạn</Tag> : <Tag variant="solid" color={TAG.error}>Trả lời quá hạn</Tag>;
  return r.overdue ? <Tag variant="solid" color={TAG.error}>Quá hạn trả lời</Tag> : <Tag variant="solid" color={TAG.info}>Trong hạn</Tag>;
}

/**
 * Supervision recommendations (kiến nghị giám sát): the Front committee files them and closes them, a leader of
 * the People's Committee answers by the deadline; the monitor and admins follow. Buttons follow the role.
 */
export function RecommendationsPage({ me }: { me: Me }) {
  const [status, setStatus] = useState<RecommendationStatus | undefined>();
  const [open, setOpen] = useState<string | null>(null);
  const [filing, setFiling] = useState(false);
  const { data, error, isLoading } = useRecommendations(status);
  const supervisor = me.role === 'supervisor';
  return (
    <>
      <Row justify="space-between" align="middle" gutter={[8, 8]}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          Kiến nghị giám sát của Ủy ban MTTQ
        </Typography.Title>
        <Space wrap>
          <Select
            aria-label="Lọc theo trạng thái"
            allowClear
            placeholder="Mọi trạng thái"
            style={{ width: 220 }}
            value={status}
            onChange={setStatus}
            options={RECOMMENDATION_STATUSES.map((s) => ({ value: s, label: RECOMMENDATION_STATUS_VI[s] }))}
          />
          {supervisor && (
            <Button type="primary" onClick={() => setFiling(true)}>
              Gửi kiến nghị
            </Button>
          )}
        </Space>
      </Row>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginTop: 12 }} />}
      {data && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
          {data.total} kiến nghị, {data.open} chờ trả lời, {data.overdue} quá hạn. Phường trả lời trong {data.answerDays} ngày làm việc ({data.source}).
        </Typography.Paragraph>
      )}
      <Card size="small">
        <Table<Recommendation>
          size="small"
          rowKey="code"
          loading={isLoading}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 15, hideOnSinglePage: true }}
          columns={[
            {
              title: 'Mã',
              dataIndex: 'code',
              render: (c: string) => (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(c)}>
                  {c}
                </Button>
              ),
            },
            { title: 'Tiêu đề', dataIndex: 'title' },
            { title: 'Hồ sơ', dataIndex: 'dossierCode', render: (c: string | null) => c ?? '—' },
            { title: 'Ngày gửi', dataIndex: 'filedAt', render: fmtDateTime },
            { title: 'Hạn trả lời', dataIndex: 'dueAt', render: (d: string, r) => <>{fmtDateTime(d)} <DueTag r={r} /></> },
            { title: 'Trạng thái', dataIndex: 'statusLabel', render: (l: string, r) => <Tag variant="solid" color={STATUS_COLOR[r.status]}>{l}</Tag> },
          ]}
        />
      </Card>
      {supervisor && <FileDialog open={filing} onClose={() => setFiling(false)} onFiled={(code) => (setFiling(false), setOpen(code))} />}
      <RecommendationDrawer me={me} code={open} onClose={() => setOpen(null)} />
    </>
  );
}

function FileDialog({ open, onClose, onFiled }: { open: boolean; onClose: () => void; onFiled: (code: string) => void }) {
  const [form] = Form.useForm<{ title: string; content: string; dossierCode?: string }>();
  const file = useFileRecommendation();
  return (
    <Modal open={open} title="Gửi kiến nghị giám sát" okText="Gửi kiến nghị" cancelText="Hủy" onCancel={onClose} onOk={() => form.submit()} confirmLoading={file.isPending} destroyOnHidden>
      {file.error && <Alert type="error" showIcon title={file.error.message} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          file.mutate(
            { title: v.title, content: v.content, dossierCode: v.dossierCode?.trim() || null },
            {
              onSuccess: (r) => {
                form.resetFields();
                onFiled(r.code);
              },
            },
          )
        }
      >
        <Form.Item name="title" label="Tiêu đề" rules={[{ required: true, min: 5, message: 'Tiêu đề cần từ 5 ký tự.' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="content" label="Nội dung kiến nghị" rules={[{ required: true, min: 10, message: 'Nội dung cần từ 10 ký tự.' }]}>
          <Input.TextArea rows={5} maxLength={8000} />
        </Form.Item>
        <Form.Item name="dossierCode" label="Mã hồ sơ liên quan (nếu có)">
          <Input maxLength={64} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RecommendationDrawer({ me, code, onClose }: { me: Me; code: string | null; onClose: () => void }) {
  const { data: r, error } = useRecommendation(code);
  const answer = useAnswerRecommendation();
  const close = useCloseRecommendation();
  const [text, setText] = useState('');
  const canAnswer = me.role === 'leader' && r?.status === 'filed';
  const canClose = me.role === 'supervisor' && r?.status === 'answered';
  const mutation = canAnswer ? answer : close;
  return (
    <Drawer open={code !== null} onClose={onClose} size={640} title={code ? `Kiến nghị ${code}` : ''} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error.message} />}
      {r && (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 's', label: 'Trạng thái', children: <Tag variant="solid" color={STATUS_COLOR[r.status]}>{r.statusLabel}</Tag> },
              { key: 't', label: 'Tiêu đề', children: r.title },
              { key: 'c', label: 'Nội dung', children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.content}</span> },
              { key: 'd', label: 'Hồ sơ', children: r.dossierCode ?? '—' },
              { key: 'f', label: 'Gửi lúc', children: `${fmtDateTime(r.filedAt)} · ${r.filedBy ?? ''}` },
              { key: 'due', label: 'Hạn trả lời', children: <>{fmtDateTime(r.dueAt)} <DueTag r={r} /></> },
              ...(r.dueExplanation?.text ? [{ key: 'x', label: 'Cách tính hạn', children: r.dueExplanation.text }] : []),
              ...(r.answer
                ? [{ key: 'a', label: 'Trả lời của phường', children: <span style={{ whiteSpace: 'pre-wrap' }} data-testid="recommendation-answer">{r.answer}</span> }]
                : []),
              ...(r.closedAt ? [{ key: 'cl', label: 'Kết thúc', children: `${fmtDateTime(r.closedAt)}${r.closingNote ? ` · ${r.closingNote}` : ''}` }] : []),
            ]}
          />
          {(canAnswer || canClose) && (
            <Card size="small" title={canAnswer ? 'Trả lời kiến nghị' : 'Kết thúc giám sát'} style={{ marginTop: 12 }}>
              {mutation.error && <Alert type="error" showIcon title={mutation.error.message} style={{ marginBottom: 8 }} />}
              <Input.TextArea
                aria-label={canAnswer ? 'Nội dung trả lời' : 'Ghi chú kết thúc'}
                rows={4}
                maxLength={canAnswer ? 8000 : 2000}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
              <Button
                type="primary"
                style={{ marginTop: 8 }}
                loading={mutation.isPending}
                onClick={() =>
                  canAnswer
                    ? answer.mutate({ code: r.code, answer: text }, { onSuccess: () => setText('') })
                    : close.mutate({ code: r.code, note: text }, { onSuccess: () => setText('') })
                }
              >
                {canAnswer ? 'Gửi trả lời' : 'Kết thúc giám sát'}
              </Button>
            </Card>
          )}
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
            Lịch sử
          </Typography.Title>
          <Timeline
            items={r.history.map((h) => ({
              content: (
                <>
                  {fmtDateTime(h.at)} · {AUDIT_VI[h.action] ?? h.action} · {ROLE_VI[h.role as Role] ?? h.role} {h.actor ?? ''}
                </>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}
