import { Badge, Button, List, Popover, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { fmtDateTime } from '../../../lib/format.ts';
import { useMarkRead, useNotifications } from '../api/threeKhong.ts';

/** The in-app inbox (GET /api/notifications): deadline warnings, escalations, the daily digest, forms to sign. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const { data } = useNotifications();
  const mark = useMarkRead();
  const unread = data?.unread ?? 0;
  const content = (
    <div style={{ width: 380, maxHeight: 420, overflow: 'auto' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 8 }}>
        <Typography.Text strong>Thông báo ({unread} chưa đọc)</Typography.Text>
        <Button size="small" disabled={unread === 0} loading={mark.isPending && mark.variables === 'all'} onClick={() => mark.mutate('all')}>
          Đánh dấu tất cả đã đọc
        </Button>
      </Space>
      <List
        size="small"
        dataSource={data?.items ?? []}
        locale={{ emptyText: 'Chưa có thông báo.' }}
        renderItem={(n) => (
          <List.Item
            style={{ background: n.readAt ? undefined : '#f0f5ff' }}
            actions={n.readAt ? [] : [<Button key="r" size="small" type="link" onClick={() => mark.mutate(n.id)} aria-label={`Đã đọc: ${n.title}`}>Đã đọc</Button>]}
          >
            <div>
              <strong>{n.title}</strong>
              <div>{n.body}</div>
              <Typography.Text type="secondary">
                {fmtDateTime(n.createdAt)}
                {n.dossierCode && (
                  <>
                    {' · '}
                    <Link to={`/ho-so/${n.dossierCode}`} onClick={() => setOpen(false)}>
                      {n.dossierCode}
                    </Link>
                  </>
                )}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    </div>
  );
  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" content={content} placement="bottomRight">
      <Badge count={unread} size="small" color="#fff" style={{ color: '#a8071a' }}>
        <Button size="small" aria-label={`Thông báo, ${unread} chưa đọc`}>
          Thông báo
        </Button>
      </Badge>
    </Popover>
  );
}
