import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, sessionNotice } from '../../../lib/http.ts';
import { type LoginBody, useLogin } from '../api/auth.ts';

export const TOTP_LABEL = 'Mã xác thực (6 chữ số)';

/**
 * Sign-in. An account with a second factor is answered MFA_REQUIRED: the form then asks for the
 * 6-digit code of the authenticator app and signs in again with it (docs/security.md, TOTP).
 */
export function LoginPage() {
  const login = useLogin();
  const navigate = useNavigate();
  const [needTotp, setNeedTotp] = useState(false);
  const error = login.error instanceof ApiError ? login.error : null;
  const askedForCode = error?.code === 'MFA_REQUIRED';
  // Why the previous session ended (idle timeout), until the next sign-in.
  const notice = sessionNotice();
  const submit = (v: LoginBody) => {
    const body: LoginBody = { username: v.username, password: v.password, ...(needTotp && v.totp ? { totp: v.totp.trim() } : {}) };
    login.mutate(body, {
      onSuccess: () => navigate('/'),
      onError: (e) => {
        if (e instanceof ApiError && (e.code === 'MFA_REQUIRED' || e.code === 'INVALID_TOTP')) setNeedTotp(true);
      },
    });
  };
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          Đăng nhập hệ thống Một cửa
        </Typography.Title>
        <Typography.Paragraph type="secondary">Biết xin chào, biết xin lỗi, biết cảm ơn.</Typography.Paragraph>
        {notice && !login.error && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
        {askedForCode ? (
          <Alert
            type="info"
            showIcon
            title="Tài khoản đã bật xác thực hai lớp: nhập mã 6 chữ số đang hiện trong ứng dụng xác thực trên điện thoại."
            style={{ marginBottom: 16 }}
          />
        ) : (
          login.error && <Alert type="error" showIcon title={login.error.message} style={{ marginBottom: 16 }} />
        )}
        <Form layout="vertical" onFinish={submit}>
          <Form.Item label="Tên đăng nhập" name="username" rules={[{ required: true, message: 'Nhập tên đăng nhập' }]}>
            <Input autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item label="Mật khẩu" name="password" rules={[{ required: true, message: 'Nhập mật khẩu' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {needTotp && (
            <Form.Item
              label={TOTP_LABEL}
              name="totp"
              rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: 'Nhập đủ 6 chữ số của mã xác thực' }]}
            >
              <Input autoFocus inputMode="numeric" autoComplete="one-time-code" maxLength={8} />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            Đăng nhập
          </Button>
        </Form>
      </Card>
    </main>
  );
}
