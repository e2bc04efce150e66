/**
 * The applicant's messages page. A message's title is stored in Chinese when the event happens (it is also the
 * e-mail's subject); the page names each message by its `kind` in the UI's language, with the filing number the
 * stored title ends with. The body is the authority's words (a reviewer's reason, a measure) and is shown as sent.
 */
import { defineCatalog } from '../index.js';

export const notificationsCatalog = defineCatalog(
  'notifications',
  {
    title: '消息',
    empty: '暂无消息',
    unread: '未读',
    markRead: '标为已读',
    markAllRead: '全部标为已读',
    openFiling: '查看备案',
    unreadCount: '{{count}} 条未读',
    bodyNote: '以下为审核机关的原文',
    kind: {
      homepage_number_missing: '平台首页底部未展示备案编号',
      approved: '备案已通过',
      revoked: '备案已被撤销',
      change_approved: '变更备案已通过',
      change_correction_requested: '变更备案信息需要补正',
      deregistration_scheduled: '已预约注销备案',
      deregistered: '备案已注销',
      complaint_interview: '约谈通知',
      complaint_rectify: '责令整改通知',
      correction_requested: '备案信息需要补正',
    },
  },
  {
    title: 'Messages',
    empty: 'No messages',
    unread: 'Unread',
    markRead: 'Mark as read',
    markAllRead: 'Mark all as read',
    openFiling: 'Open filing',
    unreadCount: '{{count}} unread',
    bodyNote: 'The authority’s message, as sent (in Chinese)',
    kind: {
      homepage_number_missing: 'The filing number is not shown at the bottom of the homepage',
      approved: 'Filing approved',
      revoked: 'Filing revoked',
      change_approved: 'Change approved',
      change_correction_requested: 'The change needs correcting',
      deregistration_scheduled: 'Deregistration scheduled',
      deregistered: 'Filing deregistered',
      complaint_interview: 'Interview notice',
      complaint_rectify: 'Rectification order',
      correction_requested: 'The filing needs correcting',
    },
  },
);
