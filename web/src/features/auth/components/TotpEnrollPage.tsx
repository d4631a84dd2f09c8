import { Alert, Button, Card, Form, Input, QRCode, Space, Spin, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import type { Me } from '../../../lib/types.ts';
import { useLogout, useTotpEnable, useTotpSetup } from '../api/auth.ts';
import { TOTP_LABEL } from './LoginPage.tsx';

/**
 * Leaders and admins must use a second factor (docs/security.md, TOTP): until they enrol one, their
 * session may only do this. Shows a fresh secret (QR code and text), then confirms the first code.
 */
export function TotpEnrollPage({ me }: { me: Me }) {
  const setup = useTotpSetup();
  const enable = useTotpEnable();
  const logout = useLogout();
  const navigate = useNavigate();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    setup.mutate();
  }, [setup]);
  const secret = setup.data?.secret;
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: 480, maxWidth: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          Bật xác thực hai lớp
        </Typography.Title>
        <Typography.Paragraph>
          Xin chào {me.fullName}. Tài khoản lãnh đạo và quản trị phải dùng mã xác thực từ điện thoại trước khi làm việc.
        </Typography.Paragraph>
        <ol style={{ paddingInlineStart: 20 }}>
          <li>Cài một ứng dụng xác thực (Google Authenticator, Microsoft Authenticator, FreeOTP…).</li>
          <li>Quét mã QR dưới đây, hoặc nhập khóa bí mật bằng tay.</li>
          <li>Nhập mã 6 chữ số ứng dụng hiện ra rồi bấm “Xác nhận và bật”.</li>
        </ol>
        {setup.error && <Alert type="error" showIcon title={setup.error.message} style={{ marginBottom: 16 }} />}
        {!setup.data && !setup.error && <Spin aria-label="Đang tạo khóa bí mật" />}
        {setup.data && (
          <>
            <div style={{ marginBottom: 12 }}>
              <QRCode value={setup.data.otpauthUri} bordered={false} aria-label="Mã QR chứa khóa bí mật, quét bằng ứng dụng xác thực" />
            </div>
            <Typography.Paragraph>
              Khóa bí mật:{' '}
              <Typography.Text code copyable={{ text: secret }} data-testid="totp-secret">
                {secret}
              </Typography.Text>
            </Typography.Paragraph>
            <Typography.Paragraph>
              Trên điện thoại có thể mở thẳng địa chỉ:{' '}
              <a href={setup.data.otpauthUri} data-testid="totp-uri" style={{ wordBreak: 'break-all' }}>
                {setup.data.otpauthUri}
              </a>
            </Typography.Paragraph>
          </>
        )}
        {enable.error && <Alert type="error" showIcon title={enable.error.message} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={(v: { code: string }) => enable.mutate(v.code.trim(), { onSuccess: () => navigate('/') })}>
          <Form.Item label={TOTP_LABEL} name="code" rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: 'Nhập đủ 6 chữ số của mã xác thực' }]}>
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} disabled={!setup.data} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={enable.isPending} disabled={!setup.data}>
              Xác nhận và bật
            </Button>
            <Button onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/dang-nhap') })}>Đăng xuất</Button>
          </Space>
        </Form>
      </Card>
    </main>
  );
}
