/** Bill Payments: product list, inquiry, payment (with the required Idempotency-Key) and polling. */
import { BillPaymentRequest, InquiryRequest } from '../../../xendit/schemas.js';
import { findProduct, fulfilmentDetails, plnOutcome, quote, BILL_PRODUCTS, type BillProductSpec, type BillQuote } from '../../bills.js';
import { SIMULATOR_DECISIONS } from '../../decisions.js';
import { clone, nowIso, SimulatedError, uuid, validationError } from '../../responses.js';
import { check, notFound, parseJson, PRODUCT_LIST_DEFAULT_LIMIT, PRODUCT_NAMES_EN, type BillRecord, type Ctx, type Reply, type Sim } from '../context.js';
import { idempotencyKey, idempotent } from '../idempotency.js';
import type { SimBillPayment } from '../types.js';

export function billRoutes(sim: Sim, sendBillCallback: (payment: SimBillPayment) => unknown) {
  const { inquiries, bills, billRefs, businessId, scheduler, billSettleMs, remember, decisions } = sim;

  function productJson(p: BillProductSpec) {
    return {
      type: 'product',
      id: p.id,
      properties: {
        product_name: p.product_name,
        category: p.category,
        biller: p.biller,
        country: p.country,
        currency: p.currency,
        requires_inquiry: p.requires_inquiry,
        availability_status: p.availability_status,
        admin_amount: p.admin_amount,
        // [docs] Get Product: "Base product amount (0 for postpaid products)"; the bill is known after an inquiry.
        base_amount: p.base_amount ?? 0,
        total_amount: p.total_amount,
        revenue_share_amount: 0,
        locale: { en: PRODUCT_NAMES_EN[p.id] ?? p.product_name, id: p.product_name },
      },
    };
  }

  function listProducts(ctx: Ctx): Reply {
    const q = ctx.url.searchParams;
    const errors: { path: string; message: string }[] = [];
    const requiresInquiry = q.get('requires_inquiry');
    if (requiresInquiry !== null && requiresInquiry !== 'true' && requiresInquiry !== 'false') errors.push({ path: 'requires_inquiry', message: 'must be true or false' });
    const limitRaw = q.get('limit');
    const limit = limitRaw === null ? PRODUCT_LIST_DEFAULT_LIMIT : Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) errors.push({ path: 'limit', message: 'must be an integer from 1 to 100' });
    if (errors.length) throw validationError(errors);
    const eq = (name: string, value: string) => {
      const wanted = q.get(name);
      return wanted === null || wanted.toUpperCase() === value.toUpperCase();
    };
    const list = BILL_PRODUCTS.filter(
      (p) =>
        eq('id', p.id) &&
        eq('biller', p.biller) &&
        eq('category', p.category) &&
        eq('country', p.country) &&
        eq('availability_status', p.availability_status) &&
        (requiresInquiry === null || String(p.requires_inquiry) === requiresInquiry),
    );
    const cursor = q.get('cursor');
    let start = 0;
    if (cursor !== null) {
      const index = list.findIndex((p) => p.id === cursor);
      if (index === -1) throw validationError([{ path: 'cursor', message: 'is not a cursor this endpoint returned' }]);
      start = index + 1;
    }
    const page = list.slice(start, start + limit);
    // [docs] `next_cursor` is empty on the last page (an empty string, not null).
    const next = start + limit < list.length ? page[page.length - 1]!.id : '';
    return { status: 200, body: { limit, cursor, next_cursor: next, data: page.map(productJson) } };
  }

  function productOf(id: string): BillProductSpec {
    const product = findProduct(id);
    if (!product) throw new SimulatedError(404, 'PRODUCT_NOT_FOUND', `Product ${id} was not found.`);
    return product;
  }

  /**
   * A postpaid bill, once paid, is no longer owed: its inquiry and any payment of an inquiry made
   * before answer as the test number …16 does (409 BILL_ALREADY_PAID), so a second payment of one
   * bill is refused by the biller, as it is live (`SIMULATOR_DECISIONS.postpaidPaidOnce`).
   */
  function refusePaidBill(product: BillProductSpec, customerNumber: string): void {
    if (product.kind !== 'postpaid' || !decisions.postpaidPaidOnce) return;
    for (const { payment } of bills.values()) {
      const p = payment.properties;
      if (p.product_id === product.id && p.customer_number === customerNumber && p.status === 'SUCCEEDED') {
        throw new SimulatedError(409, 'BILL_ALREADY_PAID', 'The bill has already been paid.');
      }
    }
  }

  function createInquiry(ctx: Ctx): Reply {
    const body = check(InquiryRequest, parseJson(ctx.text));
    const product = productOf(body.product_id);
    refusePaidBill(product, body.customer_number);
    const outcome = plnOutcome(product, body.customer_number);
    if (outcome.kind === 'error' && outcome.at === 'both') throw new SimulatedError(outcome.status, outcome.code, outcome.message);
    const q = quote(product, body.customer_number, outcome.kind === 'success' ? outcome.months : 1);
    const inquiry = { id: `inq-${uuid()}`, product_id: product.id, customer_number: body.customer_number, quote: q };
    remember(inquiries, inquiry.id, inquiry);
    return {
      status: 200,
      body: {
        data: {
          business_id: businessId,
          type: 'inquiry',
          id: inquiry.id,
          properties: { product_id: product.id, customer_number: body.customer_number, ...clone(q) },
        },
      },
    };
  }

  function settleBill(record: BillRecord, status: 'SUCCEEDED' | 'FAILED', failure?: { failure_code: string; failure_reason: string }) {
    const p = record.payment.properties;
    p.status = status;
    if (status === 'SUCCEEDED') {
      p.fulfilled_at = nowIso();
      p.payment_details = fulfilmentDetails(record.product, p.base_amount);
    } else {
      p.failure_code = failure?.failure_code ?? 'TRANSACTION_FAILED';
      p.failure_reason = failure?.failure_reason ?? 'The biller refused the transaction.';
    }
    sendBillCallback(record.payment);
  }

  function payBill(raw: unknown): Reply {
    const body = check(BillPaymentRequest, raw);
    const product = productOf(body.product_id);
    if (billRefs.has(body.reference_id)) {
      throw new SimulatedError(409, 'DUPLICATE_REFERENCE_ID', `A payment with reference_id ${body.reference_id} already exists.`);
    }
    refusePaidBill(product, body.customer_number);
    const outcome = plnOutcome(product, body.customer_number);
    if (outcome.kind === 'error') throw new SimulatedError(outcome.status, outcome.code, outcome.message);
    const months = outcome.kind === 'success' ? outcome.months : 1;
    let q: BillQuote;
    if (body.inquiry_id !== undefined) {
      const inquiry = inquiries.get(body.inquiry_id);
      if (inquiry && (inquiry.product_id !== product.id || inquiry.customer_number !== body.customer_number)) {
        throw validationError([{ path: 'inquiry_id', message: `was made for ${inquiry.product_id} / ${inquiry.customer_number}` }]);
      }
      // Unknown inquiry ids (e.g. the docs' inq-98765) are accepted: SIMULATOR_DECISIONS.unknownInquiryIdAccepted.
      q = inquiry ? inquiry.quote : quote(product, body.customer_number, months);
    } else {
      if (product.requires_inquiry && SIMULATOR_DECISIONS.requiresInquiryNeedsInquiryId) {
        throw validationError([{ path: 'inquiry_id', message: `is required for ${product.id}: make an inquiry first` }]);
      }
      q = quote(product, body.customer_number, months);
    }
    if (Math.abs(body.total_amount - q.total_amount) > 1e-9) {
      throw validationError([{ path: 'total_amount', message: `must be ${q.total_amount} (base ${q.base_amount} + admin ${q.admin_amount})` }]);
    }
    const payment: SimBillPayment = {
      business_id: businessId,
      type: 'payment',
      id: `trx-${uuid()}`,
      properties: {
        product_id: product.id,
        customer_number: body.customer_number,
        reference_id: body.reference_id,
        admin_amount: q.admin_amount,
        base_amount: q.base_amount,
        total_amount: q.total_amount,
        currency: q.currency,
        status: 'PENDING',
        fulfilled_at: null,
        failure_code: null,
        failure_reason: null,
        customer_details: clone(q.customer_details),
        product_details: clone(q.product_details),
        bill_details: clone(q.bill_details),
        payment_details: [],
      },
    };
    const record: BillRecord = { payment, product };
    remember(bills, payment.id, record, (id, old) => {
      if (billRefs.get(old.payment.properties.reference_id) === id) billRefs.delete(old.payment.properties.reference_id);
    });
    billRefs.set(body.reference_id, payment.id);
    if (outcome.kind === 'fails-at-once') settleBill(record, 'FAILED', outcome);
    else if (outcome.kind === 'success' || outcome.kind === 'fails-later') {
      const gen = sim.generation;
      scheduler.schedule(billSettleMs, () => {
        if (gen !== sim.generation || payment.properties.status !== 'PENDING') return;
        if (outcome.kind === 'success') settleBill(record, 'SUCCEEDED');
        else settleBill(record, 'FAILED', outcome);
      }, 'bill settlement');
    }
    return { status: 200, body: { data: clone(payment) } };
  }

  function createBillPayment(ctx: Ctx): Reply {
    const key = idempotencyKey(ctx);
    if (key === null || key.trim() === '') {
      throw validationError([{ path: 'Idempotency-Key', message: 'header is required' }], 'The Idempotency-Key header is required.');
    }
    const raw = parseJson(ctx.text);
    return idempotent(sim, ctx, 'bill-payment', raw, () => payBill(raw));
  }

  function getBillPayment(ctx: Ctx): Reply {
    const record = bills.get(ctx.params[0]!);
    if (!record) throw notFound('Payment', ctx.params[0]!);
    return { status: 200, body: { data: clone(record.payment) } };
  }

  return { listProducts, createInquiry, createBillPayment, getBillPayment, settleBill };
}
