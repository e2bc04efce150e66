/** Helpers for the complaint tests (Article 9): solving the ALTCHA challenge as the widget would, and a valid body. */
import { solveChallenge } from 'altcha-lib/v1';
import type { TestClient } from './harness.js';

/** Fetches a challenge, solves it, and returns the base64 payload the widget would post. */
export async function solvedAltcha(client: TestClient): Promise<string> {
  const res = await client.get('/api/public/complaints/challenge');
  if (res.status !== 200) throw new Error(`challenge failed: ${res.status} ${res.text}`);
  const c = res.body as { algorithm: string; challenge: string; maxnumber: number; salt: string; signature: string };
  const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
  if (!solution) throw new Error('challenge not solved');
  const payload = {
    algorithm: c.algorithm,
    challenge: c.challenge,
    number: solution.number,
    salt: c.salt,
    signature: c.signature,
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64');
}

/** A complainant whose every personal value a test can search for in any output. */
export const COMPLAINANT = { name: '赵投诉', phone: '13698761234', email: 'zhao.tousu@example.cn' };

export function complaintBody(overrides: Record<string, unknown> = {}) {
  return {
    category: 'leak',
    targetUrl: 'https://leaky.example.cn/',
    targetName: '某漏洞交易论坛',
    description: '该平台公开出售未修补的漏洞利用细节，附截图为证。',
    contact: { ...COMPLAINANT },
    ...overrides,
  };
}
