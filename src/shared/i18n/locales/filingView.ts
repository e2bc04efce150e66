/**
 * Texts of the one view of a filing's form (web/components/filing): the confirmation step and the review page, the
 * correction notice the applicant sees (status page and editor), and the attachment row.
 */
import { defineCatalog } from '../index.js';

export const filingViewCatalog = defineCatalog(
  'filingView',
  {
    sections: {
      platform: '平台信息',
      sponsor: '主办者',
      people: '主要负责人和联系人',
      capital: '注册资本和股权结构',
      rules: '漏洞管理相关规则',
      mlps: '等级保护与平台管理',
    },
    notFilled: '未填写',
    yes: '是',
    no: '否',
    uscc: '统一社会信用代码',
    idNumber: '有效证件号码',
    idConfirmed: '申请人已确认与营业执照一致（校验位与国家标准不符）',
    registeredCapital: '注册资本',
    capitalValue: '{{amount}} 万元（{{currency}}）',
    level: '{{level}} 级',
    currencies: { CNY: '人民币', USD: '美元', EUR: '欧元', HKD: '港元', JPY: '日元', GBP: '英镑' },
    shareholder: '股东',
    percent: '持股比例（%）',
    correction: {
      title: '补正通知（{{date}}）',
      fixed: '已修改',
      fixNext: '请按上述意见修改被标记的字段，然后在“确认提交”步骤重新提交。',
      fix: '补正',
      sep: '：',
    },
    file: {
      fingerprint: '文件指纹',
      fingerprintHint: '系统为每个文件计算的校验码（SM3 摘要），用于证明文件上传后未被改动：{{sm3}}',
      uploadedAt: '上传于 {{date}}',
    },
  },
  {
    sections: {
      platform: 'Platform',
      sponsor: 'Sponsor',
      people: 'Principal and contact',
      capital: 'Registered capital and shareholders',
      rules: 'Vulnerability rules',
      mlps: 'MLPS and platform management',
    },
    notFilled: 'Not filled in',
    yes: 'Yes',
    no: 'No',
    uscc: 'Unified social credit code',
    idNumber: 'ID number',
    idConfirmed: 'Confirmed by the applicant as on the business licence (check character differs from the standard)',
    registeredCapital: 'Registered capital',
    capitalValue: '{{amount}} × 10,000 {{currency}}',
    level: 'Level {{level}}',
    currencies: {
      CNY: 'Chinese yuan',
      USD: 'US dollars',
      EUR: 'euros',
      HKD: 'Hong Kong dollars',
      JPY: 'Japanese yen',
      GBP: 'pounds sterling',
    },
    shareholder: 'Shareholder',
    percent: 'Share (%)',
    correction: {
      title: 'Correction notice ({{date}})',
      fixed: 'Changed',
      fixNext: 'Change the marked fields as asked, then submit again from the "Review & submit" step.',
      fix: 'Correct',
      sep: ': ',
    },
    file: {
      fingerprint: 'File fingerprint',
      fingerprintHint: 'A check code (SM3 digest) of the file, proving it has not changed since upload: {{sm3}}',
      uploadedAt: 'Uploaded {{date}}',
    },
  },
);
