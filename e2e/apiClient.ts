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
