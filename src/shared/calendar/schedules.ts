/**
 * The State Council's yearly holiday schedules (国务院办公厅关于××年部分节假日安排的通知) as data.
 *
 * In production the schedules live in the database; these constants seed it and serve tests.
 *
 * `holidays` lists every day off of each holiday period as the notice states it ("1月28日至2月4日放假调休"),
 * including the days that fall on a weekend; `workdays` lists the adjusted working days (调休上班),
 * which always fall on a Saturday or Sunday. Names follow the notice headings.
 */
import { addDays, compareDates, type IsoDate } from './dates.js';

export interface YearSchedule {
  year: number;
  /** The notice the data comes from. */
  source: string;
  /** Every day off (放假日) of each holiday period, weekends included. */
  holidays: { date: IsoDate; name: string }[];
  /** Adjusted working days (调休上班), each on a Saturday or Sunday. */
  workdays: { date: IsoDate; name: string }[];
}

/** Every day from `first` to `last` inclusive, named `name`. */
function period(first: IsoDate, last: IsoDate, name: string): { date: IsoDate; name: string }[] {
  const days: { date: IsoDate; name: string }[] = [];
  for (let d = first; compareDates(d, last) <= 0; d = addDays(d, 1)) days.push({ date: d, name });
  return days;
}

export const OFFICIAL_SCHEDULES: YearSchedule[] = [
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）',
    holidays: [
      // 一、元旦：1月1日（周三）放假1天，不调休。
      ...period('2025-01-01', '2025-01-01', '元旦'),
      // 二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。
      ...period('2025-01-28', '2025-02-04', '春节'),
      // 三、清明节：4月4日（周五）至6日（周日）放假，共3天。
      ...period('2025-04-04', '2025-04-06', '清明节'),
      // 四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。
      ...period('2025-05-01', '2025-05-05', '劳动节'),
      // 五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
      ...period('2025-05-31', '2025-06-02', '端午节'),
      // 六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。
      ...period('2025-10-01', '2025-10-08', '国庆节、中秋节'),
    ],
    workdays: [
      { date: '2025-01-26', name: '春节' }, // 周日上班
      { date: '2025-02-08', name: '春节' }, // 周六上班
      { date: '2025-04-27', name: '劳动节' }, // 周日上班
      { date: '2025-09-28', name: '国庆节、中秋节' }, // 周日上班
      { date: '2025-10-11', name: '国庆节、中秋节' }, // 周六上班
    ],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
    holidays: [
      // 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。
      ...period('2026-01-01', '2026-01-03', '元旦'),
      // 二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
      ...period('2026-02-15', '2026-02-23', '春节'),
      // 三、清明节：4月4日（周六）至6日（周一）放假，共3天。
      ...period('2026-04-04', '2026-04-06', '清明节'),
      // 四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。
      ...period('2026-05-01', '2026-05-05', '劳动节'),
      // 五、端午节：6月19日（周五）至21日（周日）放假，共3天。
      ...period('2026-06-19', '2026-06-21', '端午节'),
      // 六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
      ...period('2026-09-25', '2026-09-27', '中秋节'),
      // 七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。
      ...period('2026-10-01', '2026-10-07', '国庆节'),
    ],
    workdays: [
      { date: '2026-01-04', name: '元旦' }, // 周日上班
      { date: '2026-02-14', name: '春节' }, // 周六上班
      { date: '2026-02-28', name: '春节' }, // 周六上班
      { date: '2026-05-09', name: '劳动节' }, // 周六上班
      { date: '2026-09-20', name: '国庆节' }, // 周日上班
      { date: '2026-10-10', name: '国庆节' }, // 周六上班
    ],
  },
];
