/**
 * Fault injection for the crash tests: with VCP_FAULT=<name> the process kills itself (SIGKILL, no cleanup) when
 * it reaches that point, exactly as a power cut would. Unset in normal running, where it costs one comparison.
 */
export type FaultPoint = 'approve.afterNumber';

export function faultPoint(name: FaultPoint): void {
  if (process.env.VCP_FAULT === name) process.kill(process.pid, 'SIGKILL');
}
