/**
 * The calendar years' API (server: routes/calendar/years.ts, mounted at /api/admin/calendar): the years, one year,
 * the preview of an import and the save. Types come from the shared zod schemas (shared/api/calendar.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CalendarPreviewBody,
  CalendarSaveBody,
  calendarPreviewResponse,
  calendarSaveResponse,
  calendarYearResponse,
  calendarYearsResponse,
} from '../../../../shared/api/calendar.js';
import { api } from '../../../lib/api.js';

export type CalendarYears = z.infer<typeof calendarYearsResponse>;
export type CalendarYear = z.infer<typeof calendarYearResponse>;
export type CalendarPreview = z.infer<typeof calendarPreviewResponse>;
export type CalendarSaved = z.infer<typeof calendarSaveResponse>;

const yearsKey = ['calendar', 'years'] as const;
const yearKey = (year: number) => ['calendar', 'year', year] as const;

export function useCalendarYears() {
  return useQuery({ queryKey: yearsKey, queryFn: () => api<CalendarYears>('GET', '/api/admin/calendar/years') });
}

export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: yearKey(year),
    queryFn: () => api<CalendarYear>('GET', `/api/admin/calendar/years/${year}`),
  });
}

export function usePreviewYear() {
  return useMutation({
    mutationFn: (body: CalendarPreviewBody) => api<CalendarPreview>('POST', '/api/admin/calendar/preview', body),
  });
}

export function useSaveYear() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CalendarSaveBody) =>
      api<CalendarSaved>('PUT', `/api/admin/calendar/years/${body.schedule.year}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['calendar'] }),
  });
}
