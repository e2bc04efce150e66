/**
 * The longest value each text input takes, as the shared schema refuses it (shared/filing/schema.ts). Inputs show a
 * count against it and turn red past it, instead of cutting a pasted text silently; the schema's message says why.
 */
export const LIMITS = {
  platformName: 100,
  url: 2048,
  icp: 64,
  socialApp: 50,
  socialAccount: 100,
  sponsorName: 200,
  idNumber: 32,
  personName: 50,
  mobile: 32,
  email: 254,
  shareholderName: 200,
  longText: 20_000,
  mlpsCertificate: 64,
} as const;

/** antd's counter with a maximum: shown, red when exceeded, never truncating. */
export const counted = (max: number) => ({ count: { show: true, max } });
