/**
 * The platform's homepage address (SPEC §2 `platform.homepageUrl`, §10): what the homepage monitor will fetch, so it
 * is checked at filing time as the monitor would refuse it. An http(s) URL ({@link checkHttpUrl}: scheme, a host
 * name with a dot, no user name or password, ≤ 2048 characters) whose host is not a private, loopback, link-local
 * or otherwise reserved IPv4 address written as a literal (any numeric form: the URL parser turns 2130706433 and
 * 0x7f.1 into 127.0.0.1 first). Names are resolved by the monitor itself, on every hop (monitor/fetch.ts).
 * `allowPrivate` is the server's MONITOR_ALLOW_PRIVATE, for tests against local fixture sites.
 */
import { type Issue, issue, zhText } from '../validation/issues.js';
import { httpUrlIssue } from './contact.js';

/** IPv4 ranges that are never a public homepage: [first octets as a number, prefix length]. */
const RESERVED_V4: readonly (readonly [number, number])[] = [
  [0x00000000, 8], // "this network"
  [0x0a000000, 8], // private
  [0x64400000, 10], // carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local (cloud metadata)
  [0xac100000, 12], // private
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0000200, 24], // documentation
  [0xc0586300, 24], // 6to4 relay
  [0xc0a80000, 16], // private
  [0xc6120000, 15], // benchmarking
  [0xc6336400, 24], // documentation
  [0xcb007100, 24], // documentation
  [0xe0000000, 4], // multicast
  [0xf0000000, 4], // reserved, broadcast
];

function ipv4Value(host: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return (
    (((parts[0] as number) << 24) |
      ((parts[1] as number) << 16) |
      ((parts[2] as number) << 8) |
      (parts[3] as number)) >>>
    0
  );
}

/** True for a literal IPv4 host in a range that is never a public homepage. */
export function isReservedIpv4(host: string): boolean {
  const v = ipv4Value(host);
  if (v === null) return false;
  return RESERVED_V4.some(([base, bits]) => v >>> (32 - bits) === base >>> (32 - bits));
}

export function homepageUrlIssue(v: string, opts: { allowPrivate?: boolean } = {}): Issue | null {
  const problem = httpUrlIssue(v);
  if (problem) return problem;
  const host = new URL(v.trim()).hostname;
  if (!opts.allowPrivate && isReservedIpv4(host)) return issue('url.private');
  return null;
}

/** The same check, as the Chinese text (the API's `message`). */
export function checkHomepageUrl(v: string, opts: { allowPrivate?: boolean } = {}): string | null {
  return zhText(homepageUrlIssue(v, opts));
}
