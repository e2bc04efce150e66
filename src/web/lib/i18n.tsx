/**
 * UI language: Chinese first, English available. Texts live here by key; field names of 附件1 come from
 * shared/filing/labels.ts (Chinese) and FIELD_LABELS_EN below. Validation messages are the shared module's (Chinese).
 */
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { FIELD_LABELS, type FieldPath } from '../../shared/filing/labels.js';
import { addCatalog, type Catalog, createI18n, LANG_COOKIE } from '../../shared/i18n/index.js';
import { commonCatalog } from '../../shared/i18n/locales/common.js';

/**
 * The app's one i18next instance. New pages take their texts from a catalog (`shared/i18n/locales/<ns>.ts`) with
 * `useCatalog(catalog)`; the `t` object and `useMessages` below are the older way, still used by earlier pages.
 */
export const i18n = createI18n(
  typeof localStorage !== 'undefined' && localStorage.getItem('vcp.lang') === 'en' ? 'en' : 'zh-CN',
  [commonCatalog],
);

/** Registers a feature's catalog (in the feature's own chunk) and returns its `t`. */
export function useCatalog<T extends Catalog>(catalog: T) {
  addCatalog(i18n, catalog);
  return useTranslation(catalog.ns);
}

export type Lang = 'zh' | 'en';

const zh = {
  appName: '漏洞收集平台备案管理系统',
  appShort: '漏洞收集平台备案',
  regulation: '依据《网络产品安全漏洞收集平台备案管理办法》',
  login: '登录',
  register: '注册',
  logout: '退出登录',
  email: '电子邮箱',
  password: '密码',
  passwordHint: '至少 10 个字符，须同时包含字母和数字',
  displayName: '称呼（选填）',
  noAccount: '还没有账号？',
  haveAccount: '已有账号？',
  registerNow: '立即注册',
  loginNow: '去登录',
  myFilings: '我的备案',
  newFiling: '新建备案',
  platformName: '平台名称',
  status: '状态',
  filingNumber: '备案编号',
  updatedAt: '更新时间',
  dueDate: '审核截止',
  actions: '操作',
  edit: '继续填写',
  view: '查看',
  emptyFilings: '还没有备案。漏洞收集平台应在上线前完成备案。',
  unnamed: '（未命名平台）',
  saving: '保存中…',
  savedAt: '已保存',
  unsaved: '有未保存的修改',
  saveFailed: '保存失败',
  prev: '上一步',
  next: '下一步',
  submit: '提交备案',
  submitting: '提交中…',
  leaveWarning: '有修改尚未保存，确定离开吗？',
  stay: '留在此页',
  leave: '离开',
  forbiddenTitle: '无权访问',
  forbidden: '该备案不属于您的账号，无法查看。',
  notFound: '未找到该页面或备案。',
  backToList: '返回我的备案',
  provisional: '暂定',
  workingDaysLeft: (n: number) => (n >= 0 ? `剩余 ${n} 个工作日` : `已超期 ${-n} 个工作日`),
  language: 'English',
  dashboard: '工作台',
  reviewQueue: '审核队列',
  complaintHandling: '投诉处理',
  deliveries: '通报记录',
  messages: '消息',
  unreadMessages: (n: number) => `消息，${n} 条未读`,
  staffOnly: '此页面仅供审核人员使用。',
  adminOnly: '此页面仅供管理员使用。',
  backHome: '返回首页',
};

type Messages = typeof zh;

const en: Messages = {
  appName: 'Vulnerability Collection Platform Filing',
  appShort: 'VCP Filing',
  regulation: 'Under the Measures for the Filing of Vulnerability Collection Platforms',
  login: 'Sign in',
  register: 'Register',
  logout: 'Sign out',
  email: 'Email',
  password: 'Password',
  passwordHint: 'At least 10 characters, with letters and digits',
  displayName: 'Name (optional)',
  noAccount: 'No account yet?',
  haveAccount: 'Have an account?',
  registerNow: 'Register',
  loginNow: 'Sign in',
  myFilings: 'My filings',
  newFiling: 'New filing',
  platformName: 'Platform',
  status: 'Status',
  filingNumber: 'Filing number',
  updatedAt: 'Updated',
  dueDate: 'Review due',
  actions: 'Actions',
  edit: 'Continue',
  view: 'View',
  emptyFilings: 'No filings yet. A platform must be filed before it goes live.',
  unnamed: '(unnamed platform)',
  saving: 'Saving…',
  savedAt: 'Saved',
  unsaved: 'Unsaved changes',
  saveFailed: 'Save failed',
  prev: 'Back',
  next: 'Next',
  submit: 'Submit',
  submitting: 'Submitting…',
  leaveWarning: 'You have unsaved changes. Leave anyway?',
  stay: 'Stay',
  leave: 'Leave',
  forbiddenTitle: 'Access denied',
  forbidden: 'This filing does not belong to your account.',
  notFound: 'Page or filing not found.',
  backToList: 'Back to my filings',
  provisional: 'provisional',
  workingDaysLeft: (n: number) => (n >= 0 ? `${n} working days left` : `${-n} working days overdue`),
  language: '中文',
  dashboard: 'Dashboard',
  reviewQueue: 'Review queue',
  complaintHandling: 'Complaints',
  deliveries: 'Deliveries',
  messages: 'Messages',
  unreadMessages: (n: number) => `Messages, ${n} unread`,
  staffOnly: 'This page is for review staff only.',
  adminOnly: 'This page is for administrators only.',
  backHome: 'Back to home',
};

export const FIELD_LABELS_EN: Record<FieldPath, string> = {
  'platform.name': 'Platform name',
  'platform.homepageUrl': 'Homepage URL',
  'platform.icpNumber': 'ICP filing number',
  'platform.publishesVulnerabilities': 'Publishes vulnerabilities',
  'platform.publishUrls': 'Publishing URLs',
  'platform.socialAccounts': 'Social media accounts',
  'sponsor.name': 'Sponsor name',
  'sponsor.type': 'Sponsor type',
  'sponsor.idNumber': 'ID / credit code',
  'people.principal': 'Principal',
  'people.principal.name': 'Principal name',
  'people.principal.mobile': 'Principal mobile',
  'people.principal.email': 'Principal email',
  'people.contact': 'Contact',
  'people.contact.name': 'Contact name',
  'people.contact.mobile': 'Contact mobile',
  'people.contact.email': 'Contact email',
  'capital.registeredCapital': 'Registered capital (10k)',
  'capital.currency': 'Currency',
  'capital.shareholders': 'Shareholders',
  'rules.collectionScope': 'Collection scope and method',
  'rules.verification': 'Verification and assessment rules',
  'rules.notification': 'Notification rules',
  'rules.publication': 'Publication rules',
  'rules.identityVerification': 'User identity verification rules',
  'rules.classification': 'Classification rules',
  'mlps.certificateNumber': 'MLPS filing certificate no.',
  'mlps.level': 'MLPS level',
  management: 'Platform management',
  commitment: 'Commitment letter',
  other: 'Other information',
  'operation.alreadyOnline': 'Already online',
  'operation.launchDate': 'Launch date',
  'attachments.equity_proof': 'Proof of capital and equity',
  'attachments.mlps_proof': 'MLPS filing proof',
  'attachments.commitment_letter': 'Signed commitment letter',
};

interface I18n {
  lang: Lang;
  t: Messages;
  label: (field: FieldPath) => string;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({
  lang,
  setLang,
  children,
}: {
  lang: Lang;
  setLang: (l: Lang) => void;
  children: ReactNode;
}) {
  const value = useMemo<I18n>(
    () => ({
      lang,
      t: lang === 'en' ? en : zh,
      label: (f) => (lang === 'en' ? FIELD_LABELS_EN[f] : FIELD_LABELS[f]),
      setLang,
    }),
    [lang, setLang],
  );
  useEffect(() => {
    void i18n.changeLanguage(lang === 'en' ? 'en' : 'zh-CN');
  }, [lang]);
  return (
    <I18nextProvider i18n={i18n}>
      <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
    </I18nextProvider>
  );
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/**
 * A feature's own texts, in both languages, kept in the feature's chunk (so the first load does not carry the
 * staff console's words): `const m = useMessages(MESSAGES)`.
 */
export function useMessages<M>(dict: { zh: M; en: NoInfer<M> }): M {
  return useI18n().lang === 'en' ? dict.en : dict.zh;
}

export function useLangState(): [Lang, (l: Lang) => void] {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('vcp.lang') === 'en' ? 'en' : 'zh'));
  const setLang = (l: Lang) => {
    localStorage.setItem('vcp.lang', l);
    // The server-rendered public pages read the same choice (a fixed value: nothing to escape).
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser we serve
    document.cookie = `${LANG_COOKIE}=${l === 'en' ? 'en' : 'zh-CN'}; path=/; max-age=31536000; SameSite=Lax`;
    void i18n.changeLanguage(l === 'en' ? 'en' : 'zh-CN');
    document.documentElement.lang = l === 'en' ? 'en' : 'zh-CN';
    setLangState(l);
  };
  return [lang, setLang];
}
