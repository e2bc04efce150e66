/**
 * Toasts and confirmation dialogs (`const { message, modal } = useFeedback()`, antd's call signatures) without antd's
 * `App` in the first load: its message, notification and modal machinery is a chunk of its own
 * (`feedbackHolders.tsx`), fetched a few seconds after the app starts or at the first call, whichever comes first.
 * The holders render inside the app's ConfigProvider (`<FeedbackHost />`, mounted once by app/App.tsx), so toasts
 * and dialogs follow the theme and the language as antd's `App.useApp()` did. A call made before the chunk has
 * arrived waits for it and is then shown; if the chunk cannot be fetched, the next call tries again.
 */
import type { Modal, message } from 'antd';
import { type ComponentType, lazy, Suspense, useEffect, useSyncExternalStore } from 'react';

type MessageApi = ReturnType<typeof message.useMessage>[0];
type ModalApi = ReturnType<typeof Modal.useModal>[0];
/** What the holders give once mounted. */
export interface FeedbackApis {
  message: MessageApi;
  modal: ModalApi;
}

type Call<F> = F extends (...args: infer A) => unknown ? (...args: A) => void : never;
type MessageKind = 'info' | 'success' | 'error' | 'warning' | 'loading' | 'open' | 'destroy';
type ModalKind = 'confirm' | 'info' | 'success' | 'error' | 'warning';
export interface Feedback {
  message: { [K in MessageKind]: Call<MessageApi[K]> };
  modal: { [K in ModalKind]: Call<ModalApi[K]> };
}

let apis: FeedbackApis | null = null;
let queue: ((a: FeedbackApis) => void)[] = [];
/** 0 until the holders are wanted; a new number for every attempt to load them (the host's snapshot). */
let attempt = 0;
let loading = false;
const listeners = new Set<() => void>();

function want() {
  if (loading || apis) return;
  loading = true;
  attempt += 1;
  for (const l of listeners) l();
}

function run(call: (a: FeedbackApis) => void) {
  if (apis) {
    call(apis);
    return;
  }
  queue.push(call);
  want();
}

/** Called by the holders once mounted (and with null when they unmount). */
export function feedbackReady(ready: FeedbackApis | null) {
  apis = ready;
  if (!ready) {
    loading = false;
    return;
  }
  const waiting = queue;
  queue = [];
  for (const call of waiting) call(ready);
}

const messageKinds: MessageKind[] = ['info', 'success', 'error', 'warning', 'loading', 'open', 'destroy'];
const modalKinds: ModalKind[] = ['confirm', 'info', 'success', 'error', 'warning'];

const feedback: Feedback = {
  message: Object.fromEntries(
    messageKinds.map((k) => [
      k,
      (...args: unknown[]) => run((a) => (a.message[k] as (...x: unknown[]) => unknown)(...args)),
    ]),
  ) as Feedback['message'],
  modal: Object.fromEntries(
    modalKinds.map((k) => [
      k,
      (...args: unknown[]) => run((a) => (a.modal[k] as (...x: unknown[]) => unknown)(...args)),
    ]),
  ) as Feedback['modal'],
};

/** `message` and `modal` as antd's `App.useApp()` gives them (one stable object: safe in effect dependencies). */
export function useFeedback(): Feedback {
  return feedback;
}

const loadHolders = () => import('./feedbackHolders.js');

/** The holders' component for one attempt: a chunk that cannot be fetched (offline, an old file gone after a
 * deploy) renders nothing, and the next call tries again. */
function holdersOf(): ComponentType {
  return lazy<ComponentType>(() =>
    loadHolders().then(
      (m): { default: ComponentType } => ({ default: m.FeedbackHolders }),
      () => {
        loading = false;
        return { default: () => null };
      },
    ),
  );
}
const holders = new Map<number, ComponentType>();

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/**
 * Where toasts and dialogs render: once, inside the ConfigProvider. Mounts the holders at the first call, or
 * `prefetchAfterMs` after the app started, so that the first toast does not wait for the network.
 */
export function FeedbackHost({ prefetchAfterMs = 3000 }: { prefetchAfterMs?: number | null }) {
  const current = useSyncExternalStore(
    subscribe,
    () => attempt,
    () => 0,
  );
  useEffect(() => {
    if (prefetchAfterMs === null) return;
    const timer = setTimeout(want, prefetchAfterMs);
    return () => clearTimeout(timer);
  }, [prefetchAfterMs]);
  if (!current) return null;
  let Holders = holders.get(current);
  if (!Holders) {
    Holders = holdersOf();
    holders.clear();
    holders.set(current, Holders);
  }
  return (
    <Suspense fallback={null}>
      <Holders key={current} />
    </Suspense>
  );
}
