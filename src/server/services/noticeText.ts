/**
 * A notification's Chinese title and body (shared/notices.ts rendered from the notifications catalog): what is
 * stored beside the message's key for older clients and what the e-mail says.
 */
import { notificationsCatalog } from '../../shared/i18n/locales/notifications.js';
import { catalogText, type NoticeMessage, noticeBodyText, renderNotice } from '../../shared/notices.js';
import { fieldName } from '../../shared/validation/issues.js';

export function noticeInChinese(m: NoticeMessage): { title: string; body: string } {
  const zh = notificationsCatalog.resources['zh-CN'];
  const rendered = renderNotice(m, {
    lang: 'zh-CN',
    raw: (key) => catalogText(zh, key),
    field: (path) => fieldName(path, 'zh-CN'),
  });
  return { title: rendered.title, body: noticeBodyText(rendered) };
}
