/** The filing routes' request schemas are the shared API's (shared/api/filings.ts), also used by the web. */
export {
  attachmentKind,
  attachmentParams,
  createQuery,
  downloadQuery,
  filingParams,
} from '../../../shared/api/filings.js';
