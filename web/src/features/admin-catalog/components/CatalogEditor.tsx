import { Alert, Button, Card, Checkbox, Col, Form, Input, InputNumber, List, Row, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { timeLimitText } from '../../../lib/format.ts';
import type { ProcedureEdit } from '../../../lib/types.ts';
import { useCatalog, useProcedureForEdit, useSaveProcedure } from '../api/catalog.ts';

const UNITS = [
  { value: 'working_days', label: 'ngày làm việc' },
  { value: 'working_hours', label: 'giờ làm việc' },
  { value: 'days', label: 'ngày (lịch)' },
  { value: 'same_day', label: 'trong ngày' },
];
const KINDS = [
  { value: 'original', label: 'Bản chính' },
  { value: 'copy', label: 'Bản sao' },
  { value: 'original-or-copy', label: 'Bản chính hoặc bản sao' },
  { value: 'present-only', label: 'Xuất trình để đối chiếu' },
];
const STAGES = [
  { value: 'reception', label: 'Tiếp nhận' },
  { value: 'assignment', label: 'Chuyển, phân công' },
  { value: 'processing', label: 'Thẩm định, xử lý' },
  { value: 'approval', label: 'Ký duyệt' },
  { value: 'issuance', label: 'Vào sổ, phát hành' },
  { value: 'return', label: 'Trả kết quả' },
];
const ROLES = [
  { value: 'reception', label: 'Một cửa' },
  { value: 'specialist', label: 'Chuyên viên' },
  { value: 'division_head', label: 'Lãnh đạo phòng' },
  { value: 'leader', label: 'Lãnh đạo UBND' },
];

function Editor({ code }: { code: string }) {
  const { data: p } = useProcedureForEdit(code);
  const save = useSaveProcedure(code);
  const [form] = Form.useForm<ProcedureEdit & { legalBasisText: string }>();
  useEffect(() => {
    if (!p) return;
    form.setFieldsValue({
      name: p.name,
      timeLimit: p.timeLimit as ProcedureEdit['timeLimit'],
      timeLimitNote: p.timeLimitNote,
      fees: p.fees,
      legalBasisText: p.legalBasis.join('\n'),
      result: p.result,
      components: p.components.map(({ position: _p, ...c }) => c),
      steps: p.steps.map(({ position: _p, ...s }) => s),
    });
  }, [p, form]);
  if (!p) return null;
  return (
    <Form
      form={form}
      layout="vertical"
      size="small"
      onFinish={() => {
        // All values, including those without an input (component ids), not only the registered fields.
        const { legalBasisText, ...rest } = form.getFieldsValue(true) as ProcedureEdit & { legalBasisText: string };
        save.mutate(
          { ...rest, timeLimitNote: rest.timeLimitNote || null, legalBasis: legalBasisText.split('\n').map((s) => s.trim()).filter(Boolean) },
        );
      }}
    >
      <Card size="small" title={`Thủ tục ${p.code}`} extra={<Button type="primary" htmlType="submit" loading={save.isPending}>Lưu thay đổi</Button>}>
        {save.error && <Alert type="error" showIcon title={save.error.message} style={{ marginBottom: 8 }} />}
        {save.isSuccess && <Alert type="success" showIcon title="Đã lưu thủ tục (có ghi nhật ký)" role="status" style={{ marginBottom: 8 }} />}
        <Form.Item label="Tên thủ tục" name="name" rules={[{ required: true, min: 3 }]}>
          <Input />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item label="Thời hạn giải quyết" name={['timeLimit', 'value']}>
            <InputNumber min={0.5} step={0.5} />
          </Form.Item>
          <Form.Item label="Đơn vị" name={['timeLimit', 'unit']}>
            <Select options={UNITS} style={{ width: 170 }} />
          </Form.Item>
        </Space>
        <Form.Item label="Ghi chú thời hạn" name="timeLimitNote">
          <Input />
        </Form.Item>
        <Form.Item label="Kết quả" name="result" rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item label="Căn cứ pháp lý (mỗi dòng một văn bản)" name="legalBasisText">
          <Input.TextArea rows={3} />
        </Form.Item>
      </Card>
      <Card size="small" title="Thành phần hồ sơ" style={{ marginTop: 8 }}>
        <Form.List name="components">
          {(fields, { add, remove, move }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" wrap style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 4, marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'name']} label={`Tên giấy tờ ${i + 1}`} rules={[{ required: true, min: 2 }]} style={{ width: 380 }}>
                    <Input.TextArea autoSize />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']} label="Loại">
                    <Select options={KINDS} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'count']} label="Số bản">
                    <InputNumber min={1} max={20} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'isMandatory']} label="Bắt buộc" valuePropName="checked">
                    <Checkbox />
                  </Form.Item>
                  <Form.Item name={[f.name, 'condition']} label="Điều kiện (nếu có)">
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'form']} label="Mẫu đơn, tờ khai">
                    <Input />
                  </Form.Item>
                  <Space style={{ marginTop: 22 }}>
                    <Button onClick={() => move(i, i - 1)} disabled={i === 0} aria-label={`Đưa giấy tờ ${i + 1} lên`}>↑</Button>
                    <Button danger onClick={() => remove(f.name)} aria-label={`Xóa giấy tờ ${i + 1}`}>Xóa</Button>
                  </Space>
                </Space>
              ))}
              <Button onClick={() => add({ name: '', kind: 'original', count: 1, isMandatory: true, condition: null, form: null })}>Thêm giấy tờ</Button>
            </>
          )}
        </Form.List>
      </Card>
      <Card size="small" title="Phí, lệ phí (đồng; để trống số tiền nếu theo Nghị quyết HĐND tỉnh)" style={{ marginTop: 8 }}>
        <Form.List name="fees">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'name']} label={`Khoản ${i + 1}`} rules={[{ required: true }]}>
                    <Input style={{ width: 260 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'amount']} label="Số tiền">
                    <InputNumber min={0} step={1000} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'note']} label="Ghi chú">
                    <Input style={{ width: 300 }} />
                  </Form.Item>
                  <Button danger style={{ marginTop: 22 }} onClick={() => remove(f.name)} aria-label={`Xóa khoản phí ${i + 1}`}>Xóa</Button>
                </Space>
              ))}
              <Button onClick={() => add({ name: 'Lệ phí', amount: 0, note: null })}>Thêm khoản phí</Button>
            </>
          )}
        </Form.List>
      </Card>
      <Card size="small" title="Quy trình nội bộ (giờ làm việc mỗi bước; 8 giờ = 1 ngày)" style={{ marginTop: 8 }}>
        <Form.List name="steps">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'stage']} label={`Bước ${i + 1}`}>
                    <Select options={STAGES} style={{ width: 170 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'role']} label="Người làm">
                    <Select options={ROLES} style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} label="Nội dung" rules={[{ required: true, min: 2 }]}>
                    <Input style={{ width: 320 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'hours']} label="Số giờ">
                    <InputNumber min={0} step={0.5} />
                  </Form.Item>
                  <Button danger style={{ marginTop: 22 }} onClick={() => remove(f.name)} aria-label={`Xóa bước ${i + 1}`}>Xóa</Button>
                </Space>
              ))}
              <Button onClick={() => add({ stage: 'processing', role: 'specialist', name: '', hours: 8 })}>Thêm bước</Button>
            </>
          )}
        </Form.List>
      </Card>
    </Form>
  );
}

/** Admin: the ward's procedure catalog (components, fees, time limits, internal steps); saves are audited. */
export function CatalogEditor() {
  const [q, setQ] = useState('');
  const [code, setCode] = useState<string>();
  const list = useCatalog(q);
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        Danh mục thủ tục
      </Typography.Title>
      <Row gutter={12}>
        <Col xs={24} lg={7}>
          <Input.Search aria-label="Tìm thủ tục" placeholder="Tìm thủ tục" value={q} onChange={(e) => setQ(e.target.value)} allowClear />
          <List
            size="small"
            style={{ maxHeight: 640, overflow: 'auto', marginTop: 8 }}
            dataSource={list.data ?? []}
            renderItem={(s) => (
              <List.Item style={{ padding: 0 }}>
                <Button type={s.code === code ? 'primary' : 'text'} block onClick={() => setCode(s.code)} style={{ height: 'auto', whiteSpace: 'normal', textAlign: 'left', justifyContent: 'flex-start' }}>
                  <span>
                    {s.name}
                    <br />
                    <small>{timeLimitText(s.timeLimit)}</small>
                  </span>
                </Button>
              </List.Item>
            )}
          />
        </Col>
        <Col xs={24} lg={17}>{code ? <Editor key={code} code={code} /> : <Typography.Text type="secondary">Chọn một thủ tục để sửa.</Typography.Text>}</Col>
      </Row>
    </>
  );
}
