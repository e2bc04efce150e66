/**
 * Code loaded on demand (every route's page, the dashboard's charts). A chunk that cannot be fetched — the network
 * dropped, or a deploy replaced the hashed files and the old one is gone — rejects with ChunkLoadError, which the
 * error page (components/RouteError.tsx) answers with a reload prompt instead of a white screen.
 */
import { type ComponentType, lazy, useState } from 'react';
import { loadEnglish, showsEnglish } from './i18n.js';

export class ChunkLoadError extends Error {
  override readonly name = 'ChunkLoadError';
}

/** What the browsers and Vite's preloader say when a module or its CSS cannot be fetched. */
const CHUNK_FAILURE =
  /dynamically imported module|Importing a module script failed|error loading dynamically imported module|Unable to preload CSS/i;

export const isChunkLoadError = (err: unknown): boolean =>
  err instanceof ChunkLoadError || (err instanceof Error && CHUNK_FAILURE.test(err.message));

/**
 * `load` (an `import()`), its failure turned into a ChunkLoadError. In English it also waits for the English of the
 * catalogs the chunk brought (lib/i18n.tsx `loadEnglish`), so that the page or dialog renders in English at once.
 */
export function loadChunk<T>(load: () => Promise<T>): () => Promise<T> {
  return () =>
    load()
      .then(async (loaded) => {
        if (showsEnglish()) await loadEnglish();
        return loaded;
      })
      .catch((err: unknown) => {
        throw new ChunkLoadError(err instanceof Error ? err.message : String(err), { cause: err });
      });
}

/**
 * A component whose module loads when it first renders (`React.lazy`): for what a page shows only sometimes (a
 * dialog, a card of approved filings), so that the page's first load does not carry it. Render it inside a
 * `<Suspense>` of its own, or the whole page shows the loading state while it arrives.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(loadChunk(async () => ({ default: await load() })));
}

/** True from the first time `open` is: a lazily loaded dialog mounts when first opened and stays (it animates shut). */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}
