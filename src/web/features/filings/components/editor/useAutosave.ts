/**
 * Saves the draft a moment after the user stops typing, and on demand (before changing step, submitting or
 * leaving). At most one save runs at a time; a change during a save schedules another.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export type SaveState = { state: 'idle' | 'dirty' | 'saving' | 'saved' | 'error'; at?: Date; message?: string };

export function useAutosave(save: () => Promise<void>, delayMs = 1200) {
  const [status, setStatus] = useState<SaveState>({ state: 'idle' });
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const running = useRef<Promise<void> | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;

  const flush = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    if (running.current) await running.current;
    if (!dirty.current) return true;
    dirty.current = false;
    setStatus({ state: 'saving' });
    let ok = true;
    running.current = saveRef
      .current()
      .then(() => setStatus({ state: 'saved', at: new Date() }))
      .catch((err: unknown) => {
        ok = false;
        dirty.current = true;
        setStatus({ state: 'error', message: err instanceof Error ? err.message : String(err) });
      })
      .finally(() => {
        running.current = null;
      });
    await running.current;
    return ok;
  }, []);

  const markDirty = useCallback(() => {
    dirty.current = true;
    setStatus((s) => (s.state === 'saving' ? s : { state: 'dirty' }));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), delayMs);
  }, [flush, delayMs]);

  useEffect(() => () => clearTimeout(timer.current), []);

  return { status, markDirty, flush, isDirty: () => dirty.current || status.state === 'saving' };
}
