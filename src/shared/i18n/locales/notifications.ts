/**
 * The messages page. A message is stored as a key of `notice` and its parameters (shared/notices.ts), rendered in
 * the UI's language; its Chinese title and body are stored too (the e-mail's subject and text). A row from before
 * keys were stored shows its stored body, named by its `kind` with the filing number its title ends with.
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
    itemLine: '{{n}}. {{field}}：{{message}}',
    moveLine: '· {{deadline}}“{{label}}”：{{before}} → {{after}}',
    provisional: '（暂定）',
    deadlineKind: {
      filing_review: '备案审核',
      change_review: '变更审核',
      change_deadline: '变更备案期限（第六条）',
      complaint: '投诉处理',
    },
    subject: { filing: '备案', change: '变更备案' },
    /** The messages by key (shared/notices.ts); the Chinese is also the stored text and the e-mail. */
    notice: {
      approved: {
        title: '备案已通过：{{number}}',
        body: '您提交的漏洞收集平台“{{name}}”已完成备案，备案编号 {{number}}。请在平台网站主页底部位置标明备案编号（《网络产品安全漏洞收集平台备案管理办法》第五条）。',
      },
      revoked: {
        title: '备案已被撤销：{{number}}',
        body: '漏洞收集平台“{{name}}”的备案（{{number}}）已被撤销。原因：{{reason}}\n公开信息显示为“已撤销”，备案编号不再使用。',
      },
      change_approved: {
        title: '变更备案已通过：{{number}}',
        body: '您的漏洞收集平台“{{name}}”的变更备案已通过，备案编号不变（{{number}}），现行备案信息为第 {{version}} 版（《网络产品安全漏洞收集平台备案管理办法》第六条）。',
      },
      correction_requested: {
        title: '备案信息需要补正',
        body: '{{summary}}\n{{items}}\n请登录系统修改后重新提交。',
      },
      change_correction_requested: {
        title: '变更备案信息需要补正',
        body: '{{summary}}\n{{items}}\n请登录系统修改后重新提交。',
      },
      deregistration_scheduled: {
        title: '已预约注销备案：{{number}}',
        body: '漏洞收集平台“{{name}}”的备案将于 {{date}} 0 时（北京时间）注销。在此之前您可以取消预约；注销后备案编号不再使用。',
      },
      deregistered: {
        title: '备案已注销：{{number}}',
        body: '漏洞收集平台“{{name}}”的备案已于 {{date}} 注销（《网络产品安全漏洞收集平台备案管理办法》第七条）。备案编号 {{number}} 不再使用，公开信息显示为“已注销”。{{changeCancelled}}',
        changeCancelled: '尚未完成的变更备案已一并取消。',
      },
      complaint_interview: {
        title: '约谈通知：{{number}}',
        body: '因收到与漏洞收集平台“{{name}}”有关的投诉举报并经核查属实，现约谈贵单位。\n{{instructions}}',
      },
      complaint_rectify: {
        title: '责令整改通知：{{number}}',
        body: '经核查，漏洞收集平台“{{name}}”（{{number}}）存在以下问题，现责令整改：\n{{instructions}}\n\n问题类别：{{category}}',
      },
      homepage_number_missing: {
        title: '平台首页底部未展示备案编号',
        body: '依据《网络产品安全漏洞收集平台备案管理办法》第五条，平台应在首页底部展示备案编号。系统连续 {{misses}} 次检查（最近一次 {{checkedAt}}）未在 {{url}} 底部找到编号 {{number}}。请在首页页脚加入以下代码：\n{{snippet}}',
      },
      deadline_recounted: {
        title: '{{deadline}}期限已按 {{year}} 年日历重新计算',
        body: '“{{label}}”的{{deadline}}期限由 {{before}} 改为 {{after}}：国务院办公厅公布了 {{year}} 年的节假日安排，期限已按工作日重新计算。',
      },
      deadline_recounted_staff: {
        title: '{{count}} 个期限已按 {{year}} 年日历重新计算',
        body: '{{year}} 年的节假日安排已录入，以下期限已重新计算：\n{{moves}}',
      },
      reminder_duty_open: {
        title: '请在 30 日内提交变更备案',
        body: '“{{label}}”的备案信息已发生变化：依第六条，应在 {{due}} 前提交变更备案。',
      },
      reminder_duty_soon: {
        title: '请在 30 日内提交变更备案',
        body: '“{{label}}”的变更备案须在 {{due}} 前提交，还剩 {{left}} 天（第六条）。',
      },
      reminder_duty_passed: {
        title: '变更备案已逾期',
        body: '“{{label}}”的变更备案期限 {{due}} 已过（第六条）：请尽快提交，审核人员会看到逾期标记。',
      },
      reminder_overdue: {
        title: '{{deadline}}已超期',
        body: '{{deadline}}“{{label}}”已超过期限 {{due}}，超期 {{days}} 个工作日。',
      },
      reminder_due_soon: {
        title: '{{deadline}}即将到期',
        body: '{{deadline}}“{{label}}”的期限是 {{due}}，还剩 {{days}} 个工作日。',
      },
      reminder_correction: {
        title: '补正通知尚未处理',
        body: '“{{label}}”的{{subject}}已于 {{age}} 天前收到补正通知，请按通知修改后重新提交。',
      },
      reminder_coverage: {
        title: '{{year}} 年节假日安排尚未录入',
        body: '{{deadlines}} 个未结期限涉及 {{year}} 年（最早 {{earliest}}），暂按周末计算、标为暂定：请管理员录入国务院办公厅公布的 {{year}} 年节假日安排。',
      },
    },
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
    itemLine: '{{n}}. {{field}}: {{message}}',
    moveLine: '· {{deadline}} “{{label}}”: {{before}} → {{after}}',
    provisional: ' (provisional)',
    deadlineKind: {
      filing_review: 'Filing review',
      change_review: 'Change review',
      change_deadline: 'Change filing deadline (Article 6)',
      complaint: 'Complaint handling',
    },
    subject: { filing: 'filing', change: 'change filing' },
    notice: {
      approved: {
        title: 'Filing approved: {{number}}',
        body: 'Your vulnerability collection platform “{{name}}” is filed, with the filing number {{number}}. Show the filing number at the bottom of the platform’s homepage (Article 5 of the Measures).',
      },
      revoked: {
        title: 'Filing revoked: {{number}}',
        body: 'The filing of the vulnerability collection platform “{{name}}” ({{number}}) has been revoked. Reason: {{reason}}\nThe public record shows it as revoked; the filing number is no longer used.',
      },
      change_approved: {
        title: 'Change approved: {{number}}',
        body: 'The change filing of your vulnerability collection platform “{{name}}” is approved. The filing number stays {{number}}; the filing information in force is version {{version}} (Article 6 of the Measures).',
      },
      correction_requested: {
        title: 'The filing needs correcting',
        body: '{{summary}}\n{{items}}\nSign in, correct the filing and submit it again.',
      },
      change_correction_requested: {
        title: 'The change needs correcting',
        body: '{{summary}}\n{{items}}\nSign in, correct the change and submit it again.',
      },
      deregistration_scheduled: {
        title: 'Deregistration scheduled: {{number}}',
        body: 'The filing of the vulnerability collection platform “{{name}}” will be deregistered on {{date}} at 00:00 (Beijing time). You can cancel until then; after deregistration the filing number is no longer used.',
      },
      deregistered: {
        title: 'Filing deregistered: {{number}}',
        body: 'The filing of the vulnerability collection platform “{{name}}” was deregistered on {{date}} (Article 7 of the Measures). The filing number {{number}} is no longer used; the public record shows it as deregistered. {{changeCancelled}}',
        changeCancelled: 'The change filing in progress was cancelled with it.',
      },
      complaint_interview: {
        title: 'Interview notice: {{number}}',
        body: 'A complaint about the vulnerability collection platform “{{name}}” was received and verified: your organisation is summoned to an interview.\n{{instructions}}',
      },
      complaint_rectify: {
        title: 'Rectification order: {{number}}',
        body: 'Verification found the following problems with the vulnerability collection platform “{{name}}” ({{number}}); you are ordered to rectify them:\n{{instructions}}\n\nCategory: {{category}}',
      },
      homepage_number_missing: {
        title: 'The filing number is not shown at the bottom of the homepage',
        body: 'Under Article 5 of the Measures, a platform must show its filing number at the bottom of its homepage. In {{misses}} checks in a row (the last at {{checkedAt}}) the number {{number}} was not found at the bottom of {{url}}. Add this code to the homepage footer:\n{{snippet}}',
      },
      deadline_recounted: {
        title: '{{deadline}} deadline recounted on the {{year}} calendar',
        body: 'The {{deadline}} deadline of “{{label}}” moved from {{before}} to {{after}}: the State Council published the {{year}} holidays, and the deadline was recounted in working days.',
      },
      deadline_recounted_staff: {
        title: 'Deadlines recounted on the {{year}} calendar: {{count}}',
        body: 'The {{year}} holidays are in the calendar; these deadlines were recounted:\n{{moves}}',
      },
      reminder_duty_open: {
        title: 'Submit a change filing within 30 days',
        body: 'The filing information of “{{label}}” has changed: under Article 6, submit a change filing by {{due}}.',
      },
      reminder_duty_soon: {
        title: 'Submit a change filing within 30 days',
        body: 'The change filing of “{{label}}” is due by {{due}}: {{left}} days left (Article 6).',
      },
      reminder_duty_passed: {
        title: 'The change filing is overdue',
        body: 'The change filing of “{{label}}” was due by {{due}} (Article 6): submit it as soon as possible; reviewers will see it marked overdue.',
      },
      reminder_overdue: {
        title: '{{deadline}} overdue',
        body: '{{deadline}} “{{label}}” passed its deadline {{due}} by {{days}} working days.',
      },
      reminder_due_soon: {
        title: '{{deadline}} due soon',
        body: '{{deadline}} “{{label}}” is due {{due}}: {{days}} working days left.',
      },
      reminder_correction: {
        title: 'A correction notice is waiting',
        body: 'The {{subject}} “{{label}}” received a correction notice {{age}} days ago: correct it as the notice says and submit it again.',
      },
      reminder_coverage: {
        title: 'The {{year}} holidays are not in the calendar',
        body: '{{deadlines}} open deadlines fall in {{year}} (the earliest {{earliest}}) and are counted with weekends only, marked provisional: an admin should enter the State Council’s {{year}} holiday schedule.',
      },
    },
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
