import { spawnSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, sampleDocx, sampleExe, sampleJpeg, sampleOfd, samplePdf, samplePng, sampleZip } from './fixtures.js';
import { listZipEntries } from './sniff.js';

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

describe('fixtures', () => {
  it('crc32 matches the reference value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('samplePng has valid chunk CRCs and a 1x1 RGB image', () => {
    const png = samplePng();
    let i = 8;
    const types: string[] = [];
    while (i < png.length) {
      const len = png.readUInt32BE(i);
      const type = png.toString('latin1', i + 4, i + 8);
      expect(png.readUInt32BE(i + 8 + len)).toBe(crc32(png.subarray(i + 4, i + 8 + len)));
      if (type === 'IDAT') expect([...inflateSync(png.subarray(i + 8, i + 8 + len))]).toEqual([0, 0xcc, 0x33, 0x33]);
      types.push(type);
      i += 12 + len;
    }
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
  });

  it('sampleJpeg starts with SOI and ends with EOI', () => {
    const jpg = sampleJpeg();
    expect([...jpg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect([...jpg.subarray(-2)]).toEqual([0xff, 0xd9]);
  });

  it('samplePdf has a consistent xref', () => {
    const pdf = samplePdf('x').toString('latin1');
    const startxref = Number(/startxref\n(\d+)/.exec(pdf)?.[1]);
    expect(pdf.startsWith('xref', startxref)).toBe(true);
    for (const m of pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)) {
      expect(pdf.slice(Number(m[1])).match(/^\d+ 0 obj/)).not.toBeNull();
    }
  });

  it.skipIf(!hasPdftotext)('samplePdf text is extracted by pdftotext', () => {
    const r = spawnSync('pdftotext', ['-', '-'], { input: samplePdf('Hello (VCP) \\ filing\nline two') });
    expect(r.status).toBe(0);
    expect(r.stderr.toString()).toBe('');
    expect(r.stdout.toString()).toContain('Hello (VCP) \\ filing\nline two');
  });

  it('zip samples have the expected entries', () => {
    expect(listZipEntries(sampleOfd())).toEqual([
      'OFD.xml',
      'Doc_0/Document.xml',
      'Doc_0/PublicRes.xml',
      'Doc_0/Pages/Page_0/Content.xml',
    ]);
    expect(listZipEntries(sampleDocx())).toContain('word/document.xml');
    expect(listZipEntries(sampleZip())).toEqual(['readme.txt']);
  });

  it('sampleExe starts with MZ', () => {
    expect(sampleExe().toString('latin1', 0, 2)).toBe('MZ');
  });
});
