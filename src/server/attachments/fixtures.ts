/**
 * Test helpers: small but REAL sample files built in memory.
 * Every sample opens in the corresponding standard tool (pdftotext, image viewers, zip readers, Word/OFD readers).
 */
import { deflateSync } from 'node:zlib';
import { strToU8, type Zippable, zipSync } from 'fflate';

const enc = (s: string): Uint8Array => strToU8(s);

// ---------------------------------------------------------------------------------------------------------------------
// PDF

function escapePdfString(s: string): string {
  // Standard 14 fonts use a Latin-1-ish encoding; anything outside printable ASCII becomes '?'.
  return s
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/\\/g, '\\\\')
    .replace(/\(/g, '\\(')
    .replace(/\)/g, '\\)');
}

/**
 * A minimal valid PDF 1.4 (one A4 page, Helvetica) with a correct xref table.
 * `text` is rendered on the page; use printable ASCII (other characters are replaced by '?') so `pdftotext` recovers it.
 * Newlines in `text` produce separate lines.
 */
export function samplePdf(text = 'test'): Buffer {
  const lines = text.split(/\r?\n/);
  const ops = ['BT', '/F1 12 Tf', '14 TL', '72 770 Td'];
  lines.forEach((line, i) => {
    if (i > 0) ops.push('T*');
    ops.push(`(${escapePdfString(line)}) Tj`);
  });
  ops.push('ET');
  const stream = `${ops.join('\n')}\n`;

  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}endstream`,
    '<< /Producer (VCP Filing test fixture) >>',
  ];

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// ---------------------------------------------------------------------------------------------------------------------
// PNG

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3), as used by PNG and ZIP. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([len, typeAndData, crc]);
}

/** A valid 1x1 RGB PNG (one red pixel by default). */
export function samplePng(rgb: readonly [number, number, number] = [0xcc, 0x33, 0x33]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // interlace
  const scanline = Buffer.from([0, rgb[0], rgb[1], rgb[2]]); // filter type 0 + one RGB pixel
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(scanline)),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------------------------------
// JPEG

/** 1x1 baseline JFIF JPEG (3 components, 4:2:0), produced by libjpeg-turbo `cjpeg -baseline -optimize`. */
const JPEG_1X1_BASE64 =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAABAAEDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABQf/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCAAIUR/9k=';

/** A tiny valid baseline JPEG (1x1 pixel). */
export function sampleJpeg(): Buffer {
  return Buffer.from(JPEG_1X1_BASE64, 'base64');
}

// ---------------------------------------------------------------------------------------------------------------------
// ZIP-based formats

function zip(files: Record<string, string | Uint8Array>): Buffer {
  const entries: Zippable = {};
  for (const [name, content] of Object.entries(files))
    entries[name] = typeof content === 'string' ? enc(content) : content;
  // Fixed mtime keeps the output deterministic.
  return Buffer.from(zipSync(entries, { level: 6, mtime: new Date('2024-01-01T00:00:00Z') }));
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A minimal OFD (GB/T 33190-2016) package: `OFD.xml` at the root, one document `Doc_0/Document.xml`
 * with a public font resource and a single A4 page showing `text`.
 */
export function sampleOfd(text = 'test'): Buffer {
  const ns = 'http://www.ofdspec.org/2016';
  return zip({
    'OFD.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD xmlns:ofd="${ns}" Version="1.0" DocType="OFD">
  <ofd:DocBody>
    <ofd:DocInfo>
      <ofd:DocID>5f0c8a6a2b2f4a4e9d1b3c7e8f9a0b1c</ofd:DocID>
      <ofd:Title>VCP Filing test fixture</ofd:Title>
      <ofd:CreationDate>2024-01-01</ofd:CreationDate>
    </ofd:DocInfo>
    <ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>
  </ofd:DocBody>
</ofd:OFD>
`,
    'Doc_0/Document.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document xmlns:ofd="${ns}">
  <ofd:CommonData>
    <ofd:MaxUnitID>3</ofd:MaxUnitID>
    <ofd:PageArea>
      <ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>
    </ofd:PageArea>
    <ofd:PublicRes>PublicRes.xml</ofd:PublicRes>
  </ofd:CommonData>
  <ofd:Pages>
    <ofd:Page ID="2" BaseLoc="Pages/Page_0/Content.xml"/>
  </ofd:Pages>
</ofd:Document>
`,
    'Doc_0/PublicRes.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Res xmlns:ofd="${ns}" BaseLoc="Res">
  <ofd:Fonts>
    <ofd:Font ID="1" FontName="SimSun" FamilyName="SimSun"/>
  </ofd:Fonts>
</ofd:Res>
`,
    'Doc_0/Pages/Page_0/Content.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page xmlns:ofd="${ns}">
  <ofd:Content>
    <ofd:Layer ID="3">
      <ofd:TextObject ID="4" Boundary="20 20 170 10" Font="1" Size="5">
        <ofd:TextCode X="0" Y="5">${escapeXml(text)}</ofd:TextCode>
      </ofd:TextObject>
    </ofd:Layer>
  </ofd:Content>
</ofd:Page>
`,
  });
}

/** A minimal valid WordprocessingML (.docx) package with one paragraph per line of `text`. */
export function sampleDocx(text = 'test'): Buffer {
  const paragraphs = text
    .split(/\r?\n/)
    .map((line) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r></w:p>`)
    .join('');
  return zip({
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>
`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>
`,
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>
`,
  });
}

/** A plain zip archive (not OFD, not OOXML). Extra entries may be supplied. */
export function sampleZip(
  files: Record<string, string | Uint8Array> = { 'readme.txt': 'hello from a plain zip\n' },
): Buffer {
  return zip(files);
}

// ---------------------------------------------------------------------------------------------------------------------
// Executable

/** A stub DOS/PE executable header: starts with 'MZ', e_lfanew points at a 'PE\0\0' signature. */
export function sampleExe(): Buffer {
  const buf = Buffer.alloc(256);
  buf.write('MZ', 0, 'latin1');
  buf.writeUInt32LE(0x80, 0x3c); // e_lfanew
  buf.write('PE\0\0', 0x80, 'latin1');
  buf.writeUInt16LE(0x14c, 0x84); // Machine: i386
  return buf;
}
