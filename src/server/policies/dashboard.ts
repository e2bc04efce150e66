/**
 * Who sees which part of the staff dashboard (issue 15 item 5): any staff account opens it; the review figures go to
 * those who work the review queue, the complaint figures to complaint handlers (admins see both), so no figure
 * links to a list its reader may not open. Applicants and strangers get 403 / 401.
 */
import { forbidden } from '../lib/errors.js';
import type { SessionUser } from '../services/sessions.js';
import { isComplaintHandler } from './complaint.js';
import { isReviewer } from './utils.js';

export interface DashboardSections {
  review: boolean;
  complaints: boolean;
}

export function dashboardSections(user: SessionUser): DashboardSections {
  const sections = { review: isReviewer(user), complaints: isComplaintHandler(user) };
  if (!sections.review && !sections.complaints) throw forbidden('仅工作人员可以访问');
  return sections;
}
