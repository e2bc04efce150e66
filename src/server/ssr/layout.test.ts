/**
 * The portal's translator remembers fixed texts (ssr/layout.ts `remembering`): it must answer exactly as i18next does,
 * for a fixed key, a key with a default value, a missing key, and texts with parameters (never remembered).
 */
import { describe, expect, it, vi } from 'vitest';
import { createI18n, type TFunction } from '../../shared/i18n/index.js';
import { portalCatalog } from '../../shared/i18n/locales/portal.js';
import { remembering } from './layout.js';

describe('remembering', () => {
  const i18n = createI18n('en', [portalCatalog]);
  const plain = i18n.t.bind(i18n) as TFunction;

  it('answers as i18next does, asking it once for a fixed text and every time for one with parameters', () => {
    const spy = vi.fn(plain);
    const t = remembering(spy as unknown as TFunction);
    const fixed = 'portal:record.history';
    expect(t(fixed)).toBe(plain(fixed));
    expect(t(fixed)).toBe(plain(fixed));
    expect(spy).toHaveBeenCalledTimes(1);

    const withName = (name: string) => t('portal:record.eventRecord', { name, status: 'valid' });
    expect(withName('A')).toBe(plain('portal:record.eventRecord', { name: 'A', status: 'valid' }));
    expect(withName('B')).toContain('B');
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('keeps a default value apart from the same key without one, and a missing key as i18next answers it', () => {
    const t = remembering(plain);
    const missing = 'portal:record.events.no_such_event';
    expect(t(missing, { defaultValue: 'first' })).toBe('first');
    expect(t(missing, { defaultValue: 'second' })).toBe('second');
    expect(t(missing)).toBe(plain(missing));
  });

  it('keeps the two languages apart', () => {
    const zh = createI18n('zh-CN', [portalCatalog]);
    const tZh = remembering(zh.t.bind(zh) as TFunction);
    const tEn = remembering(plain);
    expect(tZh('portal:record.history')).not.toBe(tEn('portal:record.history'));
    expect(tZh('portal:record.history')).toBe(zh.t('portal:record.history'));
  });
});
