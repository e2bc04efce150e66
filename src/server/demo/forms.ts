/**
 * Synthetic 附件1 forms for the demo data (SPEC §2, §6): every value passes the real validators — USCCs and resident
 * IDs with their check characters (GB 32100, GB 11643), ICP numbers of the 备 form, mobiles, URLs — so a complete form
 * passes `checkFiling` exactly as one typed by an applicant would.
 */
import type { FilingDraft } from '../../shared/filing/schema.js';
import type { SponsorType } from '../../shared/filing/status.js';
import { residentIdCheckChar } from '../../shared/validators/residentId.js';
import { USCC_CHARSET, usccCheckChar } from '../../shared/validators/uscc.js';
import type { Random } from './random.js';
import {
  BRANDS,
  COMPANY_FORMS,
  COMPANY_TRADES,
  GIVEN_CHARS,
  INSTITUTIONS,
  INVESTORS,
  MOBILE_PREFIXES,
  OTHER_ORGS,
  PLATFORM_SUFFIXES,
  REGIONS,
  type Region,
  SOCIAL_APPS,
  SURNAMES,
  TLDS,
} from './vocabulary.js';

export function personName(r: Random): string {
  const given = r.chance(0.7) ? r.pick(GIVEN_CHARS) + r.pick(GIVEN_CHARS) : r.pick(GIVEN_CHARS);
  return r.pick(SURNAMES) + given;
}

export function mobile(r: Random): string {
  return r.pick(MOBILE_PREFIXES) + r.digits(8);
}

/** A 统一社会信用代码 with a correct check character; the first two characters say who registered what. */
export function uscc(r: Random, region: Region, type: Exclude<SponsorType, 'individual'>): string {
  const head = type === 'enterprise' ? '91' : type === 'institution' ? '12' : '51';
  let body = '';
  for (let i = 0; i < 9; i++) body += r.pick(USCC_CHARSET.split(''));
  const first17 = head + region.division + body;
  return first17 + usccCheckChar(first17);
}

/** A resident ID: region, a real birth date between 1965 and 2000, a sequence, the MOD 11-2 check character. */
export function residentId(r: Random, region: Region): string {
  const year = r.int(1965, 2000);
  const month = r.int(1, 12);
  const day = r.int(1, 28);
  const first17 = `${region.division}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${r.digits(3)}`;
  return first17 + residentIdCheckChar(first17);
}

export function icpNumber(r: Random, region: Region): string {
  const body = r.chance(0.6) ? `${r.int(2008, 2025)}${r.digits(6)}` : `${r.int(1, 9)}${r.digits(7)}`;
  return `${region.abbr}ICP备${body}号${r.chance(0.5) ? `-${r.int(1, 12)}` : ''}`;
}

function shareholders(r: Random, region: Region): { name: string; percent: number }[] {
  const n = r.int(1, 4);
  const list: { name: string; percent: number }[] = [];
  let left = 100;
  for (let i = 0; i < n; i++) {
    const percent = i === n - 1 ? left : r.int(1, Math.max(1, left - (n - i - 1)));
    left -= percent;
    const name = r.chance(0.4) ? personName(r) : `${region.city}${r.pick(BRANDS)[0]}${r.pick(INVESTORS)}`;
    list.push({ name, percent });
  }
  return list.filter((s) => s.percent > 0);
}

export interface Identity {
  region: Region;
  type: SponsorType;
  sponsorName: string;
  platformName: string;
  domain: string;
}

export function identity(r: Random, type: SponsorType): Identity {
  const region = r.pick(REGIONS);
  const [b1, p1] = r.pick(BRANDS);
  const [b2, p2] = r.pick(BRANDS);
  const [suffix, sp] = r.pick(PLATFORM_SUFFIXES);
  const tld = r.pick(TLDS);
  let sponsorName: string;
  let root = `${p1}${p2}`;
  switch (type) {
    case 'enterprise':
      sponsorName = `${region.city}${b1}${b2}${r.pick(COMPANY_TRADES)}${r.pick(COMPANY_FORMS)}`;
      break;
    case 'institution': {
      const [inst, ip] = r.pick(INSTITUTIONS);
      sponsorName = `${region.city}${b1}${inst}`;
      root = `${p1}${ip}`;
      break;
    }
    case 'other_org': {
      const [org, op] = r.pick(OTHER_ORGS);
      sponsorName = `${region.city}市${b1}${org}`;
      root = `${p1}${op}`;
      break;
    }
    case 'individual':
      sponsorName = personName(r);
      root = `${p1}${r.digits(3)}`;
      break;
  }
  const platformName =
    type === 'individual' ? `${b1}${r.pick(['白帽', '安全', '漏洞'])}社区${suffix}` : `${b1}${b2}${suffix}`;
  return { region, type, sponsorName, platformName, domain: `${sp}.${root}.${tld}` };
}

const ruleTexts = (name: string) => ({
  collectionScope: `${name}收集经授权测试范围内的 Web、移动应用和物联网设备漏洞，白帽子注册实名后通过平台提交，不接受未授权测试所得的漏洞。`,
  verification: '平台安全工程师在 3 个工作日内复现验证，按 CVSS 3.1 与《网络安全漏洞分类分级指南》评估危害等级。',
  notification: '验证属实后 1 个工作日内通知相关责任主体，跟踪修补进度；涉及重大漏洞的，按规定报送有关主管部门。',
  publication: '漏洞修补完成且经责任主体同意后发布摘要，不发布利用细节和攻击代码，不提前发布未修补漏洞。',
  identityVerification:
    '注册用户须通过手机号验证和实名认证，提交漏洞前签署安全承诺，平台留存身份核实记录不少于 6 个月。',
  classification: '漏洞按危害分为超危、高危、中危、低危四级；注册用户按信用积分分级管理，违规者暂停或注销账号。',
});

/**
 * A complete form, valid on `onDate` (the China date it is submitted): a platform already online went live before it.
 */
export function completeForm(r: Random, id: Identity, onDate: string): FilingDraft {
  const host = `https://${id.domain}`;
  const publishes = r.chance(0.9);
  const individual = id.type === 'individual';
  const alreadyOnline = r.chance(0.4);
  const launch = new Date(`${onDate}T00:00:00Z`);
  launch.setUTCDate(launch.getUTCDate() + (alreadyOnline ? -r.int(30, 900) : r.int(20, 200)));
  const form: FilingDraft = {
    platform: {
      name: id.platformName,
      homepageUrl: `${host}/`,
      icpNumber: icpNumber(r, id.region),
      publishesVulnerabilities: publishes,
      publishUrls: publishes ? [`${host}/${r.pick(['bugs', 'advisories', 'notice', 'vuls'])}`] : [],
      socialAccounts: r.chance(0.6) ? [{ app: r.pick(SOCIAL_APPS), account: id.platformName }] : [],
    },
    sponsor: {
      name: id.sponsorName,
      type: id.type,
      idNumber: individual
        ? residentId(r, id.region)
        : uscc(r, id.region, id.type as Exclude<SponsorType, 'individual'>),
    },
    people: {
      principal: {
        name: individual ? id.sponsorName : personName(r),
        mobile: mobile(r),
        email: `ceo@${rootOf(id.domain)}`,
      },
      contact: { name: personName(r), mobile: mobile(r), email: `security@${rootOf(id.domain)}` },
    },
    rules: ruleTexts(id.platformName),
    mlps: {
      certificateNumber: `${id.region.division}${r.digits(5)}-${r.int(19, 26)}${r.digits(3)}`,
      level: r.chance(0.85) ? 3 : 4,
    },
    management: `${id.sponsorName}依据 GB/T 22239-2019 建立漏洞管理制度，设安全负责人和专职岗位，漏洞信息分级存储、访问留痕。`,
    operation: { alreadyOnline, launchDate: launch.toISOString().slice(0, 10) },
  };
  if (!individual) {
    form.capital = {
      registeredCapital: r.int(1, 500) * 100,
      currency: 'CNY',
      shareholders: shareholders(r, id.region),
    };
  }
  return form;
}

/** What an applicant has typed so far in a draft that is not finished: the first steps of the form. */
export function partialForm(r: Random, id: Identity, onDate: string): FilingDraft {
  const full = completeForm(r, id, onDate);
  const steps = r.int(1, 3);
  const form: FilingDraft = { platform: full.platform };
  if (steps >= 2) form.sponsor = full.sponsor;
  if (steps >= 3) form.people = full.people;
  return form;
}

const rootOf = (domain: string) => domain.split('.').slice(1).join('.');

/** Article 6: what changed in an approved record — a new contact, a new publishing address, a new name, new equity. */
export function changedForm(r: Random, before: FilingDraft): { form: FilingDraft; sections: string[] } {
  const form: FilingDraft = structuredClone(before);
  const what = r.weighted({ contact: 4, publishUrls: 3, name: 1, capital: 2 });
  if (what === 'contact' || !form.platform) {
    form.people = {
      ...form.people,
      contact: { name: personName(r), mobile: mobile(r), email: form.people?.contact?.email ?? '' },
    };
  } else if (what === 'publishUrls') {
    const host = (form.platform.homepageUrl ?? '').replace(/\/$/, '');
    form.platform = {
      ...form.platform,
      publishesVulnerabilities: true,
      publishUrls: [
        ...(form.platform.publishUrls ?? []),
        `${host}/${r.pick(['weekly', 'hall-of-fame', 'reports'])}${r.int(1, 99)}`,
      ],
    };
  } else if (what === 'name') {
    form.platform = { ...form.platform, name: `${form.platform.name ?? ''}（${r.pick(['新版', '升级版', '二期'])}）` };
  } else if (form.capital) {
    form.capital = { ...form.capital, registeredCapital: (form.capital.registeredCapital ?? 100) + r.int(1, 50) * 100 };
  } else {
    form.people = {
      ...form.people,
      contact: { name: personName(r), mobile: mobile(r), email: form.people?.contact?.email ?? '' },
    };
  }
  return { form, sections: [] };
}
