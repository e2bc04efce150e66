export {
  checkEmail,
  checkHttpUrl,
  checkMobile,
  emailIssue,
  httpUrlIssue,
  mobileIssue,
  normalizeMobile,
} from './contact.js';
export { checkHomepageUrl, homepageUrlIssue, isReservedIpv4 } from './homepage.js';
export { checkIcpNumber, ICP_PROVINCE_ABBRS, icpNumberIssue, normalizeIcpNumber } from './icp.js';
export { maskEmail, maskIdNumber, maskMobile, maskPersonName } from './mask.js';
export {
  checkResidentId,
  normalizeResidentId,
  PROVINCE_CODES,
  RESIDENT_ID_WEIGHTS,
  residentIdCheckChar,
  residentIdIssue,
} from './residentId.js';
export { toHalfWidth } from './text.js';
export {
  checkUscc,
  normalizeUscc,
  USCC_AUTHORITY_CODES,
  USCC_CHARSET,
  USCC_WEIGHTS,
  usccCheckChar,
  usccIssue,
} from './uscc.js';
