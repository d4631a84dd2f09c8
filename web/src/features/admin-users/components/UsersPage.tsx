import { Alert, Button, Form, Input, Modal, Select, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ROLE_VI } from '../../../lib/format.ts';
import type { Role, StaffUser } from '../../../lib/types.ts';
import { useCreateUser, useUpdateUser, useUsers } from '../api/users.ts';

const ROLE_OPTIONS = (Object.keys(ROLE_VI) as Role[]).map((r) => ({ value: r, label: ROLE_VI[r] }));

export function UsersPage() {
  const users = useUsers();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const divisions = [...new Set((users.data ?? []).map((u) => u.divisionCode).filter((c): c is string => !!c))].sort();
  const divisionOptions = [{ value: '', label: '(không thuộc phòng)' }, ...divisions.map((c) => ({ value: c, label: c }))];
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        Cán bộ và vai trò
      </Typography.Title>
      {update.error && <Alert type="error" showIcon title={update.error.message} style={{ marginBottom: 8 }} />}
      <Button type="primary" onClick={() => { create.reset(); form.resetFields(); setOpen(true); }} style={{ marginBottom: 8 }}>
        Thêm cán bộ
      </Button>
      <Table<StaffUser>
        size="small"
        rowKey="id"
        loading={users.isLoading}
        dataSource={users.data ?? []}
        pagination={false}
        columns={[
          { title: 'Tên đăng nhập', dataIndex: 'username' },
          { title: 'Họ và tên', dataIndex: 'fullName' },
          { title: 'Chức danh', dataIndex: 'title', ellipsis: true },
          {
            title: 'Vai trò',
            render: (_, u) => (
              <Select aria-label={`Vai trò của ${u.username}`} size="small" style={{ width: 190 }} value={u.role} options={ROLE_OPTIONS} onChange={(role) => update.mutate({ id: u.id, body: { role } })} />
            ),
          },
          {
            title: 'Phòng',
            render: (_, u) => (
              <Select aria-label={`Phòng của ${u.username}`} size="small" style={{ width: 150 }} value={u.divisionCode ?? ''} options={divisionOptions} onChange={(v) => update.mutate({ id: u.id, body: { divisionCode: v || null } })} />
            ),
          },
          {
            title: 'Hoạt động',
            render: (_, u) => <Switch aria-label={`Tài khoản ${u.username} đang hoạt động`} size="small" checked={u.isActive} onChange={(isActive) => update.mutate({ id: u.id, body: { isActive } })} />,
          },
          { title: '', render: (_, u) => (u.isActive ? null : <Tag>đã khóa</Tag>) },
        ]}
      />
      <Modal open={open} title="Thêm cán bộ" okText="Tạo tài khoản" cancelText="Hủy" onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={create.isPending}>
        {create.error && <Alert type="error" showIcon title={create.error.message} style={{ marginBottom: 8 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate({ ...v, divisionCode: v.divisionCode || null }, { onSuccess: () => setOpen(false) })}>
          <Form.Item label="Tên đăng nhập" name="username" rules={[{ required: true, min: 3 }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label="Họ và tên" name="fullName" rules={[{ required: true, min: 2 }]}>
            <Input />
          </Form.Item>
          <Form.Item label="Chức danh" name="title">
            <Input />
          </Form.Item>
          <Form.Item label="Vai trò" name="role" rules={[{ required: true }]}>
            <Select options={ROLE_OPTIONS} />
          </Form.Item>
          <Form.Item label="Phòng" name="divisionCode">
            <Select options={divisionOptions} />
          </Form.Item>
          <Form.Item label="Mật khẩu ban đầu" name="password" rules={[{ required: true, min: 10, message: 'Mật khẩu ít nhất 10 ký tự' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
