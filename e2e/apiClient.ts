import { REQUIRED_UPLOADS, validFilingDraft } from '../src/server/test/factories.js';

/** The parts of a browser test that need no browser: JSON and multipart calls to the API, keeping the session cookie. */
export class ApiClient {
  private cookie = '';
  constructor(private readonly baseUrl: string) {}

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    form?: FormData,
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = this.cookie ? { cookie: this.cookie } : {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const set = res.headers.getSetCookie();
    if (set.length) this.cookie = set.map((c) => c.split(';')[0]).join('; ');
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
}

/**
 * An applicant signs up and submits a complete filing for a platform of this name: what every lifecycle browser test
 * starts from. Returns the applicant's client and the filing's id.
 */
export async function submitFilingViaApi(
  baseUrl: string,
  applicant: { email: string; password: string },
  platformName: string,
  /** Other platform fields, e.g. a homepage served by a local fixture site. */
  platform: Partial<ReturnType<typeof validFilingDraft>['platform']> = {},
): Promise<{ api: ApiClient; filingId: string }> {
  const api = new ApiClient(baseUrl);
  const ok = (what: string, status: number, want: number) => {
    if (status !== want) throw new Error(`${what}: expected ${want}, got ${status}`);
  };
  ok('sign-up', (await api.request('POST', '/api/auth/register', applicant)).status, 201);
  const created = await api.request<{ filing: { id: string } }>(
    'POST',
    '/api/filings',
    validFilingDraft({ platform: { ...validFilingDraft().platform, ...platform, name: platformName } }),
  );
  ok('create filing', created.status, 201);
  const filingId = created.body.filing.id;
  for (const u of REQUIRED_UPLOADS) {
    const form = new FormData();
    form.append('kind', u.kind);
    form.append('file', new Blob([new Uint8Array(u.bytes())]), u.name);
    ok(
      `upload ${u.kind}`,
      (await api.request('POST', `/api/filings/${filingId}/attachments`, undefined, form)).status,
      201,
    );
  }
  ok('submit', (await api.request('POST', `/api/filings/${filingId}/submit`)).status, 200);
  return { api, filingId };
}
