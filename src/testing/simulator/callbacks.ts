/** PayLater callbacks: delivery with Xendit's retry schedule and timeout, recorded for `callbacks()`. */
import { clone, nowIso } from '../responses.js';
import type { PendingCallback, Sim } from './context.js';
import type { PaylaterCallbackBody, RecordedCallback, SimCharge, SimRefund } from './types.js';

type Job = { url: string; event: string; body: PaylaterCallbackBody; text: string; chargeId: string; refundId: string | null; status: string; pending: PendingCallback };

export function createCallbacks(sim: Sim) {
  const { businessId, scheduler, callbackTimeoutMs, deliveries, fetchImpl, callbackToken, retryDelays } = sim;

  function sendCallback(event: string, data: SimCharge | SimRefund): Promise<void> | undefined {
    const url = sim.callbackUrl;
    if (!url) return undefined;
    const body: PaylaterCallbackBody = { event, business_id: businessId, created: nowIso(), data: clone(data) };
    const isRefund = data.id.startsWith('plr_');
    const chargeId = isRefund ? (data as SimRefund).charge_id : data.id;
    const refundId = isRefund ? data.id : null;
    const pending: PendingCallback = { url, event, chargeId, refundId, attempt: 1, inFlight: true };
    sim.pendingCallbacks.add(pending);
    const job = { url, event, body, text: JSON.stringify(body), chargeId, refundId, status: data.status, pending };
    return scheduler.track(deliver(job, 1, sim.generation), 'callback');
  }

  async function deliver(job: Job, attempt: number, gen: number): Promise<void> {
    if (gen !== sim.generation) return;
    Object.assign(job.pending, { attempt, inFlight: true, nextAttemptAt: undefined });
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`no answer within ${callbackTimeoutMs} ms`));
    }, callbackTimeoutMs);
    deliveries.add(controller);
    let responseStatus = 0;
    let outcome: RecordedCallback['outcome'];
    try {
      const response = await fetchImpl(job.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-callback-token': callbackToken, 'user-agent': 'xendit-simulator' },
        body: job.text,
        signal: controller.signal,
      });
      responseStatus = response.status;
      await response.arrayBuffer().catch(() => undefined);
      outcome = response.ok ? 'delivered' : 'failed';
    } catch {
      outcome = timedOut ? 'timeout' : 'network-error';
    } finally {
      clearTimeout(timer);
      deliveries.delete(controller);
    }
    if (gen !== sim.generation) return;
    const willRetry = outcome !== 'delivered' && attempt <= retryDelays.length;
    sim.callbackLog.push({
      at: nowIso(),
      url: job.url,
      event: job.event,
      chargeId: job.chargeId,
      refundId: job.refundId,
      status: job.status,
      attempt,
      responseStatus,
      outcome,
      willRetry,
      gaveUp: outcome !== 'delivered' && !willRetry,
      body: clone(job.body),
    });
    if (sim.callbackLog.length > sim.maxRecords) sim.callbackLog.splice(0, sim.callbackLog.length - sim.maxRecords);
    if (!willRetry) {
      sim.pendingCallbacks.delete(job.pending);
      return;
    }
    const delay = retryDelays[attempt - 1]!;
    Object.assign(job.pending, { inFlight: false, last: { responseStatus, outcome }, nextAttemptAt: Date.now() + delay });
    scheduler.schedule(delay, () => deliver(job, attempt + 1, gen), 'callback');
  }

  return { sendCallback };
}
