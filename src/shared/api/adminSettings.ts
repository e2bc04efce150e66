/**
 * The settings an admin changes in the browser (SPEC §1 admin; Articles 8, 9, 10; SPEC §3 the filing number, §10 the
 * monitor): each value's zod schema, shared by the settings service (what a stored row must be), the admin route
 * (400 naming the field) and the settings page (the same rules as the admin types).
 *
 * The API groups them: `{ measures: { effectiveDate } }` is the setting `measures.effectiveDate`, so a field error's
 * path is the setting's key.
 */
import { z } from 'zod';
import { COMPLAINT_CATEGORIES, DEFAULT_COMPLAINT_LIMIT_WORKING_DAYS } from '../complaints/lifecycle.js';
import { DEFAULT_NUMBER_FORMAT, numberFormatIssue } from '../filing/numberFormat.js';
import { custom, says, writes } from '../validation/issues.js';
import { isoDate } from './common.js';

const MB = 1024 * 1024;

/** Characters a filing number may not hold: it travels in URL paths, file names and CSV cells. */
const UNSAFE_NUMBER_CHARS = /[/\\?#%&<>"'`\s\p{Cc}]/u;

export const filingNumberFormat = z
  .string()
  .trim()
  .min(1, says('api.numberFormatEmpty'))
  .max(100, says('api.numberFormatTooLong'))
  .superRefine((f, c) => {
    const problem = numberFormatIssue(f);
    if (problem) return c.addIssue(custom(problem));
    if (UNSAFE_NUMBER_CHARS.test(f)) {
      return c.addIssue(writes('api.numberFormatChars'));
    }
    for (const m of f.matchAll(/\{seq:(\d+)\}/g)) {
      const width = Number(m[1]);
      if (width < 1 || width > 10) c.addIssue(writes('api.numberFormatWidth'));
    }
    if (/\{(?!year\}|seq(?::\d+)?\})/.test(f)) c.addIssue(writes('api.numberFormatPlaceholders'));
  });

export const SETTING_SCHEMAS = {
  /** Article 10: the draft leaves the date blank; Article 8 counts 10 working days from it. */
  'measures.effectiveDate': isoDate.refine((d) => d >= '2000-01-01' && d <= '2100-12-31', says('api.dateRange')),
  'upload.maxBytes': z
    .number(says('api.bytesInt'))
    .int(says('api.bytesInt'))
    .min(1024, says('api.uploadMin'))
    .max(200 * MB, says('api.uploadMax')),
  'filingNumber.format': filingNumberFormat,
  /** Article 8: staff see filings of platforms not yet online whose planned launch is this near (days), or past. */
  'article8.launchWarningDays': z
    .number(says('api.daysInt'))
    .int(says('api.daysInt'))
    .min(0, says('api.notNegative'))
    .max(365, says('api.daysMax')),
  /** Article 9: the complaint channels the public portal shows (empty: not yet published). */
  'complaints.phone': z
    .string(says('api.text'))
    .trim()
    .max(40, says('api.phoneTooLong'))
    .regex(/^[0-9+\-() 转]*$/, says('api.phoneChars')),
  'complaints.email': z.union([z.literal(''), z.email(says('api.emailFormat')).max(254, says('api.emailMax'))], {
    ...says('api.emailFormat'),
  }),
  /** Article 9: the handling time limit in working days, per category (a missing category: the default, 15). */
  'complaints.limitWorkingDays': z.partialRecord(
    z.enum(COMPLAINT_CATEGORIES, says('api.unknownCategory')),
    z
      .number(says('api.workingDaysInt'))
      .int(says('api.workingDaysInt'))
      .min(1, says('api.workingDaysMin'))
      .max(120, says('api.workingDaysMax')),
  ),
  /** Each evidence file of a complaint (at most 5) may be this large. */
  'complaints.evidenceMaxBytes': z
    .number(says('api.bytesInt'))
    .int(says('api.bytesInt'))
    .min(1024, says('api.kbMin'))
    .max(50 * MB, says('api.mbMax')),
  /** The ALTCHA work: the largest number a solver may have to try (SHA-256 of salt + number). */
  'complaints.altchaMaxNumber': z
    .number(says('api.int'))
    .int(says('api.int'))
    .min(1000, says('api.min1000'))
    .max(10_000_000, says('api.max10m')),
  /** SPEC §10: the homepage monitor checks every valid filing daily (false: only on demand). */
  'monitor.daily': z.boolean(says('api.boolean')),
  /** SPEC §10: the daily checks are spread over this many hours from 00:05 China time. */
  'monitor.spreadHours': z
    .number(says('api.hoursInt'))
    .int(says('api.hoursInt'))
    .min(1, says('api.hoursMin'))
    .max(24, says('api.hoursMax')),
  /** SPEC §10 politeness: the least time between two requests of the monitor to one host, per instance (ms). */
  'monitor.hostDelayMs': z
    .number(says('api.msInt'))
    .int(says('api.msInt'))
    .min(0, says('api.notNegative'))
    .max(60_000, says('api.msMax')),
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTING_SCHEMAS)[K]>;

export const SETTING_DEFAULTS: { [K in SettingKey]: SettingValue<K> } = {
  'measures.effectiveDate': '2023-01-01',
  'upload.maxBytes': 20 * MB,
  'filingNumber.format': DEFAULT_NUMBER_FORMAT,
  'article8.launchWarningDays': 30,
  'complaints.phone': '',
  'complaints.email': '',
  'complaints.limitWorkingDays': {},
  'complaints.evidenceMaxBytes': 10 * MB,
  'complaints.altchaMaxNumber': 100_000,
  'monitor.daily': true,
  'monitor.spreadHours': 20,
  'monitor.hostDelayMs': 1_000,
};

export const SETTING_KEYS = Object.keys(SETTING_SCHEMAS) as SettingKey[];

const S = SETTING_SCHEMAS;

/** Every setting, grouped by the part of its key before the dot. */
export const settingsValues = z.object({
  measures: z.object({ effectiveDate: S['measures.effectiveDate'] }),
  filingNumber: z.object({ format: S['filingNumber.format'] }),
  upload: z.object({ maxBytes: S['upload.maxBytes'] }),
  article8: z.object({ launchWarningDays: S['article8.launchWarningDays'] }),
  complaints: z.object({
    phone: S['complaints.phone'],
    email: S['complaints.email'],
    limitWorkingDays: S['complaints.limitWorkingDays'],
    evidenceMaxBytes: S['complaints.evidenceMaxBytes'],
    altchaMaxNumber: S['complaints.altchaMaxNumber'],
  }),
  monitor: z.object({
    daily: S['monitor.daily'],
    spreadHours: S['monitor.spreadHours'],
    hostDelayMs: S['monitor.hostDelayMs'],
  }),
});
export type SettingsValues = z.infer<typeof settingsValues>;

/** PUT /api/admin/settings: any subset; an unknown group or key is refused (400 naming it). */
export const settingsUpdateBody = z.strictObject({
  measures: z.strictObject({ effectiveDate: S['measures.effectiveDate'].optional() }).optional(),
  filingNumber: z.strictObject({ format: S['filingNumber.format'].optional() }).optional(),
  upload: z.strictObject({ maxBytes: S['upload.maxBytes'].optional() }).optional(),
  article8: z.strictObject({ launchWarningDays: S['article8.launchWarningDays'].optional() }).optional(),
  complaints: z
    .strictObject({
      phone: S['complaints.phone'].optional(),
      email: S['complaints.email'].optional(),
      limitWorkingDays: S['complaints.limitWorkingDays'].optional(),
      evidenceMaxBytes: S['complaints.evidenceMaxBytes'].optional(),
      altchaMaxNumber: S['complaints.altchaMaxNumber'].optional(),
    })
    .optional(),
  monitor: z
    .strictObject({
      daily: S['monitor.daily'].optional(),
      spreadHours: S['monitor.spreadHours'].optional(),
      hostDelayMs: S['monitor.hostDelayMs'].optional(),
    })
    .optional(),
});
export type SettingsUpdate = z.infer<typeof settingsUpdateBody>;

/** The grouped body as `[key, value]` pairs of the settings it names. */
export function flattenSettings(body: SettingsUpdate): [SettingKey, unknown][] {
  const out: [SettingKey, unknown][] = [];
  for (const [group, values] of Object.entries(body)) {
    for (const [name, value] of Object.entries((values ?? {}) as Record<string, unknown>)) {
      const key = `${group}.${name}`;
      if (value !== undefined && key in SETTING_SCHEMAS) out.push([key as SettingKey, value]);
    }
  }
  return out;
}

/** The settings as `{ key: value }` back into their groups. */
export function groupSettings(flat: { [K in SettingKey]: SettingValue<K> }): SettingsValues {
  return {
    measures: { effectiveDate: flat['measures.effectiveDate'] },
    filingNumber: { format: flat['filingNumber.format'] },
    upload: { maxBytes: flat['upload.maxBytes'] },
    article8: { launchWarningDays: flat['article8.launchWarningDays'] },
    complaints: {
      phone: flat['complaints.phone'],
      email: flat['complaints.email'],
      limitWorkingDays: flat['complaints.limitWorkingDays'],
      evidenceMaxBytes: flat['complaints.evidenceMaxBytes'],
      altchaMaxNumber: flat['complaints.altchaMaxNumber'],
    },
    monitor: {
      daily: flat['monitor.daily'],
      spreadHours: flat['monitor.spreadHours'],
      hostDelayMs: flat['monitor.hostDelayMs'],
    },
  };
}

export const settingsResponse = z.object({
  settings: settingsValues,
  /** What the page needs beside the values: the next number of this year for the format's preview. */
  numbering: z.object({ year: z.number().int(), nextSeq: z.number().int() }),
  defaults: z.object({ complaintLimitWorkingDays: z.number().int() }),
});
export type SettingsResponse = z.infer<typeof settingsResponse>;

export const DEFAULT_COMPLAINT_LIMIT = DEFAULT_COMPLAINT_LIMIT_WORKING_DAYS;
