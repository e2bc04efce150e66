/** Texts of the applicant's status page of a filing and its documents card (Articles 4, 5), Chinese first. */
import { defineCatalog } from '../index.js';

export const filingStatusCatalog = defineCatalog(
  'filingStatus',
  {
    timeline: {
      created: '创建备案草稿',
      draftNext: '填写《备案登记表》，上传证明材料和签字盖章的承诺书扫描件，提交备案',
      submitted: '提交备案，收到日期 {{date}}',
      checking: '工业和信息化部核查备案信息',
      ifTrue: '信息真实、完整的，予以备案并发放备案编号，通报公安部和国家网信办，向社会公布',
      ifNot: '信息不真实、不完整的，通知补正',
      afterwards: '完成备案后，在平台网站主页底部标明备案编号',
      correction: '工业和信息化部通知补正',
      correctionNext: '按补正通知修改备案信息后重新提交，重新计算 10 个工作日的审核期限',
      approved: '予以备案，发放备案编号 {{number}}',
      published: '备案信息已通报公安部和国家网信办，并向社会公布',
      deregistered: '已注销备案',
      revoked: '备案已被撤销',
      withdrawn: '已撤回',
    },
    correction: {
      title: '补正通知（{{date}}）：请按以下意见修改后重新提交',
      fix: '修改并重新提交',
    },
    approved: {
      title: '已予以备案',
      number: '备案编号',
      dutyTitle: '请在平台网站主页底部标明备案编号',
      duty: '依据《网络产品安全漏洞收集平台备案管理办法》第五条，完成备案的漏洞收集平台应当在其网站主页{{home}}底部标明备案编号：',
      home: '（{{url}}）',
    },
    withdraw: {
      button: '撤回申请',
      confirm: '撤回后本次申请终止，确定撤回？',
      ok: '撤回',
      cancel: '取消',
      done: '已撤回',
    },
    details: {
      numberPending: '（审核通过后发放）',
      homepage: '网站首页',
      article8: '备案时限（第八条）',
      late: '逾期备案',
      remaining: '尚有 {{count}} 项待完善。',
    },
    documents: {
      title: '备案文书',
      registration: '下载登记表',
      certificate: '下载备案证明',
      privacy: '登记表（附件1）含主办者证件号码和人员联系方式，请妥善保管。',
      footerTitle: '请在网站主页底部位置标明备案编号（第五条）',
      footerHelp: '可将以下代码加入网站主页底部，备案编号链接到公示的备案信息：',
      copy: '复制代码',
      copied: '已复制',
    },
  },
  {
    timeline: {
      created: 'Draft created',
      draftNext:
        'Fill in the registration form, upload the proofs and the signed and sealed commitment letter, and submit',
      submitted: 'Submitted, received on {{date}}',
      checking: 'The Ministry of Industry and Information Technology checks the filing',
      ifTrue:
        'If it is true and complete: filed with a number, the Ministry of Public Security and the Cyberspace Administration are notified, and it is published',
      ifNot: 'If it is untrue or incomplete: a correction is requested',
      afterwards: 'Once filed, show the filing number at the bottom of the platform’s homepage',
      correction: 'The Ministry requested a correction',
      correctionNext: 'Correct the filing as requested and submit it again; the 10 working days of review start again',
      approved: 'Filed, number {{number}} issued',
      published:
        'The filing was sent to the Ministry of Public Security and the Cyberspace Administration, and published',
      deregistered: 'Deregistered',
      revoked: 'Filing revoked',
      withdrawn: 'Withdrawn',
    },
    correction: {
      title: 'Correction notice ({{date}}): correct the following and submit again',
      fix: 'Correct and resubmit',
    },
    approved: {
      title: 'Filed',
      number: 'Filing number',
      dutyTitle: 'Show the filing number at the bottom of the platform’s homepage',
      duty: 'Under Article 5 of the Measures, a filed platform must show its filing number at the bottom of its homepage{{home}}:',
      home: ' ({{url}})',
    },
    withdraw: {
      button: 'Withdraw',
      confirm: 'Withdrawing ends this application. Withdraw it?',
      ok: 'Withdraw',
      cancel: 'Cancel',
      done: 'Withdrawn',
    },
    details: {
      numberPending: '(issued on approval)',
      homepage: 'Homepage',
      article8: 'Filing deadline (Article 8)',
      late: 'Filed late',
      remaining: '{{count}} items still to complete.',
    },
    documents: {
      title: 'Documents',
      registration: 'Download the registration form',
      certificate: 'Download the filing certificate',
      privacy:
        'The registration form (Annex 1) holds the sponsor’s ID number and the people’s contact details: keep it safe.',
      footerTitle: 'Show the filing number at the bottom of the homepage (Article 5)',
      footerHelp: 'Add this code to the bottom of the homepage; the number links to the published record:',
      copy: 'Copy the code',
      copied: 'Copied',
    },
  },
);
