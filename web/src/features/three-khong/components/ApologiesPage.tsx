import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { TAG } from '../../../components/TimelinessTag.tsx';
import { fmtDateTime } from '../../../lib/format.ts';
import { api } from '../../../lib/http.ts';
import type { Me } from '../../../lib/types.ts';
import { ROOT_CAUSE_VI } from '../../dossiers/components/AccountabilityForm.tsx';
import { type CorrectiveAction, type Today, useAccountability, useCloseAction, useOverrides, useThreeKhongToday } from '../api/threeKhong.ts';

const OVERRIDE_VI: Record<string, string> = { second_supplement: 'Yêu cầu bổ sung lần hai', unlisted_document: 'Giấy tờ ngoài danh mục' };

function useSignApology() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: Today['apologiesToSign'][number]) =>
      api('POST', `/api/dossiers/${encodeURIComponent(a.code)}/actions/extend_deadline`, { newDueAt: a.newDueAt }, { 'idempotency-key': crypto.randomUUID() }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['three-khong'] });
      void qc.invalidateQueries({ queryKey: ['dossiers'] });
      void qc.invalidateQueries({ queryKey: ['dossier'] });
    },
  });
}

/** "Biết xin lỗi" for leaders: form 04 awaiting signature, corrective actions to verify, overrides counted. */
export function ApologiesPage({ me }: { me: Me }) {
  const today = useThreeKhongToday();
  const sign = useSignApology();
  const isLeader = me.role === 'leader';
  const canVerify = me.role === 'leader' || me.role === 'monitor';
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('open');
  const actions = useAccountability(status, me.role !== 'reception' && me.role !== 'specialist');
  const overrides = useOverrides(['leader', 'monitor', 'supervisor', 'admin'].includes(me.role));
  const close = useCloseAction();
  const [closing, setClosing] = useState<CorrectiveAction | null>(null);
  const [note, setNote] = useState('');
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        Xin lỗi, gia hạn và trách nhiệm
      </Typography.Title>
      <Card size="small" title="Văn bản xin lỗi, đề nghị gia hạn chờ ký (mẫu 04)" style={{ marginBottom: 12 }}>
        {sign.error && <Alert type="error" showIcon title={sign.error.message} style={{ marginBottom: 8 }} />}
        <Table
          size="small"
          rowKey="code"
          loading={today.isLoading}
          dataSource={today.data?.apologiesToSign ?? []}
          pagination={false}
          locale={{ emptyText: 'Không có văn bản nào chờ ký.' }}
          columns={[
            { title: 'Số', dataIndex: 'number' },
            { title: 'Hồ sơ', dataIndex: 'code', render: (c: string) => <Link to={`/ho-so/${c}`}>{c}</Link> },
            { title: 'Ngày hẹn mới', dataIndex: 'newDueAt', render: (v: string) => fmtDateTime(v) },
            { title: 'Dự thảo lúc', dataIndex: 'draftedAt', render: (v: string, r) => <>{fmtDateTime(v)} {r.isLateDraft && <Tag color={TAG.error}>Lập muộn</Tag>}</> },
            {
              title: 'Văn bản',
              render: (_, r) => (
                <a href={`/api/dossiers/${encodeURIComponent(r.code)}/forms/apology.pdf`} target="_blank" rel="noreferrer" aria-label={`Xem PDF mẫu 04 của hồ sơ ${r.code}`}>
                  Xem PDF
                </a>
              ),
            },
            ...(isLeader
              ? [
                  {
                    title: 'Ký',
                    render: (_: unknown, r: Today['apologiesToSign'][number]) => (
                      <Button
                        type="primary"
                        size="small"
                        loading={sign.isPending && sign.variables?.code === r.code}
                        onClick={() => sign.mutate(r)}
                        aria-label={`Ký văn bản xin lỗi hồ sơ ${r.code}`}
                      >
                        Ký
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {me.role !== 'reception' && me.role !== 'specialist' && (
        <Card
          size="small"
          title="Biện pháp khắc phục (trách nhiệm nội bộ)"
          style={{ marginBottom: 12 }}
          extra={
            <Select
              aria-label="Lọc biện pháp khắc phục"
              size="small"
              value={status}
              onChange={setStatus}
              options={[
                { value: 'open', label: 'Đang mở' },
                { value: 'closed', label: 'Đã xác nhận đóng' },
                { value: 'all', label: 'Tất cả' },
              ]}
            />
          }
        >
          {actions.error && <Alert type="error" showIcon title={actions.error.message} />}
          <Table<CorrectiveAction>
            size="small"
            rowKey="id"
            loading={actions.isLoading}
            dataSource={actions.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: 'Không có biện pháp khắc phục nào.' }}
            columns={[
              { title: 'Hồ sơ', dataIndex: 'dossierCode', render: (c: string) => <Link to={`/ho-so/${c}`}>{c}</Link> },
              { title: 'Đơn vị', dataIndex: 'responsibleDivision' },
              { title: 'Nguyên nhân', render: (_, r) => `${ROOT_CAUSE_VI[r.rootCause] ?? r.rootCause}: ${r.rootCauseNote}` },
              { title: 'Biện pháp', dataIndex: 'correctiveAction' },
              { title: 'Người thực hiện', dataIndex: 'owner' },
              { title: 'Hạn', dataIndex: 'dueDate', render: (v: string, r) => <>{v.split('-').reverse().join('/')} {r.isOverdue && <Tag color={TAG.error}>Quá hạn</Tag>}</> },
              {
                title: 'Trạng thái',
                render: (_, r) =>
                  r.status === 'closed' ? (
                    <span>Đã đóng {fmtDateTime(r.closedAt)} — {r.verificationNote}</span>
                  ) : canVerify ? (
                    <Button size="small" onClick={() => { setNote(''); close.reset(); setClosing(r); }}>
                      Xác nhận đã khắc phục
                    </Button>
                  ) : (
                    'Đang mở'
                  ),
              },
            ]}
          />
        </Card>
      )}
      {overrides.data && (
        <Card size="small" title={`Ngoại lệ "không bổ sung quá 1 lần" đã cho phép (${overrides.data.total})`}>
          <Space style={{ marginBottom: 8 }}>
            {Object.entries(overrides.data.byKind).map(([k, n]) => (
              <Tag key={k} color={TAG.neutral}>
                {OVERRIDE_VI[k] ?? k}: {n}
              </Tag>
            ))}
          </Space>
          <Table
            size="small"
            rowKey="id"
            dataSource={overrides.data.items}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: 'Chưa có ngoại lệ nào.' }}
            columns={[
              { title: 'Hồ sơ', dataIndex: 'dossierCode', render: (c: string) => <Link to={`/ho-so/${c}`}>{c}</Link> },
              { title: 'Loại', dataIndex: 'kind', render: (k: string) => OVERRIDE_VI[k] ?? k },
              { title: 'Lý do', dataIndex: 'reason' },
              { title: 'Người cho phép', dataIndex: 'by' },
              { title: 'Lúc', dataIndex: 'at', render: (v: string) => fmtDateTime(v) },
            ]}
          />
        </Card>
      )}
      <Modal
        open={closing !== null}
        title="Xác nhận đã khắc phục"
        okText="Xác nhận"
        cancelText="Hủy"
        confirmLoading={close.isPending}
        okButtonProps={{ disabled: note.trim().length < 3 }}
        onCancel={() => setClosing(null)}
        onOk={() => closing && close.mutate({ id: closing.id, verificationNote: note }, { onSuccess: () => setClosing(null) })}
      >
        {close.error && <Alert type="error" showIcon title={close.error.message} style={{ marginBottom: 8 }} />}
        <label htmlFor="verification-note">Kết quả kiểm tra (đã khắc phục thế nào)</label>
        <Input.TextArea id="verification-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </>
  );
}
