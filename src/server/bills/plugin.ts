/** Bills as a plug-in of the companion: its routes, the orders it resolves, fulfilment once per order, its status view. */
import type { CompanionContext } from '../companion/context.js';
import { billAskWindow } from '../companion/options.js';
import type { CompanionPlugin } from '../companion/plugin.js';
import { CompanionError, json } from '../errors.js';
import { createBillBook } from './book.js';
import { billCallbackRoute } from './callback.js';
import { billFacts, createFulfilment } from './fulfil.js';
import { BILL_CHECKOUT_PREFIX, createInquiries } from './inquiry.js';
import type { BillOptions, BillRecord } from './model.js';

export function createBillsPlugin(ctx: CompanionContext, options: BillOptions) {
  const { store, xendit, logger, config } = ctx;
  const durable = { ttlMs: config.recordTtlMs };
  const inquiries = createInquiries({ xendit, store, flights: ctx.flights, options });

  const book = createBillBook(store, durable, billAskWindow(config));
  const { fulfil, paymentCallback, needsNoLook } = createFulfilment({ xendit, store, logger, options, book, ttlMs: config.recordTtlMs, lockTtlMs: config.orderLockTtlMs, retryWaitMs: config.shopperRetryWaitMs });

  /**
   * What the status route shows about a bill: state, token or receipt, refund. The details' keys are
   * the biller's labels (docs.xendit.co Get Payment Detail: `Token`, `Serial Number`), found by
   * `billDetail`. The docs show no receipt label: a postpaid bill's proof is its serial number.
   */
  function view(record: BillRecord) {
    const { token, kwh, receipt } = billFacts(record);
    return {
      product_id: record.product_id,
      product_name: record.product_name,
      kind: record.kind,
      customer_number: record.customer_number,
      status: record.state,
      token,
      kwh,
      receipt,
      failure_code: record.failure_code ?? undefined,
      refund: record.refund ? { status: record.refund.status } : undefined,
    };
  }

  const plugin = {
    name: 'bills',
    routes: {
      'bills/products': { method: 'GET', browser: true, handler: async () => json(200, await inquiries.products()) },
      'bills/inquiry': { method: 'POST', browser: true, handler: async (request: Request) => json(200, await inquiries.inquiry(request)) },
      'bills/webhook': billCallbackRoute(ctx, { read: book.read, needsNoLook, paymentCallback }),
    },
    async resolve(_request, checkout) {
      if (!checkout.startsWith(BILL_CHECKOUT_PREFIX)) return undefined;
      const inquiry = await inquiries.read(checkout);
      return inquiry ? inquiries.orderOf(inquiry) : null;
    },
    /** Before the first charge: the bill becomes a durable record of its order (the inquiry is only cached). */
    async prepare(checkout, order) {
      const inq = await inquiries.read(checkout);
      if (!inq) throw new CompanionError(404, 'CHECKOUT_NOT_FOUND', 'This bill inquiry has expired. Please check the bill again.');
      const record: BillRecord = {
        reference_id: order.reference_id,
        charge_id: null,
        product_id: inq.product_id,
        product_name: inq.product_name,
        kind: inq.kind,
        customer_number: inq.customer_number,
        inquiry_id: inq.inquiry_id,
        total_amount: inq.total_amount,
        currency: inq.currency,
        state: 'PENDING',
        updated_at: Date.now(),
      };
      await store.setIfAbsent(`bill:${order.reference_id}`, JSON.stringify(record), durable);
    },
    fulfil,
    async pending(reference) {
      const record = await book.read(reference);
      return !!record && (record.state === 'PENDING' || record.state === 'PROCESSING' || (record.state === 'FAILED' && !record.refund));
    },
    async view(reference) {
      const record = await book.read(reference);
      return record ? { bill: view(record) } : null;
    },
    async refundChanged(reference, refund) {
      if (refund.status !== 'SUCCEEDED' && refund.status !== 'FAILED') return;
      const record = await book.read(reference);
      if (!record || record.charge_id !== refund.charge_id) return;
      // Only a refund of the whole charge (the companion's own, or one made by hand in its place):
      // a partial one does not give the shopper back what a failed bill owes them.
      if (typeof refund.amount === 'number' && refund.amount < record.total_amount) return;
      // The companion's own refund of a failed bill; its news may come before the companion wrote
      // down the refund it asked for (a crash or a slow write in between): it is written down now.
      if (!record.refund && record.state !== 'FAILED') return;
      record.refund = { id: record.refund?.id ?? refund.id, status: refund.status === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED' };
      await book.save(record);
    },
  } satisfies CompanionPlugin;

  return { ...plugin, read: book.read };
}
