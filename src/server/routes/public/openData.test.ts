/**
 * Open data (SPEC §5, §11): JSON, CSV with BOM described by datapackage.json, the Atom feed and the page that
 * explains them; ETags that answer 304 until a public event; no personal value anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilingDraftInput } from '../../../shared/filing/schema.js';
import { approvedFiling, loginStaff, PERSONAL, validFilingDraft } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';
import { insertPublicRecord } from '../../test/publicRecords.js';
import { csvCell } from './openData.js';

const NOW = new Date('2026-11-27T03:00:00Z');
let server: TestServer;
let reviewer: TestClient;
let org: { id: string; filingNumber: string };
let individual: { id: string; filingNumber: string };
const base = validFilingDraft();
const INDIVIDUAL: Partial<FilingDraftInput> = {
  platform: { ...base.platform, name: '个人漏洞研究站', homepageUrl: 'https://solo.example.net/' },
  sponsor: { type: 'individual', name: PERSONAL.individualName, idNumber: PERSONAL.residentId },
  capital: undefined,
};

beforeAll(async () => {
  server = await startTestServer({ now: () => NOW });
  reviewer = server.client();
  await loginStaff(server, reviewer);
  org = await approvedFiling(server.client(), reviewer);
  individual = await approvedFiling(server.client(), reviewer, INDIVIDUAL);
  await insertPublicRecord(server.ctx, {
    platformName: '逗号,引号"与=公式',
    publishUrls: ['https://a.example/x', 'https://b.example/'],
  });
});
afterAll(() => server?.close());

const get = (path: string, headers: Record<string, string> = {}) => server.client().get(path, { headers });
const OD = '/api/public/open-data';

/** A small RFC 4180 reader, independent of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('open data', () => {
  it('gives every public record as JSON with the fields of the search API', async () => {
    const res = await get(`${OD}/filings.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body.count).toBe(3);
    expect(res.body.items).toHaveLength(3);
    expect(res.body.generatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const api = (await get(`/api/public/filings/${encodeURIComponent(org.filingNumber)}`)).body.filing;
    expect(res.body.items.find((i: { filingNumber: string }) => i.filingNumber === org.filingNumber)).toEqual(api);
  });

  it('gives the same records as CSV with a BOM, the columns datapackage.json describes', async () => {
    const res = await get(`${OD}/filings.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv; charset=utf-8');
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(res.text.slice(1));
    const pkg = (await get(`${OD}/datapackage.json`)).body;
    const resource = pkg.resources.find((r: { name: string }) => r.name === 'filings');
    expect(resource.encoding).toBe('utf-8-sig');
    expect(rows[0]).toEqual(resource.schema.fields.map((f: { name: string }) => f.name));
    expect(rows).toHaveLength(4);
    const header = rows[0] as string[];
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    const hostile = rows.find((r) => col(r, 'platformName')?.includes('逗号')) as string[];
    expect(col(hostile, 'platformName')).toBe('逗号,引号"与=公式');
    expect(col(hostile, 'publishUrls')).toBe('https://a.example/x https://b.example/');
    const person = rows.find((r) => col(r, 'filingNumber') === individual.filingNumber) as string[];
    expect(col(person, 'sponsorName')).toBe('张**');
    expect(col(person, 'status')).toBe('valid');
  });

  it('quotes CSV cells and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell(null)).toBe('');
  });

  it('has an Atom 1.0 feed of the public events, newest first', async () => {
    const res = await get(`${OD}/events.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(res.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">');
    const entries = res.text.match(/<entry>/g) ?? [];
    expect(entries).toHaveLength(3);
    expect(res.text).toContain(`予以备案：${org.filingNumber}`);
    expect(res.text).toContain('逗号,引号&quot;与=公式');
    expect(res.text.indexOf('逗号')).toBeLessThan(res.text.indexOf(org.filingNumber));
  });

  it('answers 304 to a current ETag, and changes the ETag with the next public event', async () => {
    for (const file of ['filings.json', 'filings.csv', 'events.atom', 'datapackage.json']) {
      const res = await get(`${OD}/${file}`);
      const etag = res.headers.get('etag') ?? '';
      expect(etag, file).toMatch(/^"/);
      expect(res.headers.get('cache-control'), file).toBe('public, max-age=300');
      expect((await get(`${OD}/${file}`, { 'if-none-match': etag })).status, file).toBe(304);
    }
    const before = (await get(`${OD}/filings.json`)).headers.get('etag') ?? '';
    await insertPublicRecord(server.ctx);
    const after = await get(`${OD}/filings.json`, { 'if-none-match': before });
    expect(after.status).toBe(200);
    expect(after.body.count).toBe(4);
  });

  it('is explained on /open-data', async () => {
    const res = await get('/open-data');
    expect(res.status).toBe(200);
    for (const f of ['filings.json', 'filings.csv', 'datapackage.json', 'events.atom']) {
      expect(res.text).toContain(`<a href="${OD}/${f}">${f}</a>`);
    }
  });

  it('holds no personal value', async () => {
    const texts = await Promise.all(
      ['filings.json', 'filings.csv', 'events.atom'].map(async (f) => (await get(`${OD}/${f}`)).text),
    );
    for (const text of texts) {
      expect(text).toContain(org.filingNumber);
      for (const value of [
        PERSONAL.principal.name,
        PERSONAL.principal.mobile,
        PERSONAL.principal.email,
        PERSONAL.contact.name,
        PERSONAL.contact.mobile,
        PERSONAL.contact.email,
        PERSONAL.individualName,
        PERSONAL.residentId,
        PERSONAL.uscc,
        '甲投资有限公司',
        '11010899001-23001',
      ]) {
        expect(text).not.toContain(value);
      }
    }
  });
});
