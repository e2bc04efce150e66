/** The public site's frame (header, navigation, footer, the 404 page): every server-rendered page shares it. */
import { defineCatalog } from '../index.js';

export const siteCatalog = defineCatalog(
  'site',
  {
    skip: '跳到正文',
    feed: '公示事项订阅',
    nav: {
      label: '主导航',
      home: '首页',
      search: '备案查询',
      guide: '办事指南',
      selfCheck: '是否需要备案',
      complaints: '投诉举报',
      openData: '开放数据',
      apply: '申请人登录',
    },
    switchLanguage: 'English',
    footer: {
      label: '网站信息',
      basis: '依据《网络产品安全漏洞收集平台备案管理办法》第五条向社会公布备案信息。',
      disclaimer: '备案不代表对平台的认可或担保，平台对其收集、发布漏洞信息的行为依法承担责任。',
      links: '网站导航',
      api: '接口文档',
    },
    notFound: {
      title: '页面不存在',
      body: '没有找到 {{path}}。地址可能有误，或该页面已不存在。',
      back: '返回首页',
      search: '查询备案信息',
    },
  },
  {
    skip: 'Skip to content',
    feed: 'Public events feed',
    nav: {
      label: 'Main navigation',
      home: 'Home',
      search: 'Registry',
      guide: 'How to file',
      selfCheck: 'Do I need to file?',
      complaints: 'Complaints',
      openData: 'Open data',
      apply: 'Applicant sign-in',
    },
    switchLanguage: '中文',
    footer: {
      label: 'About this site',
      basis:
        'Filing information is published under Article 5 of the Measures for the Filing of Network Product Security Vulnerability Collection Platforms.',
      disclaimer:
        'A filing is not an endorsement or a guarantee of a platform; each platform answers for how it collects and publishes vulnerability information.',
      links: 'Site links',
      api: 'API documentation',
    },
    notFound: {
      title: 'Page not found',
      body: 'Nothing was found at {{path}}. The address may be wrong, or the page no longer exists.',
      back: 'Back to the home page',
      search: 'Search the registry',
    },
  },
);
