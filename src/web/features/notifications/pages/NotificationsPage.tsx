/**
 * The messages: newest first, unread ones marked, each leading to its filing. A message with a key is said in the
 * UI's language, the authority's and the applicant's own words in it marked as data; an older one shows its stored
 * Chinese text.
 */
import { Badge, Button, Card, Empty, Grid, List, Space, Tag, Typography } from 'antd';
import { Fragment } from 'react';
import { Link } from 'react-router';
import { notificationsCatalog } from '../../../../shared/i18n/locales/notifications.js';
import { type RenderedNotice, renderNotice } from '../../../../shared/notices.js';
import { paths } from '../../../config/paths.js';
import { formatDate, formatDateTime } from '../../../lib/format.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useLabels } from '../../../lib/labels.js';
import { type Notification, useMarkRead, useNotifications } from '../api/notifications.js';

/** The filing number a stored title ends with (`备案已通过：工信漏备…号`), to name it in any language. */
const numberOf = (title: string) => /[：:]\s*(\S+号)\s*$/.exec(title)?.[1];

/** A rendered body: the catalog's words as text, data marked (not translated), markup to copy as code. */
function NoticeBody({ rendered }: { rendered: RenderedNotice }) {
  return (
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }} data-testid="notification-body">
      {rendered.lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one text, never reordered
        <Fragment key={i}>
          {i > 0 && '\n'}
          {line.map((seg, j) =>
            seg.code ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: as above
              <Typography.Text code translate="no" key={j}>
                {seg.text}
              </Typography.Text>
            ) : seg.data ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: as above
              <span data-user-data key={j}>
                {seg.text}
              </span>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: as above
              <Fragment key={j}>{seg.text}</Fragment>
            ),
          )}
        </Fragment>
      ))}
    </Typography.Paragraph>
  );
}

export function NotificationsPage() {
  const { t, i18n } = useCatalog(notificationsCatalog);
  const labels = useLabels();
  const english = i18n.language === 'en';
  const lang = english ? 'en' : 'zh-CN';
  const rendered = (n: Notification): RenderedNotice | null =>
    n.message
      ? renderNotice(n.message, {
          lang,
          raw: (key) => {
            const text =
              i18n.getResource(lang, 'notifications', key) ?? i18n.getResource('zh-CN', 'notifications', key);
            return typeof text === 'string' ? text : undefined;
          },
          date: (d) => formatDate(d),
          dateTime: (d) => formatDateTime(d),
          field: labels.field,
        })
      : null;
  const titleOf = (n: Notification, r: RenderedNotice | null) => {
    if (r) return r.title;
    if (!english || !i18n.exists(`kind.${n.kind}`, { ns: 'notifications' })) return n.title;
    const number = numberOf(n.title);
    return number ? `${t(`kind.${n.kind}`)}: ${number}` : t(`kind.${n.kind}`);
  };
  const list = useNotifications();
  // On a phone the links go under the message: beside it they squeeze the text into a narrow column.
  const wide = !!Grid.useBreakpoint().md;
  const markRead = useMarkRead();
  const unread = (list.data?.items ?? []).filter((n) => !n.read);
  return (
    <Card
      title={
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          {unread.length > 0 && <Tag color="red">{t('unreadCount', { count: unread.length })}</Tag>}
        </Space>
      }
      extra={
        unread.length > 0 && (
          <Button
            onClick={() => {
              for (const n of unread) markRead.mutate(n.id);
            }}
          >
            {t('markAllRead')}
          </Button>
        )
      }
    >
      <List<Notification>
        loading={list.isPending}
        itemLayout={wide ? 'horizontal' : 'vertical'}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
        renderItem={(n) => {
          const r = rendered(n);
          return (
            <List.Item
              data-testid="notification"
              actions={[
                ...(n.filingId
                  ? [
                      <Link key="open" to={paths.filing(n.filingId)} onClick={() => !n.read && markRead.mutate(n.id)}>
                        {t('openFiling')}
                      </Link>,
                    ]
                  : []),
                ...(!n.read
                  ? [
                      <Button key="read" size="small" onClick={() => markRead.mutate(n.id)}>
                        {t('markRead')}
                      </Button>,
                    ]
                  : []),
              ]}
            >
              <List.Item.Meta
                avatar={
                  <Badge status={n.read ? 'default' : 'processing'} aria-label={n.read ? undefined : t('unread')} />
                }
                title={<Typography.Text strong={!n.read}>{titleOf(n, r)}</Typography.Text>}
                description={
                  <>
                    {r ? (
                      <NoticeBody rendered={r} />
                    ) : (
                      <Typography.Paragraph
                        style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}
                        lang="zh-CN"
                        data-user-data
                        title={english ? t('bodyNote') : undefined}
                      >
                        {n.body}
                      </Typography.Paragraph>
                    )}
                    <Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
