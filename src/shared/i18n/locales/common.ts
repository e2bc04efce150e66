/** Texts every page shares (the app's name, the language switch), Chinese first. */
import { defineCatalog } from '../index.js';

export const commonCatalog = defineCatalog(
  'common',
  {
    appName: '漏洞收集平台备案管理系统',
    appShort: '漏洞收集平台备案',
    regulation: '依据《网络产品安全漏洞收集平台备案管理办法》',
    switchLanguage: 'English',
    languageName: '中文',
    navCalendar: '工作日日历',
  },
  {
    appName: 'Vulnerability Collection Platform Filing',
    appShort: 'VCP Filing',
    regulation: 'Under the Measures for the Filing of Network Product Security Vulnerability Collection Platforms',
    switchLanguage: '中文',
    languageName: 'English',
    navCalendar: 'Calendar',
  },
);
