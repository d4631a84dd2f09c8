import { Card, Col, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { AT_RISK_MS } from '../../../components/TimelinessTag.tsx';
import { ROLE_VI } from '../../../lib/format.ts';
import type { DossierSummary, Me } from '../../../lib/types.ts';
import { useToday } from '../api/home.ts';

function counts(items: DossierSummary[]) {
  let overdue = 0;
  let atRisk = 0;
  for (const d of items) {
    if (d.timeliness.state === 'overdue') overdue++;
    else if (d.timeliness.state === 'on_track' && d.timeliness.remainingMs < AT_RISK_MS) atRisk++;
  }
  return { overdue, atRisk };
}

/** "Today": my queue, what is at risk or overdue, and what waits for my action. */
export function HomePage({ me }: { me: Me }) {
  const { waiting, mine, open } = useToday(me.role);
  const all = counts(open.data?.items ?? []);
  const forMe = mine.data?.items ?? [];
  const my = counts(forMe);
  const hour = new Date().getHours();
  const hello = hour < 11 ? 'Chào buổi sáng' : hour < 14 ? 'Chào buổi trưa' : hour < 18 ? 'Chào buổi chiều' : 'Chào buổi tối';
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {hello}, {me.fullName}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{ROLE_VI[me.role]} · Không trễ hẹn, không gây phiền hà, không bổ sung hồ sơ quá 1 lần.</Typography.Paragraph>
      <Row gutter={12}>
        {waiting && (
          <Col xs={24} md={8}>
            <Card size="small">
              <Statistic title={waiting.label} value={mine.data?.total ?? '…'} />
              <Link to={`/ho-so?${waiting.status.map((s) => `status=${s}`).join('&')}`}>Mở hàng đợi</Link>
            </Card>
          </Col>
        )}
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic title="Sắp đến hạn (còn dưới 1 ngày)" value={waiting ? my.atRisk : all.atRisk} styles={{ content: { color: '#ad4e00' } }} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic title="Quá hạn" value={waiting ? my.overdue : all.overdue} styles={{ content: { color: '#a8071a' } }} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="Cần làm trước (hạn gần nhất)" style={{ marginTop: 12 }}>
        {forMe.length === 0 ? (
          <Typography.Text type="secondary">Không có hồ sơ nào chờ bạn. Cảm ơn!</Typography.Text>
        ) : (
          <ol style={{ margin: 0, paddingLeft: 18 }}>
            {forMe.slice(0, 10).map((d) => (
              <li key={d.code}>
                <Link to={`/ho-so/${d.code}`}>{d.code}</Link> — {d.procedure.name} — {d.statusLabel}
              </li>
            ))}
          </ol>
        )}
      </Card>
    </>
  );
}
