/** 附件2 承诺书: the seed's text word for word, as PDF and as DOCX, with the sponsor filled in. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docxText, hasPoppler, pageCount, pdfText, popplerNote, squash, unzipDocx } from '../test/pdfTools.js';
import { commitmentLetterDocx, commitmentLetterPdf } from './commitmentLetter.js';
import { COMMITMENT, itemLabel } from './commitmentText.js';

const SPONSOR = '北京某某网络安全技术有限公司';

/** 附件2 as the seed gives it, from the title to the last item. */
function seedLetter(): string[] {
  const seed = readFileSync(new URL('../../../../shared/seed/000_b430f0b2680444bc.txt', import.meta.url), 'utf8');
  const from = seed.indexOf('网络产品安全漏洞收集平台备案承诺书\n', seed.lastIndexOf('附件2\n'));
  const to = seed.indexOf('法定代表人签字');
  return seed
    .slice(from, to)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

const seedAvailable = (() => {
  try {
    return seedLetter().length > 0;
  } catch {
    return false;
  }
})();

describe('the letter text', () => {
  it.skipIf(!seedAvailable)('is the seed text, word for word', () => {
    const ours = [COMMITMENT.title, COMMITMENT.intro, ...COMMITMENT.items.map((item, i) => `${itemLabel(i)} ${item}`)];
    expect(ours).toEqual(seedLetter());
  });
});

describe('commitment letter PDF', () => {
  it.skipIf(!hasPoppler)(`holds the whole letter and the sponsor's name${popplerNote}`, async () => {
    const pdf = await commitmentLetterPdf({ sponsorName: SPONSOR, sponsorType: 'enterprise' });
    const text = squash(pdfText(pdf));
    expect(text).toContain('附件2');
    expect(text).toContain(COMMITMENT.title);
    expect(text).toContain(`承诺单位：${SPONSOR}`);
    expect(text).toContain(squash(COMMITMENT.intro));
    COMMITMENT.items.forEach((item, i) => {
      expect(text).toContain(`${itemLabel(i)}${item}`);
    });
    expect(text).toContain('本单位承诺以上陈述真实、有效');
    expect(text).toContain('法定代表人签字：');
    expect(text).toContain('公章：');
    expect(text).toContain('日期：年月日');
    expect(pageCount(pdf)).toBe(1);
  });

  it.skipIf(!hasPoppler)(
    `has a blank line for the name while the draft has none, and 承诺人 for an individual${popplerNote}`,
    async () => {
      const blank = squash(pdfText(await commitmentLetterPdf({})));
      expect(blank).toContain('承诺单位：本单位现就');
      const individual = squash(
        pdfText(await commitmentLetterPdf({ sponsorName: '张三丰', sponsorType: 'individual' })),
      );
      expect(individual).toContain('承诺人：张三丰');
      // The items keep the seed's wording.
      expect(individual).toContain('本单位承诺以上陈述真实、有效，是本单位真实意思的表示。');
    },
  );
});

describe('commitment letter DOCX', () => {
  it('is an Office Open XML package holding the letter', async () => {
    const docx = await commitmentLetterDocx({ sponsorName: SPONSOR, sponsorType: 'enterprise' });
    expect(docx.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    const parts = unzipDocx(docx);
    const types = parts['[Content_Types].xml'] ?? '';
    expect(types).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
    expect(parts['_rels/.rels']).toContain('word/document.xml');
    const xml = parts['word/document.xml'] ?? '';
    expect(xml).toMatch(/^<\?xml[^>]*\?>\s*<w:document /);
    const lines = docxText(xml)
      .split('\n')
      .map((l) => l.trim());
    expect(lines).toContain(COMMITMENT.attachmentLabel);
    expect(lines).toContain(COMMITMENT.title);
    expect(lines).toContain(`承诺单位：${SPONSOR}`);
    expect(lines).toContain(COMMITMENT.intro);
    COMMITMENT.items.forEach((item, i) => {
      expect(lines).toContain(`${itemLabel(i)}${item}`);
    });
    expect(lines.some((l) => l.startsWith('法定代表人签字：'))).toBe(true);
    expect(lines.some((l) => /^日\u3000+期：\u3000+年\u3000+月\u3000+日$/.test(l))).toBe(true);
  });

  it('leaves the name blank for a draft without one', async () => {
    const xml = unzipDocx(await commitmentLetterDocx({}))['word/document.xml'] ?? '';
    expect(docxText(xml)).toMatch(/承诺单位：\u3000+\n/);
  });
});
