import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_KIND_LABELS,
  ATTACHMENT_KINDS,
  acceptAttribute,
  allowedTypes,
  isAttachmentKind,
  isTypeAllowed,
} from '../../shared/attachments.js';
import { sampleDocx, sampleExe, sampleJpeg, sampleOfd, samplePdf, samplePng, sampleZip } from './fixtures.js';
import { detectFileType, listZipEntries } from './sniff.js';

const text = (s: string) => Buffer.from(s, 'utf8');

describe('detectFileType — accepted types', () => {
  it('detects PDF', async () => {
    expect(await detectFileType(samplePdf('hello'))).toEqual({ type: 'pdf', mime: 'application/pdf', ext: 'pdf' });
  });

  it('detects PNG', async () => {
    expect(await detectFileType(samplePng())).toEqual({ type: 'png', mime: 'image/png', ext: 'png' });
  });

  it('detects JPEG', async () => {
    expect(await detectFileType(sampleJpeg())).toEqual({ type: 'jpeg', mime: 'image/jpeg', ext: 'jpg' });
  });

  it('detects OFD (zip with OFD.xml at the root)', async () => {
    expect(await detectFileType(sampleOfd())).toEqual({ type: 'ofd', mime: 'application/ofd', ext: 'ofd' });
  });

  it('detects DOCX', async () => {
    expect(await detectFileType(sampleDocx('规则'))).toEqual({
      type: 'docx',
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ext: 'docx',
    });
  });

  it('accepts a plain Uint8Array (not only Buffer)', async () => {
    const pdf = samplePdf();
    expect((await detectFileType(new Uint8Array(pdf)))?.type).toBe('pdf');
  });

  it('detects OFD without inflating a large entry', async () => {
    const bomb = zipSync(
      { 'OFD.xml': text('<ofd:OFD/>'), 'Doc_0/big.bin': new Uint8Array(8 * 1024 * 1024) },
      { level: 9 },
    );
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect((await detectFileType(bomb))?.type).toBe('ofd');
  });
});

describe('detectFileType — rejected content', () => {
  it('rejects empty input', async () => {
    expect(await detectFileType(new Uint8Array(0))).toBeNull();
  });

  it('rejects plain text', async () => {
    expect(await detectFileType(text('just some text\n这是文本\n'))).toBeNull();
  });

  it('rejects a text file that merely mentions %PDF later on', async () => {
    expect(await detectFileType(text('hello\n%PDF-1.4\n'))).toBeNull();
  });

  it('rejects an executable', async () => {
    expect(await detectFileType(sampleExe())).toBeNull();
  });

  it('rejects a plain zip', async () => {
    expect(await detectFileType(sampleZip())).toBeNull();
  });

  it('rejects a zip whose OFD.xml is not at the root', async () => {
    expect(await detectFileType(sampleZip({ 'sub/OFD.xml': '<ofd:OFD/>' }))).toBeNull();
    expect(await detectFileType(sampleZip({ 'ofd.xml': '<ofd:OFD/>' }))).toBeNull();
  });

  it('rejects an HTML file', async () => {
    expect(await detectFileType(text('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'))).toBeNull();
  });

  it('rejects SVG (XML image)', async () => {
    expect(
      await detectFileType(text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')),
    ).toBeNull();
  });

  it('rejects a truncated PNG header', async () => {
    expect(await detectFileType(samplePng().subarray(0, 4))).toBeNull();
  });

  it('rejects a truncated OFD (zip that cannot be parsed)', async () => {
    const ofd = sampleOfd();
    expect(await detectFileType(ofd.subarray(0, Math.floor(ofd.length / 2)))).toBeNull();
  });

  it('rejects a bare zip local-file-header signature followed by garbage', async () => {
    expect(
      await detectFileType(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 0xff)])),
    ).toBeNull();
  });

  it('rejects an OOXML package without word/document.xml', async () => {
    const fake = sampleZip({
      '[Content_Types].xml':
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/other.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      'word/other.xml': '<x/>',
    });
    expect(await detectFileType(fake)).toBeNull();
  });
});

describe('listZipEntries', () => {
  it('lists names without inflating', () => {
    expect(listZipEntries(sampleOfd())).toContain('OFD.xml');
    expect(listZipEntries(sampleDocx())).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
  });

  it('returns null for non-zip input', () => {
    expect(listZipEntries(text('not a zip'))).toBeNull();
  });
});

describe('attachment kinds', () => {
  it('has a Chinese label for every kind', () => {
    expect(ATTACHMENT_KINDS).toHaveLength(6);
    for (const kind of ATTACHMENT_KINDS) expect(ATTACHMENT_KIND_LABELS[kind]).toMatch(/[\u4e00-\u9fff]/);
    expect(ATTACHMENT_KIND_LABELS.commitment_letter).toBe('承诺书扫描件');
  });

  it('allows pdf, ofd, jpeg, png for every kind', () => {
    for (const kind of ATTACHMENT_KINDS) {
      for (const t of ['pdf', 'ofd', 'jpeg', 'png'] as const) expect(isTypeAllowed(kind, t)).toBe(true);
    }
  });

  it('allows docx only for rules_doc', async () => {
    const detected = await detectFileType(sampleDocx());
    expect(detected?.type).toBe('docx');
    for (const kind of ATTACHMENT_KINDS) {
      expect(allowedTypes(kind).includes('docx')).toBe(kind === 'rules_doc');
    }
    expect(allowedTypes('rules_doc')).toEqual(['pdf', 'ofd', 'jpeg', 'png', 'docx']);
    expect(allowedTypes('equity_proof')).toEqual(['pdf', 'ofd', 'jpeg', 'png']);
  });

  it('guards kind strings', () => {
    expect(isAttachmentKind('rules_doc')).toBe(true);
    expect(isAttachmentKind('RULES_DOC')).toBe(false);
    expect(isAttachmentKind(undefined)).toBe(false);
  });

  it('builds an accept attribute', () => {
    expect(acceptAttribute('other')).toBe(
      '.pdf,application/pdf,.ofd,application/ofd,.jpg,.jpeg,image/jpeg,.png,image/png',
    );
    expect(acceptAttribute('rules_doc')).toContain('.docx');
  });
});
