import { Alert, Button, Card, Col, Form, Input, Row, Table, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { fmtDateTime } from '../../../lib/format.ts';
import { type Agency, type RedirectInput, useAgencies, useIssueRedirect, useRedirects } from '../api/threeKhong.ts';

const KIND_VI: Record<string, string> = {
  ward: 'UBND phường, xã',
  province_department: 'Sở, ngành tỉnh',
  province_centre: 'Trung tâm PVHCC tỉnh',
  police: 'Công an',
  tax: 'Thuế',
  land: 'Đất đai',
  other: 'Khác',
};

function todayVn(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * "Không gây phiền hà": a request outside the ward's competence gets a redirect slip naming the competent body,
 * its address, phone and online link; it counts as a service given, not a refusal.
 */
export function RedirectDesk() {
  // Reached from the reception desk with what the citizen asked for (?q=…): the agencies are searched for it.
  const [params] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [chosen, setChosen] = useState<Agency | null>(null);
  const agencies = useAgencies(q);
  const issue = useIssueRedirect();
  const day = todayVn();
  const slips = useRedirects(day, day);
  const [form] = Form.useForm<Omit<RedirectInput, 'agencyCode'>>();
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        Hướng dẫn đến cơ quan có thẩm quyền
      </Typography.Title>
      <Row gutter={12}>
        <Col xs={24} xl={14}>
          <Card size="small" title="1. Chọn cơ quan có thẩm quyền" style={{ marginBottom: 12 }}>
            <Input.Search aria-label="Tìm cơ quan, việc cần làm" placeholder="Tìm cơ quan, việc cần làm (ví dụ: đất đai, thuế)" allowClear defaultValue={q} onSearch={setQ} style={{ marginBottom: 8 }} />
            <Table<Agency>
              size="small"
              rowKey="code"
              loading={agencies.isLoading}
              dataSource={agencies.data?.items ?? []}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              rowSelection={{ type: 'radio', selectedRowKeys: chosen ? [chosen.code] : [], onChange: (_, rows) => setChosen(rows[0] ?? null), columnTitle: 'Chọn' }}
              onRow={(r) => ({ onClick: () => setChosen(r) })}
              columns={[
                { title: 'Cơ quan', render: (_, r) => <><strong>{r.name}</strong><div>{KIND_VI[r.kind] ?? r.kind}</div></> },
                { title: 'Giải quyết', dataIndex: 'matters' },
                { title: 'Liên hệ', render: (_, r) => <>{r.address}<div>ĐT {r.phone}</div></> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title="2. Lập phiếu hướng dẫn" style={{ marginBottom: 12 }}>
            {chosen ? <Alert type="info" showIcon title={`Cơ quan: ${chosen.name}`} style={{ marginBottom: 8 }} /> : <Typography.Paragraph>Chọn một cơ quan ở bảng bên.</Typography.Paragraph>}
            {issue.error && <Alert type="error" showIcon title={issue.error.message} style={{ marginBottom: 8 }} />}
            {issue.data && (
              <Alert
                type="success"
                showIcon
                data-testid="redirect-slip"
                title={`Đã lập phiếu số ${issue.data.number}`}
                description={
                  <>
                    <a href={issue.data.slip.pdf} target="_blank" rel="noreferrer">In phiếu (PDF)</a> · <a href={issue.data.slip.docx}>Tải DOCX</a>
                  </>
                }
                style={{ marginBottom: 8 }}
              />
            )}
            <Form form={form} layout="vertical" disabled={!chosen} onFinish={(v) => chosen && issue.mutate({ ...v, agencyCode: chosen.code })}>
              <Form.Item label="Họ tên người hỏi" name="applicantName" rules={[{ required: true, min: 2, message: 'Nhập họ tên' }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item label="Số điện thoại (nếu có)" name="applicantPhone">
                <Input maxLength={20} />
              </Form.Item>
              <Form.Item label="Việc cần giải quyết" name="matter" rules={[{ required: true, min: 3, message: 'Ghi việc cần giải quyết' }]}>
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
              <Form.Item label="Ghi chú" name="note">
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={issue.isPending}>
                Lập và in phiếu hướng dẫn
              </Button>
            </Form>
          </Card>
          <Card size="small" title="Phiếu đã lập hôm nay (tính là lượt phục vụ)">
            <Table
              size="small"
              rowKey="id"
              dataSource={slips.data?.items ?? []}
              pagination={false}
              locale={{ emptyText: 'Chưa có phiếu nào.' }}
              columns={[
                { title: 'Số', dataIndex: 'number' },
                { title: 'Người hỏi', dataIndex: 'applicantName' },
                { title: 'Cơ quan', dataIndex: 'agency' },
                { title: 'Lúc', dataIndex: 'issuedAt', render: (v: string) => fmtDateTime(v) },
                { title: 'In', render: (_, r) => <a href={`/api/redirects/${r.id}/slip.pdf`} target="_blank" rel="noreferrer" aria-label={`PDF phiếu ${r.number}`}>PDF</a> },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
