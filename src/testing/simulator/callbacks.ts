/**
 * PayLater and Bill Payments callbacks: delivery with Xendit's retry schedule and timeout, recorded
 * for `callbacks()`. PayLater's carry `x-callback-token`; Bill Payments' carry `X-Callback-Signature`
 * and `X-Callback-Timestamp`, as docs.xendit.co shows them (what is signed is not documented: here,
 * HMAC-SHA256 of "<timestamp>.<body>" with the callback token, in hex; SIMULATOR_DECISIONS).
 */
import { hex, hmacKey, hmacSign } from '../../server/crypto.js';
import { clone, nowIso } from '../responses.js';
import type { PendingCallback, Sim } from './context.js';
import type { BillCallbackBody, PaylaterCallbackBody, RecordedCallback, SimBillPayment, SimCharge, SimRefund } from './types.js';

type Job = {
  url: string;
  event: string;
  body: PaylaterCallbackBody | BillCallbackBody;
  text: string;
  chargeId: string;
  refundId: string | null;
  billPaymentId?: string;
  status: string;
  pending: PendingCallback;
};

export function createCallbacks(sim: Sim) {
  const { businessId, scheduler, callbackTimeoutMs, deliveries, fetchImpl, callbackToken, retryDelays } = sim;

  function sendCallback(event: string, data: SimCharge | SimRefund): Promise<void> | undefined {
    const url = sim.callbackUrl;
    if (!url) return undefined;
    const body: PaylaterCallbackBody = { event, business_id: businessId, created: nowIso(), data: clone(data) };
    const isRefund = data.id.startsWith('plr_');
    const chargeId = isRefund ? (data as SimRefund).charge_id : data.id;
    const refundId = isRefund ? data.id : null;
    return start({ url, event, body, chargeId, refundId, status: data.status });
  }

  /** Its first delivery, now; listed as pending until it is delivered or given up on. */
  function start(fields: Omit<Job, 'text' | 'pending'>): Promise<void> {
    const { url, event, chargeId, refundId, billPaymentId } = fields;
    const pending: PendingCallback = { url, event, chargeId, refundId, ...(billPaymentId ? { billPaymentId } : {}), attempt: 1, inFlight: true };
    sim.pendingCallbacks.add(pending);
    return scheduler.track(deliver({ ...fields, text: JSON.stringify(fields.body), pending }, 1, sim.generation), 'callback');
  }

  /** The Bill Payments callback of a payment that ended, to `billCallbackUrl` when set. */
  function sendBillCallback(payment: SimBillPayment): Promise<void> | undefined {
    const url = sim.billCallbackUrl;
    const p = payment.properties;
    if (!url || p.status === 'PENDING') return undefined;
    const event = p.status === 'SUCCEEDED' ? 'bill_payment.succeeded' : 'bill_payment.failed';
    const now = nowIso();
    const body: BillCallbackBody = {
      created: now,
      business_id: businessId,
      event,
      data: {
        data: {
          status: p.status === 'SUCCEEDED' ? 'SUCCEEDDED' : 'FAILED',
          created_at: now,
          payment_id: payment.id,
          product_id: p.product_id,
          updated_at: now,
          reference_id: p.reference_id,
          total_amount: p.total_amount,
          customer_number: p.customer_number,
          ledger_transaction_id: '',
          ...(p.failure_code ? { failure_code: p.failure_code } : {}),
        },
        event,
        business_id: businessId,
      },
      api_version: 'v1',
    };
    return start({ url, event, body, chargeId: '', refundId: null, billPaymentId: payment.id, status: p.status });
  }

  /** The headers of an attempt: PayLater's token, or a bill callback's timestamp and signature. */
  async function headersOf(job: Job): Promise<Record<string, string>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'xendit-simulator' };
    if (!job.billPaymentId) return { ...headers, 'x-callback-token': callbackToken };
    const timestamp = String(Math.floor(Date.now() / 1000));
    return { ...headers, 'x-callback-timestamp': timestamp, 'x-callback-signature': hex(await hmacSign(await hmacKey(callbackToken), `${timestamp}.${job.text}`)) };
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
        headers: await headersOf(job),
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
      ...(job.billPaymentId ? { billPaymentId: job.billPaymentId } : {}),
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

  return { sendCallback, sendBillCallback };
}
