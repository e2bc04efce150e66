/** TOTP (RFC 6238) for staff accounts: 6 digits, 30 s, SHA-1, as authenticator apps expect. */
import { Secret, TOTP } from 'otpauth';

const ISSUER = 'VCP备案系统';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, label: string): string {
  return new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secret) }).toString();
}

export function totpNow(secret: string, at: Date = new Date()): string {
  return new TOTP({ issuer: ISSUER, secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });
}

/** Accepts the code of the current 30-second step and of the one before or after (clock drift). */
export function verifyTotp(secret: string, token: string, at: Date): boolean {
  const totp = new TOTP({ issuer: ISSUER, secret: Secret.fromBase32(secret) });
  return totp.validate({ token, timestamp: at.getTime(), window: 1 }) !== null;
}

/** The 30-second step the code belongs to (current, one before or one after), or null when it matches none. */
export function matchTotp(secret: string, token: string, at: Date): number | null {
  const totp = new TOTP({ issuer: ISSUER, secret: Secret.fromBase32(secret) });
  const delta = totp.validate({ token, timestamp: at.getTime(), window: 1 });
  return delta === null ? null : Math.floor(at.getTime() / 1000 / 30) + delta;
}
