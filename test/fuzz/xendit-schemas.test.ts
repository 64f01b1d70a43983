/**
 * Property-based fuzzing of the Xendit schemas (src/xendit/schemas.ts) and of the client that uses
 * them: `safeParse` never throws whatever it is given; every object built the way Xendit documents
 * it parses, with unknown fields kept; and a 2xx answer whose body is not what the API promises
 * becomes an `XenditInvalidResponseError`, an error answer an `XenditError`, never a crash or a
 * half-typed object.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as z from 'zod';
import { createXenditClient, schemas, XenditError, XenditInvalidResponseError } from '../../src/xendit/index.js';
import { runs } from './support.js';

const ALL = (Object.entries(schemas) as Array<[string, unknown]>).filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType);

// ---------------------------------------------------------------- valid objects, as Xendit documents them

const id = (prefix: string) => fc.uuid().map((u) => `${prefix}${u}`);
const iso = fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
const money = fc.oneof(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1e9 }).map((n) => n / 100));
const text = fc.string({ maxLength: 40 });
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const status = (...known: string[]) => fc.oneof(fc.constantFrom(...known), fc.stringMatching(/^[A-Z_]{1,20}$/));
const channel = fc.constantFrom(...schemas.PAYLATER_CHANNELS);
const url = fc.webUrl({ validSchemes: ['https', 'http'] });
/** Addresses as shops hold them (zod's e-mail check is the practical subset of RFC 5322, on purpose). */
const email = fc.stringMatching(/^[a-z0-9][a-z0-9_+-]{0,15}(\.[a-z0-9]{1,8})?@[a-z0-9]{1,10}\.(com|co\.id|ph|example)$/);
/** Fields Xendit may add one day: kept by every response schema. */
const extra = fc.dictionary(fc.stringMatching(/^x_[a-z_]{1,12}$/), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
const withExtra = <T extends object>(a: fc.Arbitrary<T>) => fc.tuple(a, extra).map(([value, more]) => ({ ...more, ...value }));

const orderItem = withExtra(
  fc.record({
    type: fc.constantFrom(...schemas.ORDER_ITEM_TYPES),
    reference_id: fc.string({ minLength: 1, maxLength: 255 }),
    name: fc.string({ minLength: 1, maxLength: 255 }),
    net_unit_amount: money,
    quantity: fc.integer({ min: 1, max: 1000 }),
    url,
    category: fc.string({ minLength: 1, maxLength: 255 }),
    subcategory: nullable(text),
  }),
);
/**
 * An order item as Xendit echoes it: xendit-java (model/PaylaterOrderItem.java) sends
 * `net_unit_amount` as a numeric string, read back as the number. Top-level values stay numbers
 * here, so the "values kept" check below compares like with like.
 */
const echoedItem = (amount: fc.Arbitrary<unknown>) =>
  withExtra(fc.record({ type: fc.constantFrom(...schemas.ORDER_ITEM_TYPES), reference_id: text, name: text, net_unit_amount: amount, quantity: fc.integer({ min: 1, max: 1000 }), url: nullable(url), category: text, subcategory: nullable(text) }, { requiredKeys: [] }));
const echoedItems = nullable(fc.array(echoedItem(fc.oneof(money, money.map(String))), { maxLength: 3 }));
const planOption = withExtra(
  fc.record({
    total_amount: money,
    installment_amount: money,
    downpayment_amount: nullable(money),
    interval: status('MONTH'),
    interval_count: fc.integer({ min: 1, max: 12 }),
    total_recurrence: fc.integer({ min: 1, max: 36 }),
    interest_rate: fc.double({ min: 0, max: 10, noNaN: true }),
    description: nullable(text),
  }),
);
const plans = withExtra(
  fc.record({ id: id('plp_'), customer_id: fc.uuid(), channel_code: channel, currency: fc.constantFrom('IDR', 'PHP'), amount: money, order_items: echoedItems, options: fc.array(planOption, { maxLength: 8 }), created: iso }),
);
const charge = withExtra(
  fc.record({
    id: id('plc_'),
    business_id: nullable(fc.stringMatching(/^[0-9a-f]{24}$/)),
    reference_id: text,
    customer_id: nullable(fc.uuid()),
    plan_id: nullable(id('plp_')),
    currency: fc.constantFrom('IDR', 'PHP'),
    amount: money,
    channel_code: channel,
    checkout_method: nullable(fc.constant('ONE_TIME_PAYMENT')),
    status: status(...schemas.CHARGE_STATUSES),
    actions: nullable(fc.record({ desktop_web_checkout_url: nullable(url), mobile_web_checkout_url: nullable(url), mobile_deeplink_checkout_url: nullable(url) })),
    success_redirect_url: nullable(url),
    failure_redirect_url: nullable(url),
    callback_url: nullable(url),
    created: iso,
    updated: iso,
    order_items: echoedItems,
    voided_at: nullable(iso),
    payment_method_id: nullable(text),
    metadata: nullable(fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })),
    channel_reference: nullable(text),
  }),
);
// xendit-php tests/Xendit/PayLaterTest.php: no `currency`, `updated: null`; failure codes from xendit-java PaylaterEnum.
const refund = withExtra(
  fc.record(
    { id: id('plr_'), charge_id: id('plc_'), channel_code: nullable(channel), currency: nullable(fc.constantFrom('IDR', 'PHP')), amount: money, reason: nullable(fc.constantFrom(...schemas.REFUND_REASONS)), status: status(...schemas.REFUND_STATUSES), failure_code: nullable(fc.constantFrom('INSUFFICIENT_BALANCE', 'REFUND_FAILED')), created: iso, updated: nullable(iso) },
    { requiredKeys: ['id', 'charge_id', 'status'] },
  ),
);
const refundList = fc.record({ data: fc.array(refund, { maxLength: 3 }), has_more: fc.boolean() }, { requiredKeys: [] });
const address = withExtra(fc.record({ country: fc.constantFrom('ID', 'PH'), street_line1: nullable(text), city: nullable(text), postal_code: nullable(fc.stringMatching(/^\d{5}$/)), is_primary: nullable(fc.boolean()) }));
/** An address as Xendit answers it: the docs' spelling, or xendit-node 7's (customer/models/AddressRequest.ts). */
const answeredAddress = fc.oneof(
  address,
  withExtra(fc.record({ country_code: nullable(fc.constantFrom('ID', 'PH')), line_1: nullable(text), line_2: nullable(text), suburb: nullable(text), city: nullable(text), postal_code: nullable(fc.stringMatching(/^\d{5}$/)) }, { requiredKeys: [] })),
);
const customer = withExtra(
  fc.oneof(
    fc.record({ id: id('cust-'), reference_id: text, type: fc.constant('INDIVIDUAL'), individual_detail: fc.record({ given_names: text, surname: nullable(text) }), email: nullable(email), mobile_number: nullable(fc.constant('+6281234567890')), addresses: fc.array(answeredAddress, { maxLength: 2 }), created: iso, updated: iso }),
    fc.record({ id: fc.uuid(), reference_id: text, given_names: text, surname: nullable(text), email: nullable(email), mobile_number: nullable(text), addresses: nullable(fc.array(answeredAddress, { maxLength: 2 })) }),
  ),
);
const detail = fc.record({ key: text, value: nullable(text) });
const details = fc.array(detail, { maxLength: 3 });
const billPayment = fc.record({
  data: withExtra(
    fc.record({
      business_id: nullable(text),
      type: fc.constant('payment'),
      id: id('trx-'),
      properties: withExtra(
        fc.record(
          {
            product_id: fc.constantFrom('PLN_PREPAID_20K', 'PLN_POSTPAID'),
            customer_number: fc.stringMatching(/^\d{11,12}$/),
            reference_id: text,
            admin_amount: nullable(money),
            base_amount: nullable(money),
            total_amount: money,
            currency: fc.constant('IDR'),
            status: status(...schemas.BILL_PAYMENT_STATUSES),
            fulfilled_at: nullable(iso),
            failure_code: nullable(text),
            customer_details: details,
            product_details: details,
            bill_details: details,
            payment_details: details,
          },
          // The detail arrays default to [] when Xendit leaves them out.
          { requiredKeys: ['product_id', 'customer_number', 'reference_id', 'total_amount', 'currency', 'status'] },
        ),
      ),
    }),
  ),
});
const inquiry = fc.record({
  data: fc.record({
    type: fc.constant('inquiry'),
    id: id('inq-'),
    properties: fc.record(
      { product_id: text, admin_amount: money, base_amount: money, total_amount: money, currency: fc.constant('IDR'), customer_number: fc.stringMatching(/^\d{11,12}$/), customer_details: details, product_details: details, bill_details: details },
      { requiredKeys: ['product_id', 'admin_amount', 'base_amount', 'total_amount', 'currency', 'customer_number'] },
    ),
  }),
});
const billProduct = fc.record({
  type: fc.constant('product'),
  id: fc.stringMatching(/^[A-Z0-9_]{1,20}$/),
  properties: withExtra(fc.record({ product_name: text, category: fc.constant('ELECTRICITY'), biller: fc.constant('PLN'), country: fc.constant('ID'), currency: fc.constant('IDR'), requires_inquiry: fc.boolean(), availability_status: status('AVAILABLE', 'UNAVAILABLE'), total_amount: nullable(money) })),
});

/** Schema name → arbitrary of bodies Xendit could send (or the companion sends) that must parse. */
const VALID: Record<string, fc.Arbitrary<unknown>> = {
  XenditErrorBody: withExtra(fc.record({ error_code: fc.stringMatching(/^[A-Z_]{1,30}$/), message: text, errors: nullable(fc.array(fc.record({ path: text, message: text }), { maxLength: 3 })) }, { requiredKeys: ['error_code'] })),
  OrderItem: orderItem,
  PlanOption: planOption,
  Plans: plans,
  Charge: charge,
  Refund: refund,
  RefundList: refundList,
  EchoedOrderItem: echoedItem(money),
  CustomerAddressResponse: answeredAddress,
  Customer: customer,
  CustomerList: fc.record({ data: fc.array(customer, { maxLength: 3 }), has_more: fc.boolean() }),
  PaylaterCallback: fc.oneof(
    fc.record({ event: fc.constant('paylater.payment'), business_id: nullable(text), created: iso, data: charge }),
    fc.record({ event: fc.constant('paylater.refund'), business_id: nullable(text), created: iso, data: refund }),
  ),
  BillPayment: billPayment,
  Inquiry: inquiry,
  BillProduct: billProduct,
  BillProductList: fc.record({ limit: nullable(fc.integer({ min: 1, max: 100 })), cursor: nullable(text), next_cursor: nullable(text), data: fc.array(billProduct, { maxLength: 4 }) }),
  PlansRequest: fc.record({ customer_id: fc.uuid(), channel_code: channel, currency: fc.constantFrom('IDR', 'PHP'), amount: money.filter((n) => n > 0), order_items: fc.array(orderItem, { minLength: 1, maxLength: 3 }) }),
  ChargeRequest: fc.record({ plan_id: id('plp_'), reference_id: fc.string({ minLength: 1, maxLength: 255 }), checkout_method: fc.constant('ONE_TIME_PAYMENT'), success_redirect_url: url, failure_redirect_url: url }),
  RefundRequest: fc.record({ amount: money.filter((n) => n > 0), reason: fc.constantFrom(...schemas.REFUND_REASONS) }, { requiredKeys: [] }),
  CustomerCreateRequest: fc.record({ reference_id: fc.string({ minLength: 1, maxLength: 255 }), type: fc.constant('INDIVIDUAL'), individual_detail: fc.record({ given_names: fc.string({ minLength: 1 }) }), email: email, addresses: fc.array(address, { maxLength: 2 }) }),
  LegacyCustomerCreateRequest: fc.record({ reference_id: fc.string({ minLength: 1, maxLength: 255 }), given_names: fc.string({ minLength: 1 }), email: email, mobile_number: fc.constant('+639171234567') }),
  InquiryRequest: fc.record({ product_id: fc.string({ minLength: 1 }), customer_number: fc.string({ minLength: 1 }) }),
  BillPaymentRequest: fc.record({ product_id: fc.string({ minLength: 1 }), customer_number: fc.string({ minLength: 1 }), reference_id: fc.string({ minLength: 1, maxLength: 255 }), total_amount: money }),
  BillProductQuery: fc.record({ category: text, country: text, limit: fc.integer({ min: 1, max: 100 }), requires_inquiry: fc.boolean() }, { requiredKeys: [] }),
  CustomerAddress: address,
  ChargeActions: fc.record({ desktop_web_checkout_url: nullable(url) }),
  BillDetail: detail,
};

// ---------------------------------------------------------------- hostile input

/** Anything at all: prototype keys, null prototypes, sparse arrays, -0, huge numbers, odd strings. */
const hostile = fc.oneof(
  fc.anything({ maxDepth: 4, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withObjectString: true, withBoxedValues: true }),
  fc.jsonValue({ maxDepth: 5 }),
  fc.constantFrom(undefined, null, NaN, Infinity, -0, '', [], {}, Object.create(null), { __proto__: { id: 'x' } }, JSON.parse('{"__proto__":{"id":"plc_x"}}'), { toString: 1, valueOf: 'x' }),
);

/** A valid object of some schema with one field replaced by anything: close to valid, so deep checks run. */
const nearlyValidWith = (replacements: fc.Arbitrary<unknown>) => fc.constantFrom(...Object.keys(VALID)).chain((name) =>
  fc.tuple(VALID[name]!, fc.nat(), replacements).map(([value, pick, replacement]) => {
    const out = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(out);
    if (keys.length) out[keys[pick % keys.length]!] = replacement;
    return out;
  }),
);
const nearlyValid = nearlyValidWith(hostile);

describe('fuzz: Xendit schemas', () => {
  it('covers every schema exported by src/xendit/schemas.ts', () => {
    const missing = ALL.map(([name]) => name).filter((name) => !(name in VALID));
    assert.deepEqual(missing, [], 'a schema without a generator of valid objects');
  });

  it('safeParse never throws, whatever the input, for every schema', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, nearlyValid), (value) => {
        for (const [name, schema] of ALL) {
          let result: { success: boolean } | undefined;
          assert.doesNotThrow(() => {
            result = schema.safeParse(value);
          }, `${name}.safeParse threw`);
          assert.equal(typeof result?.success, 'boolean', name);
        }
      }),
      runs(400),
    );
  });

  for (const [name, arbitrary] of Object.entries(VALID)) {
    it(`${name}: every valid object parses, its values and unknown fields kept`, () => {
      const schema = (schemas as unknown as Record<string, z.ZodType>)[name]!;
      fc.assert(
        fc.property(arbitrary, (value) => {
          const result = schema.safeParse(value);
          assert.ok(result.success, `${name}: ${JSON.stringify(value).slice(0, 400)}\n${result.success ? '' : JSON.stringify(result.error.issues.slice(0, 3))}`);
          // Parsing keeps what was sent: every top-level field survives with its value.
          const out = result.data as Record<string, unknown>;
          for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
            if (typeof v !== 'object' || v === null) assert.deepEqual(out[key], v, `${name}.${key}`);
            else assert.ok(key in out, `${name}.${key} was dropped`);
          }
        }),
        runs(60),
      );
    });
  }

  it('money must be a finite number: a string, NaN or Infinity amount is refused, never coerced', () => {
    fc.assert(
      fc.property(charge, fc.constantFrom<unknown>('1500000', NaN, Infinity, -Infinity, null, undefined, '1e3', {}, []), (value, amount) => {
        assert.equal(schemas.Charge.safeParse({ ...value, amount }).success, false, `amount ${String(amount)} was accepted`);
      }),
      runs(60),
    );
  });
});

// ---------------------------------------------------------------- the client

/** Every client call, with valid arguments, so only the answer varies, and what Xendit answers to it. */
type Call = [string, (client: ReturnType<typeof createXenditClient>) => Promise<unknown>, fc.Arbitrary<unknown>];
const CALLS: Call[] = [
  ['customers.create', (c) => c.customers.create({ reference_id: 'r', type: 'INDIVIDUAL', individual_detail: { given_names: 'A' } }), VALID.Customer!],
  ['customers.getByReferenceId', (c) => c.customers.getByReferenceId('r'), VALID.CustomerList!],
  ['customers.get', (c) => c.customers.get('cust-1'), VALID.Customer!],
  ['paylater.initiatePlans', (c) => c.paylater.initiatePlans({ customer_id: 'c', channel_code: 'ID_KREDIVO', currency: 'IDR', amount: 1, order_items: [] }), plans],
  ['paylater.createCharge', (c) => c.paylater.createCharge({ plan_id: 'p', reference_id: 'r', checkout_method: 'ONE_TIME_PAYMENT', success_redirect_url: 'https://s.example' }), charge],
  ['paylater.getCharge', (c) => c.paylater.getCharge('plc_1'), charge],
  ['paylater.cancelCharge', (c) => c.paylater.cancelCharge('plc_1'), charge],
  ['paylater.refund', (c) => c.paylater.refund('plc_1'), refund],
  ['paylater.getRefund', (c) => c.paylater.getRefund('plc_1', 'plr_1'), refund],
  ['paylater.listRefunds', (c) => c.paylater.listRefunds('plc_1'), refundList],
  ['billPayments.listProducts', (c) => c.billPayments.listProducts(), VALID.BillProductList!],
  ['billPayments.inquire', (c) => c.billPayments.inquire({ product_id: 'PLN_PREPAID_20K', customer_number: '12345678910' }), inquiry],
  ['billPayments.pay', (c) => c.billPayments.pay({ product_id: 'PLN_PREPAID_20K', customer_number: '12345678910', reference_id: 'r', total_amount: 1 }, { idempotencyKey: 'k' }), billPayment],
  ['billPayments.getPayment', (c) => c.billPayments.getPayment('trx-1'), billPayment],
];

/** Bodies of an answer: not JSON, JSON of any shape, an almost-right object, a valid object of another call. */
const answerBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.constantFrom('', ' ', 'null', '[]', '{}', '{"id":', '{"id":"plc_7f3e<html><body>502 Bad Gateway', '\uFEFF{"id":"x"}', '{"data":null}', '{"data":[{}]}', '{"error_code":null}'),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  nearlyValidWith(fc.jsonValue({ maxDepth: 3 })).map((v) => JSON.stringify(v)),
  fc.constantFrom(...Object.keys(VALID)).chain((name) => VALID[name]!.map((v) => JSON.stringify(v))),
);

describe('fuzz: the Xendit client never crashes on what Xendit answers', () => {
  it('a 2xx answer either parses or is an XenditInvalidResponseError; an error answer is an XenditError', async () => {
    const seen = { parsed: 0, invalid: 0, error: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CALLS).chain(([name, call, valid]) => fc.tuple(fc.constant(name), fc.constant(call), fc.oneof(answerBody, valid.map((v) => JSON.stringify(v))))),
        fc.constantFrom(200, 201, 202, 200, 200, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504),
        fc.option(fc.constantFrom('0', '-1', 'abc', '1e309', '2'), { nil: undefined }),
        async ([name, call, body], statusCode, reset) => {
        const headers: Record<string, string> = { 'content-type': 'application/json', 'request-id': 'req-fuzz' };
        if (reset !== undefined) headers['rate-limit-reset'] = reset;
        const client = createXenditClient({ secretKey: 'xnd_development_fuzz', maxRetries: 0, fetch: async () => new Response(body, { status: statusCode, headers }) });
        try {
          const result = await call(client);
          assert.ok(statusCode < 300, `${name}: a ${statusCode} answer resolved`);
          seen.parsed += 1;
          assert.ok(result === null || typeof result === 'object', `${name}: resolved with ${typeof result}`);
        } catch (error) {
          assert.ok(error instanceof XenditError, `${name} ${statusCode} ${body.slice(0, 100)}: threw ${String(error)}`);
          if (statusCode < 300) {
            assert.ok(error instanceof XenditInvalidResponseError, `${name}: a ${statusCode} answer threw ${error.name}`);
            assert.equal(error.code, 'INVALID_RESPONSE');
            seen.invalid += 1;
          } else {
            assert.equal(error.status, statusCode);
            assert.ok(!(error instanceof XenditInvalidResponseError), `${name}: a ${statusCode} answer is not an invalid body`);
            seen.error += 1;
          }
          assert.equal(error.requestId, 'req-fuzz');
          assert.ok(!error.message.includes('xnd_development_fuzz'), 'the secret key is in an error message');
        }
        },
      ),
      runs(500),
    );
    console.log(`client answers: ${seen.parsed} parsed, ${seen.invalid} invalid 2xx bodies refused, ${seen.error} error answers`);
    assert.ok(seen.parsed > 0 && seen.invalid > 0 && seen.error > 0);
  });
});
