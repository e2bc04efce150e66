/**
 * The monitor's long-lived parts per context (SPEC §10): one undici agent (keep-alive, a few connections per host:
 * politeness), the per-host pacer (a delay between requests to one host) and one Chromium renderer, made on first use and closed with the app.
 */
import type { Agent } from 'undici';
import type { AppContext } from '../context.js';
import { createMonitorAgent } from './fetch.js';
import { createHostPacer, type HostPacer } from './hostPacer.js';
import { createChromiumRenderer, type Renderer } from './render.js';

export interface MonitorRuntime {
  agent: Agent;
  renderer: Renderer;
  /** Per-host delay between requests (setting `monitor.hostDelayMs`). */
  pacer: HostPacer;
  close(): Promise<void>;
}

const runtimes = new WeakMap<AppContext, MonitorRuntime>();

export function monitorRuntime(ctx: AppContext): MonitorRuntime {
  let rt = runtimes.get(ctx);
  if (rt) return rt;
  const agent = createMonitorAgent({ allowPrivate: ctx.config.monitorAllowPrivate, connectionsPerHost: 2 });
  const renderer = createChromiumRenderer({ allowPrivate: ctx.config.monitorAllowPrivate });
  rt = {
    agent,
    renderer,
    pacer: createHostPacer(),
    close: async () => {
      runtimes.delete(ctx);
      await Promise.all([agent.close().catch(() => undefined), renderer.close()]);
    },
  };
  runtimes.set(ctx, rt);
  return rt;
}

export async function closeMonitorRuntime(ctx: AppContext): Promise<void> {
  await runtimes.get(ctx)?.close();
}
