/** The review routes' request schemas are the shared API's (shared/api/review.ts), also used by the web. */
export {
  assignBody,
  checkBody,
  checkParams,
  correctionBody,
  revealBody,
} from '../../../shared/api/review.js';
