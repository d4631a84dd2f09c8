import { Alert, Button, Card, Checkbox, Col, Descriptions, Empty, Form, Input, List, Row, Space, Tag, Typography } from 'antd';
import { useDeferredValue, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isCitizenIdNumber, isEmail, normalizePhone } from '../../../../../src/domain/applicant.ts';
import { fmtDate, fmtDateTime, timeLimitText, vnd } from '../../../lib/format.ts';
import { ApiError } from '../../../lib/http.ts';
import { useLiveDueDate, useProcedure, useProcedureSearch, useReceiveDossier } from '../api/reception.ts';

interface ApplicantForm {
  fullName: string;
  idNumber: string;
  phone: string;
  email?: string;
  address: string;
}

/** The counter: find the procedure, tick what the citizen handed in, see the appointment, capture, save, print. */
export function ReceptionDesk() {
  const [q, setQ] = useState('');
  const deferred = useDeferredValue(q);
  const [code, setCode] = useState<string>();
  const [ticked, setTicked] = useState<number[]>([]);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const search = useProcedureSearch(deferred);
  const procedure = useProcedure(code);
  const due = useLiveDueDate(code);
  const receive = useReceiveDossier();
  const navigate = useNavigate();
  const [form] = Form.useForm<ApplicantForm>();
  const p = procedure.data;
  const missing = p ? p.components.filter((c) => c.isMandatory && !ticked.includes(c.id)) : [];

  const choose = (c: string) => {
    setCode(c);
    setTicked([]);
    setKey(crypto.randomUUID());
    receive.reset();
  };

  const save = (v: ApplicantForm) => {
    if (!p) return;
    receive.mutate(
      {
        key,
        body: {
          procedureCode: p.code,
          channel: 'direct',
          applicant: {
            fullName: v.fullName.trim(),
            idNumber: v.idNumber.trim(),
            phone: normalizePhone(v.phone) ?? v.phone,
            email: v.email?.trim() || null,
            address: v.address.trim(),
          },
          submittedComponents: ticked,
        },
      },
      { onSuccess: (d) => navigate(`/bien-nhan/${d.code}`) },
    );
  };
  const serverField = receive.error instanceof ApiError ? receive.error.field : undefined;

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        Tiếp nhận hồ sơ
      </Typography.Title>
      <Row gutter={12}>
        <Col xs={24} lg={8}>
          <Card size="small" title="1. Chọn thủ tục">
            <Input.Search
              aria-label="Tìm thủ tục (gõ không dấu cũng được)"
              placeholder="Tìm thủ tục, ví dụ: khai sinh"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              allowClear
              autoFocus
            />
            <List
              size="small"
              style={{ maxHeight: 520, overflow: 'auto', marginTop: 8 }}
              loading={search.isFetching && !search.data}
              dataSource={search.data ?? []}
              locale={{ emptyText: 'Không có thủ tục phù hợp của phường.' }}
              renderItem={(s) => (
                <List.Item style={{ padding: 0 }}>
                  <Button
                    type={s.code === code ? 'primary' : 'text'}
                    block
                    style={{ height: 'auto', whiteSpace: 'normal', textAlign: 'left', justifyContent: 'flex-start', padding: '6px 8px' }}
                    onClick={() => choose(s.code)}
                    aria-pressed={s.code === code}
                  >
                    <span>
                      {s.name}
                      <br />
                      <small>
                        {s.field} · {timeLimitText(s.timeLimit)}
                      </small>
                    </span>
                  </Button>
                </List.Item>
              )}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              Việc không thuộc thẩm quyền của phường?{' '}
              {/* What was asked goes along: the directory of competent agencies is searched for it. */}
              <Link to={`/huong-dan${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`}>Lập phiếu hướng dẫn đến cơ quan có thẩm quyền</Link>
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          {!p ? (
            <Card size="small">
              <Empty description="Chọn một thủ tục ở cột bên trái" />
            </Card>
          ) : (
            <>
              <Card size="small" title={`2. ${p.name}`} style={{ marginBottom: 12 }}>
                <Descriptions size="small" column={2}>
                  <Descriptions.Item label="Thời hạn">{timeLimitText(p.timeLimit)}</Descriptions.Item>
                  <Descriptions.Item label="Phòng giải quyết">{p.divisionName}</Descriptions.Item>
                  <Descriptions.Item label="Phí, lệ phí" span={2}>
                    {p.fees.length === 0
                      ? 'Không thu'
                      : p.fees.map((f) => `${f.name}: ${f.amount === null ? 'theo Nghị quyết HĐND tỉnh' : vnd(f.amount)}`).join('; ')}
                  </Descriptions.Item>
                </Descriptions>
                <Alert
                  type="success"
                  data-testid="live-due"
                  title={
                    due.data ? (
                      <span>
                        Nếu tiếp nhận bây giờ, hẹn trả kết quả: <strong data-testid="live-due-date">{fmtDateTime(due.data.dueAt)}</strong> (
                        {fmtDate(due.data.dueAt)})
                      </span>
                    ) : (
                      'Đang tính ngày hẹn…'
                    )
                  }
                  description={due.data?.explanation.text}
                />
                <Typography.Title level={2} style={{ fontSize: 16, marginTop: 12 }}>
                  Giấy tờ công dân nộp
                </Typography.Title>
                <Checkbox.Group value={ticked} onChange={(v) => setTicked(v as number[])} style={{ display: 'block' }}>
                  {p.components.map((c) => (
                    <div key={c.id} style={{ padding: '3px 0' }}>
                      <Checkbox value={c.id}>
                        {c.name} <Tag>{c.count} bản</Tag>
                        {c.isMandatory ? <Tag color="red">bắt buộc</Tag> : <Tag>nếu có</Tag>}
                        {c.condition && <Typography.Text type="secondary"> — {c.condition}</Typography.Text>}
                      </Checkbox>
                    </div>
                  ))}
                </Checkbox.Group>
                {missing.length > 0 && (
                  <Typography.Text type="warning">
                    Còn thiếu {missing.length} giấy tờ bắt buộc: hướng dẫn công dân bổ sung một lần, đầy đủ.
                  </Typography.Text>
                )}
              </Card>
              <Card size="small" title="3. Người nộp hồ sơ">
                {receive.error && <Alert type="error" showIcon title={receive.error.message} style={{ marginBottom: 12 }} />}
                <Form form={form} layout="vertical" onFinish={save} requiredMark>
                  <Row gutter={12}>
                    <Col span={12}>
                      <Form.Item label="Họ và tên" name="fullName" rules={[{ required: true, whitespace: true, message: 'Nhập họ và tên' }]}>
                        <Input autoComplete="off" />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item
                        label="Số định danh cá nhân (CCCD, 12 số)"
                        name="idNumber"
                        validateStatus={serverField === 'applicant.idNumber' ? 'error' : undefined}
                        rules={[{ required: true, message: 'Nhập số định danh' }, { validator: async (_, v) => { if (v && !isCitizenIdNumber(String(v).trim())) throw new Error('Số định danh gồm đúng 12 chữ số'); } }]}
                      >
                        <Input inputMode="numeric" maxLength={12} autoComplete="off" />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item
                        label="Số điện thoại"
                        name="phone"
                        rules={[{ required: true, message: 'Nhập số điện thoại' }, { validator: async (_, v) => { if (v && !normalizePhone(String(v))) throw new Error('Số điện thoại Việt Nam không hợp lệ (ví dụ 0912 345 678 hoặc +84 912 345 678)'); } }]}
                      >
                        <Input inputMode="tel" autoComplete="off" />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item label="Thư điện tử (nếu có)" name="email" rules={[{ validator: async (_, v) => { if (v && !isEmail(String(v).trim())) throw new Error('Địa chỉ thư điện tử không hợp lệ'); } }]}>
                        <Input inputMode="email" autoComplete="off" />
                      </Form.Item>
                    </Col>
                    <Col span={24}>
                      <Form.Item label="Địa chỉ" name="address" rules={[{ required: true, whitespace: true, message: 'Nhập địa chỉ' }]}>
                        <Input autoComplete="off" />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Space>
                    <Button type="primary" htmlType="submit" loading={receive.isPending} disabled={missing.length > 0}>
                      Tiếp nhận và in giấy hẹn
                    </Button>
                    {missing.length > 0 && <Typography.Text type="secondary">Đánh dấu đủ giấy tờ bắt buộc để tiếp nhận.</Typography.Text>}
                  </Space>
                </Form>
              </Card>
            </>
          )}
        </Col>
      </Row>
    </>
  );
}
