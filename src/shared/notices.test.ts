/**
 * Every notification key has a title and a body in Chinese and in English; rendered, no `{{…}}` is left, the English
 * has no Chinese outside the data it quotes, and a correction names each field as well as the reason.
 */
import { describe, expect, it } from 'vitest';
import { notificationsCatalog } from './i18n/locales/notifications.js';
import {
  catalogText,
  NOTICE_KEYS,
  type NoticeMessage,
  type NoticeSegment,
  notice,
  noticeBodyText,
  notices,
  renderNotice,
} from './notices.js';
import { fieldName } from './validation/issues.js';

const locale = (lang: 'zh-CN' | 'en') => ({
  lang,
  raw: (key: string) => catalogText(notificationsCatalog.resources[lang], key),
  field: (path: string) => fieldName(path, lang),
});

const due = { due: '2027-01-05', provisional: true };
/** Every parameter any text names, with Chinese data where data may be Chinese. */
const PARAMS = {
  name: '示例漏洞平台',
  number: '工信漏备202600001号',
  reason: '主办单位已注销',
  instructions: '请于 10 个工作日内整改',
  summary: '请补正以下内容',
  items: [{ field: 'platform.icpNumber', message: 'ICP备案号与主办单位不一致' }],
  version: 2,
  date: '2026-12-31',
  changeCancelled: true,
  category: 'false_info',
  misses: 3,
  checkedAt: '2026-12-03T06:05:00Z',
  url: 'https://vcp.example.cn/',
  snippet: '<a href="https://x.example/">工信漏备202600001号</a>',
  deadline: 'change_deadline',
  label: '示例漏洞平台',
  before: { due: '2026-12-30', provisional: true },
  after: { due: '2027-01-05', provisional: false },
  year: 2027,
  count: 1,
  moves: [{ deadline: 'filing_review', label: '示例漏洞平台', before: due, after: { ...due, provisional: false } }],
  due,
  left: 5,
  days: 2,
  subject: 'change',
  age: 7,
  deadlines: 4,
  earliest: '2027-01-04',
} satisfies NoticeMessage['params'];

const HAN = /\p{Script=Han}/u;
const outsideData = (lines: NoticeSegment[][]) =>
  lines
    .flat()
    .filter((s) => !s.data && !s.code)
    .map((s) => s.text)
    .join('');

describe('notifications by key', () => {
  it.each(NOTICE_KEYS)('%s reads in both languages', (key) => {
    for (const lang of ['zh-CN', 'en'] as const) {
      expect(catalogText(notificationsCatalog.resources[lang], `notice.${key}.title`), lang).toBeTruthy();
      expect(catalogText(notificationsCatalog.resources[lang], `notice.${key}.body`), lang).toBeTruthy();
      const r = renderNotice(notice(key, PARAMS), locale(lang));
      expect(`${r.title}\n${noticeBodyText(r)}`).not.toContain('{{');
      if (lang === 'en') {
        // The title names the filing by its number, which is data.
        expect(r.title.split(PARAMS.number).join(''), key).not.toMatch(HAN);
        expect(outsideData(r.lines), key).not.toMatch(HAN);
      }
    }
  });

  it('names the fields of a correction, with the reasons as data', () => {
    const m = notices.correction(false, {
      summary: '请补正',
      items: [
        { field: 'platform.icpNumber', message: 'ICP备案号与主办单位不一致' },
        { field: 'people.contact.mobile', message: '无法接通' },
      ],
    });
    const zh = renderNotice(m, locale('zh-CN'));
    expect(noticeBodyText(zh)).toBe(
      '请补正\n1. ICP备案号：ICP备案号与主办单位不一致\n2. 联系人手机号码：无法接通\n请登录系统修改后重新提交。',
    );
    const en = renderNotice(m, locale('en'));
    expect(en.title).toBe('The filing needs correcting');
    expect(en.lines[1]).toEqual([
      { text: '1' },
      { text: '. ' },
      { text: 'ICP filing number' },
      { text: ': ' },
      { text: 'ICP备案号与主办单位不一致', data: true },
    ]);
  });

  it('writes dates and optional sentences as the locale says', () => {
    const m = notices.deregistered({ name: 'P', number: 'N', date: '2026-12-31', changeCancelled: false });
    const en = renderNotice(m, { ...locale('en'), date: (d) => `<${d}>` });
    expect(noticeBodyText(en)).toContain('deregistered on <2026-12-31>');
    expect(noticeBodyText(en)).not.toContain('cancelled with it');
    const zh = renderNotice({ ...m, params: { ...m.params, changeCancelled: true } }, locale('zh-CN'));
    expect(noticeBodyText(zh)).toContain('尚未完成的变更备案已一并取消。');
    const staff = notices.deadlineRecountedStaff({
      year: 2027,
      count: 1,
      moves: [{ deadline: 'complaint', label: 'X', before: due, after: { ...due, provisional: false } }],
    });
    expect(noticeBodyText(renderNotice(staff, locale('zh-CN')))).toContain(
      '· 投诉处理“X”：2027-01-05（暂定） → 2027-01-05',
    );
  });
});
