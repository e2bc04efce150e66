/** Texts of the applicant's after-approval actions (Articles 6, 7): change filing and deregistration. */
import { defineCatalog } from '../index.js';

export const lifecycleCatalog = defineCatalog(
  'lifecycle',
  {
    title: '备案变更与注销',
    intro:
      '备案信息发生变化的，应在变化之日起 30 日内申请变更备案（第六条）；停止漏洞收集业务的，应在业务终止之日申请注销备案（第七条）。',
    startChange: '申请变更备案',
    deregister: '申请注销备案',
    cancel: '取消',
    close: '关闭',
    change: {
      title: '申请变更备案',
      explain:
        '依据第六条，备案信息发生变化的，应当自变化之日起 30 日内申请变更备案。变更审核期间，现行有效的备案信息继续公开且不变，审核通过后才更新。',
      changeDate: '信息发生变化之日',
      changeDateHelp: '今天或更早的日期；期限自该日起计算 30 日，末日为休息日的顺延。',
      submit: '开始变更',
      started: '已创建变更草稿',
      open: '有一项变更备案正在办理：{{status}}',
      openDetail: '变化之日 {{changeDate}}，变更期限 {{deadline}}。',
      late: '已超过变更期限，将标记为逾期变更',
      cancel: '取消变更',
      cancelConfirm: '取消后这项变更作废，现行备案信息不受影响。确定取消？',
      cancelled: '已取消变更',
      continue: '继续填写变更',
    },
    dereg: {
      title: '申请注销备案',
      explain:
        '依据第七条，漏洞收集平台终止漏洞收集业务的，应当在业务终止之日申请注销备案。注销后，公开信息显示为“已注销”，并通报公安部和国家网信办；备案编号不再使用，也不会再发放给其他平台；进行中的变更将被取消。',
      terminationDate: '业务终止之日',
      terminationDateHelp:
        '今天或更早：立即注销（晚于终止之日申请的标记为逾期）；将来的日期：于当日 0 时（北京时间）自动注销，之前可以取消。',
      reason: '注销原因（选填）',
      confirm: '我已了解注销的后果，确认申请注销备案',
      confirmRequired: '请勾选确认',
      submit: '确认注销',
      doneNow: '已注销备案',
      scheduledOk: '已预约注销：{{date}} 0 时（北京时间）',
      scheduled: '已预约注销：业务终止之日 {{date}}，将于当日 0 时（北京时间）注销',
      scheduledHelp: '在此之前可以取消预约，备案继续有效。',
      cancel: '取消预约注销',
      cancelConfirm: '取消后备案继续有效。确定取消预约注销？',
      cancelled: '已取消预约注销',
      done: '本备案已于 {{date}} 注销',
      lateNote: '晚于业务终止之日申请，标记为逾期注销',
    },
    required: '请选择日期',
  },
  {
    title: 'Changes and deregistration',
    intro:
      'If the filed information changes, apply for a change within 30 days of the change (Article 6); if the platform stops collecting vulnerabilities, apply for deregistration on the day it stops (Article 7).',
    startChange: 'Apply for a change',
    deregister: 'Apply for deregistration',
    cancel: 'Cancel',
    close: 'Close',
    change: {
      title: 'Apply for a change',
      explain:
        'Under Article 6, when the filed information changes, a change must be applied for within 30 days of the change. While the change is under review, the current record stays public and unchanged; it is updated only after approval.',
      changeDate: 'Day the information changed',
      changeDateHelp:
        'Today or earlier; the 30-day deadline runs from that day and moves to the next working day if it ends on a rest day.',
      submit: 'Start the change',
      started: 'Change draft created',
      open: 'A change is in progress: {{status}}',
      openDetail: 'Changed on {{changeDate}}, due by {{deadline}}.',
      late: 'Past the change deadline: it will be marked late',
      cancel: 'Cancel the change',
      cancelConfirm: 'The change will be discarded; the current record is not affected. Cancel it?',
      cancelled: 'Change cancelled',
      continue: 'Continue the change',
    },
    dereg: {
      title: 'Apply for deregistration',
      explain:
        'Under Article 7, a platform that stops collecting vulnerabilities must apply for deregistration on the day it stops. After deregistration the public record shows "Deregistered" and the Ministry of Public Security and the Cyberspace Administration are notified; the filing number is retired and never issued to another platform; a change in progress is cancelled.',
      terminationDate: 'Day the business ends',
      terminationDateHelp:
        'Today or earlier: deregistered at once (applying after that day is marked late). A future day: deregistered automatically at 00:00 China time that day; you may cancel before then.',
      reason: 'Reason (optional)',
      confirm: 'I understand the consequences and apply for deregistration',
      confirmRequired: 'Please tick to confirm',
      submit: 'Deregister',
      doneNow: 'Filing deregistered',
      scheduledOk: 'Deregistration scheduled: {{date}} 00:00 China time',
      scheduled: 'Deregistration scheduled: business ends {{date}}, deregistered at 00:00 China time that day',
      scheduledHelp: 'Until then you may cancel it and the filing stays valid.',
      cancel: 'Cancel the scheduled deregistration',
      cancelConfirm: 'The filing stays valid. Cancel the scheduled deregistration?',
      cancelled: 'Scheduled deregistration cancelled',
      done: 'This filing was deregistered on {{date}}',
      lateNote: 'Applied after the day the business ended: marked late',
    },
    required: 'Please pick a date',
  },
);
