import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Row, Skeleton, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { TAG, TimelinessTag } from '../../../components/TimelinessTag.tsx';
import { fmtDateTime, ROLE_VI, timeLimitText } from '../../../lib/format.ts';
import { get } from '../../../lib/http.ts';
import type { DossierDetail, Me, Procedure, Role } from '../../../lib/types.ts';
import { useDossier } from '../api/dossiers.ts';
import { AccountabilityForm } from './AccountabilityForm.tsx';
import { ActionPanel } from './ActionPanel.tsx';
import { FormLinks } from './FormLinks.tsx';

/** Who keeps the internal accountability record of a late dossier (POST /api/dossiers/{code}/accountability). */
const ACCOUNTABLE: readonly Role[] = ['division_head', 'leader', 'monitor'];

const OUTCOME = { early: ['Trước hạn', TAG.success], on_time: ['Đúng hạn', TAG.success], late: ['Trễ hạn', TAG.error], overdue: ['Đang quá hạn', TAG.error] } as const;

export function DossierPage({ me }: { me: Me }) {
  const { code = '' } = useParams();
  const { data: d, error, isLoading } = useDossier(code);
  const procedure = useQuery({
    queryKey: ['procedure', d?.procedure.code],
    queryFn: () => get<Procedure>(`/api/procedures/${d!.procedure.code}`),
    enabled: !!d,
  });
  if (isLoading) return <Skeleton active />;
  if (error || !d) return <Alert type="error" showIcon title={error?.message ?? 'Không tìm thấy hồ sơ'} />;
  const submitted = new Set(d.submittedComponents);
  const late = d.timeliness.state === 'overdue' || (d.timeliness.state === 'finished' && d.timeliness.againstOriginal === 'late');
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        Hồ sơ {d.code} <Tag color={TAG.info}>{d.statusLabel}</Tag> <TimelinessTag t={d.timeliness} />
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 12 }} title="Thao tác">
        {d.availableActions.length === 0 && (
          <Typography.Paragraph type="secondary" data-testid="no-actions">
            Hồ sơ không chờ thao tác nào của bạn ({ROLE_VI[me.role]}).
          </Typography.Paragraph>
        )}
        <ActionPanel dossier={d} me={me} procedure={procedure.data} />
        <div style={{ marginTop: 12 }}>
          <FormLinks dossier={d} />
        </div>
        {d.receivedAt && (
          <Link to={`/bien-nhan/${d.code}`} style={{ marginLeft: 12 }}>
            <Button type="link">In giấy tiếp nhận</Button>
          </Link>
        )}
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={12}>
          <Card size="small" title="Thông tin" style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="Thủ tục">{d.procedure.name}</Descriptions.Item>
              <Descriptions.Item label="Người nộp">
                {d.applicant.fullName} · CCCD {d.applicant.idNumber} · ĐT {d.applicant.phone}
              </Descriptions.Item>
              <Descriptions.Item label="Địa chỉ">{d.applicant.address}</Descriptions.Item>
              <Descriptions.Item label="Phòng xử lý">{d.division?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="Người xử lý">{d.handler?.fullName ?? 'Chưa phân công'}</Descriptions.Item>
              <Descriptions.Item label="Tiếp nhận">{fmtDateTime(d.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label="Thời hạn">{timeLimitText(d.timeLimit)}</Descriptions.Item>
              <Descriptions.Item label="Hẹn trả">
                <strong>{fmtDateTime(d.dueAt)}</strong>
                {d.extendedDueAt && <> (hẹn ban đầu {fmtDateTime(d.originalDueAt)})</>}
              </Descriptions.Item>
              {d.dueExplanation && <Descriptions.Item label="Cách tính">{d.dueExplanation.text}</Descriptions.Item>}
            </Descriptions>
          </Card>
          {late && ACCOUNTABLE.includes(me.role) && (
            <Card size="small" title="Ghi nhận trách nhiệm (hồ sơ trễ hẹn)" style={{ marginBottom: 12 }}>
              <AccountabilityForm dossier={d} />
            </Card>
          )}
          <Card size="small" title="Giấy tờ đã nhận" style={{ marginBottom: 12 }}>
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {(procedure.data?.components ?? []).map((c) => (
                <li key={c.id}>
                  {submitted.has(c.id) ? '☑' : '☐'} {c.name}
                  {!c.isMandatory && <Typography.Text type="secondary"> (nếu có)</Typography.Text>}
                </li>
              ))}
            </ul>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="Các bước và hạn từng bước" style={{ marginBottom: 12 }}>
            <Table<DossierDetail['steps'][number]>
              size="small"
              pagination={false}
              rowKey="position"
              dataSource={d.steps}
              columns={[
                { title: 'Bước', dataIndex: 'name' },
                { title: 'Người làm', render: (_, s) => s.handler ?? ROLE_VI[s.role as Role] ?? s.role },
                { title: 'Hạn', render: (_, s) => fmtDateTime(s.dueAt) },
                { title: 'Xong lúc', render: (_, s) => fmtDateTime(s.completedAt) },
                {
                  title: 'Kết quả',
                  render: (_, s) => {
                    const o = s.outcome ? OUTCOME[s.outcome as keyof typeof OUTCOME] : null;
                    return o ? <Tag color={o[1]}>{o[0]}</Tag> : s.completedAt ? '' : <Tag>Đang làm</Tag>;
                  },
                },
              ]}
            />
          </Card>
          <Card size="small" title="Dòng thời gian (ai, khi nào, vì sao)">
            <Timeline
              items={d.timeline.map((e) => ({
                content: (
                  <div>
                    <strong>{e.label}</strong> — {e.actor.name} ({ROLE_VI[e.actor.role as Role] ?? e.actor.role})
                    <br />
                    <Typography.Text type="secondary">{fmtDateTime(e.at)}</Typography.Text>
                    {e.reason && <div>Lý do: {e.reason}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
