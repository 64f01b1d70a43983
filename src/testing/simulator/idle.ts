/**
 * `whenIdle({ timeoutMs })`: waits for the simulator's background work, and when that takes too
 * long says what is still pending and why, so a CI job fails in seconds with a reason instead of
 * waiting out Xendit's callback retry schedule (hours).
 */
import type { PendingCallback, Sim } from './context.js';
import type { RecordedCallback } from './types.js';

/** How long `whenIdle()` waits by default before it rejects. */
export const WHEN_IDLE_TIMEOUT_MS = 10_000;

/** Labels the scheduler gives the simulator's work, as a sentence names them. */
const WORK_NAMES: Record<string, [one: string, many: string]> = {
  'refund settlement': ['refund settlement', 'refund settlements'],
  'bill settlement': ['bill payment settlement', 'bill payment settlements'],
};

function duration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  if (Math.round(ms / 1_000) < 60) return `${Math.round(ms / 1_000)} s`;
  if (Math.round(ms / 60_000) < 60) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round((ms / 3_600_000) * 10) / 10} h`;
}

/** A receiver's answer to a callback (or its absence), with what it most likely means for a merchant's companion. */
export function callbackAnswer(last: Pick<RecordedCallback, 'responseStatus' | 'outcome'>, callbackTimeoutMs?: number): string {
  if (last.outcome === 'timeout') return `none within callbackTimeoutMs${callbackTimeoutMs === undefined ? '' : ` (${callbackTimeoutMs} ms)`}`;
  if (last.outcome === 'network-error') return 'none: the connection failed (is the shop listening at that URL?)';
  const status = last.responseStatus;
  if (status === 401 || status === 403) return `${status} (check callbackToken: the simulator's and the companion's must be the same)`;
  if (status === 404 || status === 405) return `${status} (check the callback URL: the companion answers at <its base path>/webhooks/xendit)`;
  if (status >= 500) return `${status} (the receiver failed: see its log; a throwing onPaymentEvent answers 500)`;
  return String(status);
}

function describeCallback(callback: PendingCallback, now: number, callbackTimeoutMs: number): string {
  const what = `${callback.event} for ${callback.billPaymentId ? `bill payment ${callback.billPaymentId}` : `charge ${callback.chargeId}`}${callback.refundId ? ` (refund ${callback.refundId})` : ''} to ${callback.url}`;
  const parts = [what];
  if (callback.last) parts.push(`last answer ${callbackAnswer(callback.last, callbackTimeoutMs)}`);
  if (callback.inFlight) parts.push(`attempt ${callback.attempt} still waiting for an answer`);
  else if (callback.nextAttemptAt !== undefined) parts.push(`next attempt in ${duration(callback.nextAttemptAt - now)}`);
  return parts.join(', ');
}

/** The message of the Error `whenIdle` rejects with after `timeoutMs`. */
export function describeBusy(sim: Sim, timeoutMs: number): string {
  const now = Date.now();
  const callbacks = [...sim.pendingCallbacks];
  const heads: string[] = [];
  if (callbacks.length > 0) heads.push(`${callbacks.length} callback${callbacks.length === 1 ? '' : 's'} still undelivered`);
  const others: string[] = [];
  for (const [label, count] of sim.scheduler.pending()) {
    if (label === 'callback') continue;
    const [one, many] = WORK_NAMES[label] ?? [label, `${label}s`];
    others.push(`${count} ${count === 1 ? one : many}`);
  }
  if (others.length > 0) heads.push(`${others.join(', ')} still pending`);
  if (heads.length === 0) heads.push('still busy');
  const details = callbacks.map((c) => describeCallback(c, now, sim.callbackTimeoutMs));
  let message = `whenIdle: ${heads.join(' and ')} after ${timeoutMs} ms`;
  if (details.length > 0) message += `: ${details.join('; ')}`;
  if (sim.options.callbackRetryDelaysMs === undefined && callbacks.some((c) => c.nextAttemptAt !== undefined)) {
    message += ". The simulator retries callbacks on Xendit's schedule (15 min, 45 min, 2 h, …): give it short `callbackRetryDelaysMs` (e.g. [50, 100, 200]) in CI";
  }
  return message;
}

/** Checks `whenIdle`'s `timeoutMs` (Infinity waits as long as it takes). */
export function idleTimeout(options: { timeoutMs?: number } | undefined): number {
  const timeoutMs = options?.timeoutMs ?? WHEN_IDLE_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs) || timeoutMs < 0) {
    throw new TypeError('whenIdle: `timeoutMs` must be a number ≥ 0 (Infinity to wait as long as it takes).');
  }
  return timeoutMs;
}
