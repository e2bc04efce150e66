/** The applicant's messages: newest first, unread ones marked, each leading to its filing. */
import { Badge, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { paths } from '../../../config/paths.js';
import { formatDateTime } from '../../../lib/format.js';
import { useMessages } from '../../../lib/i18n.js';
import { type Notification, useMarkRead, useNotifications } from '../api/notifications.js';

const MESSAGES = {
  zh: {
    title: '消息',
    empty: '暂无消息',
    unread: '未读',
    markRead: '标为已读',
    markAllRead: '全部标为已读',
    openFiling: '查看备案',
    unreadCount: (n: number) => `${n} 条未读`,
  },
  en: {
    title: 'Messages',
    empty: 'No messages',
    unread: 'Unread',
    markRead: 'Mark as read',
    markAllRead: 'Mark all as read',
    openFiling: 'Open filing',
    unreadCount: (n: number) => `${n} unread`,
  },
};

export function NotificationsPage() {
  const m = useMessages(MESSAGES);
  const list = useNotifications();
  const markRead = useMarkRead();
  const unread = (list.data?.items ?? []).filter((n) => !n.read);
  return (
    <Card
      title={
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {m.title}
          </Typography.Title>
          {unread.length > 0 && <Tag color="red">{m.unreadCount(unread.length)}</Tag>}
        </Space>
      }
      extra={
        unread.length > 0 && (
          <Button
            onClick={() => {
              for (const n of unread) markRead.mutate(n.id);
            }}
          >
            {m.markAllRead}
          </Button>
        )
      }
    >
      <List<Notification>
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={m.empty} /> }}
        renderItem={(n) => (
          <List.Item
            data-testid="notification"
            actions={[
              ...(n.filingId
                ? [
                    <Link key="open" to={paths.filing(n.filingId)} onClick={() => !n.read && markRead.mutate(n.id)}>
                      {m.openFiling}
                    </Link>,
                  ]
                : []),
              ...(!n.read
                ? [
                    <Button key="read" size="small" onClick={() => markRead.mutate(n.id)}>
                      {m.markRead}
                    </Button>,
                  ]
                : []),
            ]}
          >
            <List.Item.Meta
              avatar={<Badge status={n.read ? 'default' : 'processing'} aria-label={n.read ? undefined : m.unread} />}
              title={<Typography.Text strong={!n.read}>{n.title}</Typography.Text>}
              description={
                <>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                    {n.body}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
