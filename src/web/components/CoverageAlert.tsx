/**
 * The staff's warning (SPEC §3 "Deadlines"): open deadlines reaching into a year without a schedule are counted on
 * weekends alone and marked provisional until an admin enters that year. Shown on the staff's queue pages; admins
 * get a link to the calendar page. Nothing is shown when every year is entered.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { calendarCoverageResponse } from '../../shared/api/calendar.js';
import { calendarCatalog } from '../../shared/i18n/locales/calendar.js';
import { hasAnyRole, paths } from '../config/paths.js';
import { useMe } from '../features/auth/api/auth.js';
import { api } from '../lib/api.js';
import { useCatalog } from '../lib/i18n.js';

export function CoverageAlert() {
  const { t } = useCatalog(calendarCatalog);
  const me = useMe();
  const coverage = useQuery({
    queryKey: ['calendar', 'coverage'],
    queryFn: () => api<z.infer<typeof calendarCoverageResponse>>('GET', '/api/calendar/coverage'),
    staleTime: 60_000,
  });
  const missing = coverage.data?.missing ?? [];
  if (!missing.length) return null;
  const admin = hasAnyRole(me.data?.roles, ['admin']);
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="coverage-alert"
      style={{ marginBottom: 16 }}
      message={missing
        .map((m) => t('missing.staffItem', { year: m.year, count: m.deadlines, earliest: m.earliest }))
        .join(' ')}
      action={
        admin ? (
          <Link to={`${paths.adminCalendar}?year=${missing[0]?.year ?? ''}`}>
            {t('missing.open', { year: missing[0]?.year })}
          </Link>
        ) : undefined
      }
    />
  );
}
