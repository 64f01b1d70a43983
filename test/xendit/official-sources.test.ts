/**
 * (Every `assert.ok` here carries a message: without one, node reads the source to build it.)
 *
 * The client and its answer schemas checked against sources nobody here wrote: Xendit's own SDKs
 * (their test fixtures and models) and docs.xendit.co. Each body below carries the field names,
 * shapes and values of the source quoted next to it; a merchant going live gets these shapes, so
 * each must come through the client as the merchant would use it.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { scriptedServer, sendJson } from '../helpers/http.js';
import { createXenditClient, schemas, XenditInvalidResponseError } from '../../src/xendit/index.js';

const SECRET = 'xnd_development_official_sources_0123456789';

/** A client against a local server that answers every request with `body`. */
async function clientAnswering(body: unknown) {
  const server = await scriptedServer((_req, res) => sendJson(res, 200, body));
  after(() => server.close());
  return { server, client: createXenditClient({ secretKey: SECRET, baseUrl: server.url, maxRetries: 0 }) };
}

// xendit/xendit-php tests/Xendit/PayLaterTest.php, testCreatePayLaterRefundCreateable and
// testIsGetPayLaterRefundGettable: the refund answer (no `currency`, `updated: null`, 1234.56 on IDR).
const phpRefund = {
  id: 'plr_2f2aa47f-2764-4b42-8712-c3fb1270b09e',
  charge_id: 'plc_8cb12305-9bcf-4441-a087-ee0d446e297b',
  channel_code: 'ID_AKULAKU',
  amount: 1234.56,
  reason: 'UNFULFILLED_ITEM',
  status: 'PENDING',
  created: '2021-04-20T16:23:52Z',
  updated: null,
};

// xendit/xendit-php tests/Xendit/PayLaterTest.php, the order item the SDK sends and Xendit echoes.
const phpOrderItem = {
  type: 'PHYSICAL_PRODUCT',
  reference_id: '1533',
  name: 'iPhone X - 64 GB - Space Gray',
  net_unit_amount: 6000000,
  quantity: 1,
  url: 'https://jagofon.com/en/product/apple-iphone-x-64-gb-space-gray-1533',
  category: 'Smartphone',
};

// xendit/xendit-php tests/Xendit/PayLaterTest.php, testIsPayLaterChargeCreateable: the charge answer.
const phpCharge = {
  id: 'plc_6606beb5-66ac-4165-be4b-e24c589fe01f',
  business_id: '603f1c4172bbe840979fd408',
  reference_id: 'order_id_234',
  customer_id: 'f1172e79-1c9a-4e67-a177-de1bf4c90108',
  plan_id: 'plp_f7e93093-b949-4ccf-8be8-ea6abdab6149',
  currency: 'IDR',
  amount: 10000,
  channel_code: 'ID_AKULAKU',
  checkout_method: 'ONE_TIME_PAYMENT',
  status: 'PENDING',
  actions: {
    desktop_web_checkout_url: 'https://paylater-mock-connector-dev.xendit.co/checkout?charge_id=6606beb5',
    mobile_web_checkout_url: 'https://paylater-mock-connector-dev.xendit.co/checkout?charge_id=6606beb5',
  },
  success_redirect_url: 'https://google.com',
  failure_redirect_url: 'https://twitter.com',
  callback_url: 'https://webhook.site/d4478770-60be-4556-a8e5-f0d929e1f8cb',
  created: '2021-10-08T05:00:31.413Z',
  updated: '2021-10-08T05:00:31.545Z',
  order_items: [phpOrderItem],
  voided_at: null,
  payment_method_id: null,
  metadata: null,
  channel_reference: 'ee0bad99-ce1a-44b5-b6ef-f838ce87bdf1',
};

// xendit/xendit-php tests/Xendit/PayLaterTest.php, testIsPayLaterPlanCreateable: the plans answer.
const phpPlans = {
  id: 'plp_5b980f6b-0e15-4134-8eb2-4c500b74a7d9',
  customer_id: '14b4bf47-b97a-4c13-bea9-5b1734a46fd1',
  channel_code: 'ID_AKULAKU',
  currency: 'IDR',
  amount: 6000000,
  order_items: [phpOrderItem],
  options: [
    { interval: 'MONTH', interval_count: 1, total_recurrence: 1, total_amount: 6212000, installment_amount: 6212000, downpayment_amount: 0, interest_rate: 0, description: '1 month' },
    { interval: 'MONTH', interval_count: 1, total_recurrence: 2, total_amount: 6374000, installment_amount: 3187000, downpayment_amount: 0, interest_rate: 0, description: '2 months' },
  ],
  created: '2021-10-08T10:08:38.032Z',
};

// xendit/xendit-php tests/Xendit/CustomersTest.php, testIsCustomerCreatable: the flat 2020-05-19
// customer answer (top-level given_names, plain-UUID id).
const phpFlatCustomer = {
  id: '0f2de6f1-2023-403b-aaea-5f0a8a611f7d',
  reference_id: 'test-ref-iddd',
  given_names: 'customer 1',
  email: 'customer@website.com',
  mobile_number: '+6281212345678',
  description: 'dummy customer',
  middle_name: 'middle',
  surname: 'surname',
  phone_number: null,
  nationality: null,
  date_of_birth: null,
  metadata: { meta: 'data' },
  employment: null,
  addresses: [
    { category: '', country: 'ID', state: '-', province: 'DKI Jakarta', city: 'Jakarta Selatan', postal_code: '12345', street_line1: 'Jl. 123', street_line2: 'Jl. 456', is_preferred: false },
  ],
  source_of_wealth: null,
};

// xendit/xendit-node customer/models/Customer.ts (fields of the 2020-10-31 customer) with addresses
// spelled as customer/models/AddressRequest.ts spells them: country_code, line_1, line_2, suburb.
const nodeCustomer = {
  id: 'cust-239c16f4-866d-43e8-9341-7badafbc019f',
  type: 'INDIVIDUAL',
  reference_id: 'shopper-77',
  individual_detail: { given_names: 'Siti', surname: 'Rahma', gender: 'FEMALE', date_of_birth: null, nationality: null },
  business_detail: null,
  description: null,
  email: 'siti@example.co.id',
  mobile_number: '+6281311112222',
  phone_number: null,
  addresses: [{ category: 'HOME', country_code: 'ID', province_state: 'DKI Jakarta', city: 'Jakarta Selatan', suburb: 'Kebayoran Baru', postal_code: '12160', line_1: 'Jl. Senopati 10', line_2: null, is_primary: true }],
  identity_accounts: null,
  kyc_documents: null,
  metadata: null,
  created: '2023-06-01T08:00:00.000Z',
  updated: '2023-06-01T08:00:00.000Z',
};

describe('refund answers as Xendit\u2019s SDKs show them', () => {
  it('xendit-php tests/Xendit/PayLaterTest.php: a refund with no currency and updated null comes back from refund() and getRefund(), 1234.56 kept exactly', async () => {
    const { client, server } = await clientAnswering(phpRefund);
    const made = await client.paylater.refund(phpRefund.charge_id, { amount: 1234.56, reason: 'UNFULFILLED_ITEM' });
    assert.equal(made.id, phpRefund.id);
    assert.equal(made.status, 'PENDING');
    assert.equal(made.amount, 1234.56);
    assert.equal(made.updated, null);
    assert.equal(made.currency, undefined);
    assert.deepEqual(JSON.parse(server.requests[0]!.body), { amount: 1234.56, reason: 'UNFULFILLED_ITEM' });
    const read = await client.paylater.getRefund(phpRefund.charge_id, phpRefund.id);
    assert.equal(read.charge_id, phpRefund.charge_id);
  });

  it('xendit-java model/PaylaterRefund.java + PaylaterEnum.java: a FAILED refund (INSUFFICIENT_BALANCE) whose id is spelled refund_id is read, id filled', () => {
    // PaylaterRefund.java serialises the id as "refund_id"; RefundStatus has FAILED;
    // RefundFailureReason has INSUFFICIENT_BALANCE and REFUND_FAILED.
    const javaRefund = { refund_id: 'plr_77e0c9a4-2d8e-4a5e-9d55-3d7bb1b7a6c1', charge_id: 'plc_1', channel_code: 'ID_KREDIVO', currency: 'IDR', amount: 1000, reason: 'OTHERS', status: 'FAILED', failure_code: 'INSUFFICIENT_BALANCE', created: '2022-01-02T06:16:35.064408Z', updated: '2022-01-02T06:17:35.064408Z' };
    const refund = schemas.Refund.parse(javaRefund);
    assert.equal(refund.id, javaRefund.refund_id);
    assert.equal(refund.status, 'FAILED');
    assert.equal(refund.failure_code, 'INSUFFICIENT_BALANCE');
    // The callback route reads a refund the same way.
    assert.equal(schemas.Refund.parse({ ...phpRefund, status: 'FAILED', failure_code: 'REFUND_FAILED' }).failure_code, 'REFUND_FAILED');
  });

  it('a refund without the fields the companion reads (id, charge_id, status) is still refused', () => {
    for (const field of ['id', 'charge_id', 'status'] as const) {
      const { [field]: _, ...rest } = phpRefund;
      assert.equal(schemas.Refund.safeParse(rest).success, false, field);
    }
    assert.equal(schemas.Refund.safeParse({ ...phpRefund, amount: 'lots' }).success, false);
  });
});

describe('paylater.listRefunds (xendit-php src/PayLater.php listPayLaterRefund)', () => {
  it('GETs /paylater/charges/{id}/refunds and reads the SDK fixture { has_more: false } as no refunds', async () => {
    // xendit-php tests/Xendit/PayLaterTest.php, testListPayLaterRefundIsGettable: the answer is only { has_more: false }.
    const { client, server } = await clientAnswering({ has_more: false });
    const list = await client.paylater.listRefunds('plc_6606beb5-66ac-4165-be4b-e24c589fe01f');
    assert.deepEqual(list.data, []);
    assert.equal(list.has_more, false);
    const [request] = server.requests;
    assert.equal(request!.method, 'GET');
    assert.equal(request!.url, '/paylater/charges/plc_6606beb5-66ac-4165-be4b-e24c589fe01f/refunds');
    assert.equal(request!.headers.authorization, `Basic ${Buffer.from(`${SECRET}:`).toString('base64')}`);
  });

  it('returns each refund of the charge, in the SDK fixture\u2019s shape, and refuses a list of broken refunds', async () => {
    const { client } = await clientAnswering({ data: [phpRefund, { ...phpRefund, id: 'plr_2', status: 'FAILED', failure_code: 'INSUFFICIENT_BALANCE' }], has_more: false });
    const list = await client.paylater.listRefunds(phpRefund.charge_id);
    assert.deepEqual(list.data.map((r) => [r.id, r.status, r.amount]), [[phpRefund.id, 'PENDING', 1234.56], ['plr_2', 'FAILED', 1234.56]]);
    const broken = await clientAnswering({ data: [{ id: 'plr_3' }] });
    await assert.rejects(broken.client.paylater.listRefunds('plc_1'), XenditInvalidResponseError);
  });
});

describe('customer answers in every spelling Xendit\u2019s SDKs use', () => {
  it('xendit-node customer/models/AddressRequest.ts: an address with country_code, line_1, line_2, suburb comes back from customers.get()', async () => {
    const { client } = await clientAnswering(nodeCustomer);
    const customer = await client.customers.get(nodeCustomer.id);
    assert.equal(customer.id, nodeCustomer.id);
    assert.equal(customer.addresses?.[0]?.country_code, 'ID');
    assert.equal(customer.addresses?.[0]?.line_1, 'Jl. Senopati 10');
    assert.equal(customer.addresses?.[0]?.suburb, 'Kebayoran Baru');
  });

  it('xendit-node customer/models/AddressRequest.ts: country_code may be null and the docs\u2019 spelling still passes', () => {
    const withNull = { ...nodeCustomer, addresses: [{ ...nodeCustomer.addresses[0], country_code: null }] };
    assert.ok(schemas.Customer.safeParse(withNull).success, 'country_code null');
    assert.ok(schemas.Customer.safeParse(phpFlatCustomer).success, 'docs spelling');
  });

  it('xendit-php tests/Xendit/CustomersTest.php: the flat 2020-05-19 customer (plain-UUID id) is created, and the bare-array lookup answer finds it', async () => {
    const created = await clientAnswering(phpFlatCustomer);
    const made = await created.client.customers.create({ reference_id: 'test-ref-iddd', given_names: 'customer 1', email: 'customer@website.com' });
    assert.equal(made.id, '0f2de6f1-2023-403b-aaea-5f0a8a611f7d');
    assert.equal(made.given_names, 'customer 1');
    assert.equal(created.server.requests[0]!.headers['api-version'], undefined, 'the flat body goes without API-VERSION');
    // testIsCustomerGettable: GET /customers?reference_id= answers a bare array of customers.
    const listed = await clientAnswering([phpFlatCustomer]);
    assert.equal((await listed.client.customers.getByReferenceId('test-ref-iddd'))?.id, '0f2de6f1-2023-403b-aaea-5f0a8a611f7d');
    const none = await clientAnswering([]);
    assert.equal(await none.client.customers.getByReferenceId('nobody'), null);
  });

  it('a customer answer without an id is refused (the companion keeps only the id)', () => {
    const { id: _, ...rest } = phpFlatCustomer;
    assert.equal(schemas.Customer.safeParse(rest).success, false);
    // Only `id` is read: a customer with nothing else is enough.
    assert.ok(schemas.Customer.safeParse({ id: 'cust-1' }).success, 'a customer with only an id');
  });
});

describe('amounts read liberally where the SDKs send them otherwise', () => {
  it('xendit-php tests/Xendit/PayLaterTest.php: the plans and charge answers come back from the client', async () => {
    const plans = await (await clientAnswering(phpPlans)).client.paylater.initiatePlans({ customer_id: phpPlans.customer_id, channel_code: 'ID_AKULAKU', currency: 'IDR', amount: 6000000, order_items: [phpOrderItem as schemas.OrderItem] });
    assert.deepEqual(plans.options.map((o) => o.installment_amount), [6212000, 3187000]);
    const charge = await (await clientAnswering(phpCharge)).client.paylater.getCharge(phpCharge.id);
    assert.equal(charge.actions?.mobile_deeplink_checkout_url, undefined);
    assert.equal(charge.payment_method_id, null);
  });

  it('xendit-java model/PaylaterOrderItem.java: net_unit_amount sent as "5000" is echoed back and read as the number 5000', async () => {
    // InitiatePaylaterTest.java builds the item with .netUnitAmount("5000"); Xendit echoes what it was sent.
    const javaItem = { type: 'PHYSICAL_PRODUCT', reference_id: 'SKU_backtoschool-promotion123', name: 'Nymbus twothousand', net_unit_amount: '5000', quantity: 1, url: 'https://www.zngmyhome.com/nymbus', category: 'Sports', subcategory: null, description: null, metadata: null };
    const plans = await (await clientAnswering({ ...phpPlans, amount: 5000, order_items: [javaItem] })).client.paylater.initiatePlans({ customer_id: 'c', channel_code: 'ID_KREDIVO', currency: 'IDR', amount: 5000, order_items: [] });
    assert.equal(plans.order_items?.[0]?.net_unit_amount, 5000);
    const charge = schemas.Charge.parse({ ...phpCharge, order_items: [javaItem] });
    assert.equal(charge.order_items?.[0]?.net_unit_amount, 5000);
  });

  it('IDR amounts with decimals are kept exactly, as numbers or numeric strings; anything else is refused, never rounded', () => {
    const item = (net_unit_amount: unknown) => schemas.Charge.safeParse({ ...phpCharge, order_items: [{ ...phpOrderItem, net_unit_amount }] });
    for (const [sent, read] of [[1234.56, 1234.56], ['1234.56', 1234.56], ['6000000', 6000000]] as const) {
      const result = item(sent);
      assert.ok(result.success, String(sent));
      assert.equal(result.data.order_items?.[0]?.net_unit_amount, read);
    }
    for (const bad of ['5k', '1,234.56', '', ' 5000', 'Infinity', '1e3']) assert.equal(item(bad).success, false, bad);
    assert.equal(schemas.Refund.parse({ ...phpRefund, amount: '1234.56' }).amount, 1234.56);
    // The charge's own amount is compared with the order: it stays a strict number.
    assert.equal(schemas.Charge.safeParse({ ...phpCharge, amount: '10000' }).success, false);
  });

  it('a plans answer needs only its id and options (what the companion reads); options stay strict', () => {
    assert.ok(schemas.Plans.safeParse({ id: phpPlans.id, options: phpPlans.options }).success, 'plans with only id and options');
    assert.equal(schemas.Plans.safeParse({ ...phpPlans, options: undefined }).success, false);
    assert.equal(schemas.Plans.safeParse({ ...phpPlans, options: [{ ...phpPlans.options[0], total_amount: undefined }] }).success, false);
  });
});

describe('bill payment answers as docs.xendit.co shows them', () => {
  // docs.xendit.co/apidocs/get-product-list (PLN Prepaid 50K example) and get-product-by-id: the
  // product has type, country, admin/base/total, revenue_share_amount and locale { en, id }.
  const docsProduct = {
    type: 'product',
    id: 'PLN_PREPAID_50K',
    properties: { product_name: 'PLN Prepaid 50K', category: 'ELECTRICITY', biller: 'PLN', country: 'ID', currency: 'IDR', requires_inquiry: false, availability_status: 'AVAILABLE', admin_amount: 3200, base_amount: 50000, total_amount: 53200, revenue_share_amount: 500, locale: { en: 'PLN Prepaid 50K', id: 'PLN Prabayar 50K' } },
  };

  it('docs.xendit.co/apidocs/get-product-list: the list (no next_cursor on the last page) comes back from listProducts()', async () => {
    const { client } = await clientAnswering({ limit: 50, cursor: 'dummy-cursor-value-001==', data: [docsProduct] });
    const list = await client.billPayments.listProducts({ category: 'ELECTRICITY' });
    assert.equal(list.data[0]?.properties.total_amount, 53200);
    assert.deepEqual((list.data[0]?.properties as Record<string, unknown>).locale, docsProduct.properties.locale);
  });

  it('a product needs only what the bills plug-in lists; one without them is refused', () => {
    const { type: _type, ...noType } = docsProduct;
    const { country: _country, ...noCountry } = docsProduct.properties;
    assert.ok(schemas.BillProduct.safeParse({ ...noType, properties: noCountry }).success, 'a product without type and country');
    assert.equal(schemas.BillProduct.safeParse({ ...docsProduct, properties: { ...docsProduct.properties, availability_status: undefined } }).success, false);
  });

  it('docs.xendit.co/apidocs/create-inquiry: the PLN prepaid inquiry answer comes back from inquire(); only what is shown is required', async () => {
    const docsInquiry = {
      data: {
        business_id: '5f27a14a9bf05c73dd040bc8',
        type: 'inquiry',
        id: 'inq-98765',
        properties: { product_id: 'PLN_PREPAID_50K', admin_amount: 3200, base_amount: 50000, total_amount: 53200, revenue_share_amount: 500, currency: 'IDR', customer_number: '12345678910', customer_details: [{ key: 'Nama Pelanggan', value: 'John Doe' }, { key: 'Nomor Pelanggan', value: '12345678910' }] },
      },
    };
    const { client } = await clientAnswering(docsInquiry);
    const inquiry = await client.billPayments.inquire({ product_id: 'PLN_PREPAID_50K', customer_number: '12345678910' });
    assert.equal(inquiry.data.properties.total_amount, 53200);
    assert.deepEqual(inquiry.data.properties.bill_details, []);
    const { product_id: _p, customer_number: _c, ...shown } = docsInquiry.data.properties;
    assert.ok(schemas.Inquiry.safeParse({ data: { id: 'inq-98765', properties: shown } }).success, 'an inquiry without product_id, customer_number, type');
    assert.equal(schemas.Inquiry.safeParse({ data: { ...docsInquiry.data, properties: { ...shown, total_amount: undefined } } }).success, false);
  });

  it('a bill payment needs only its id and status (what fulfilment reads); the token details default to empty', () => {
    const payment = schemas.BillPayment.parse({ data: { id: 'trx-1', properties: { status: 'PENDING' } } });
    assert.deepEqual(payment.data.properties.payment_details, []);
    assert.equal(schemas.BillPayment.safeParse({ data: { id: 'trx-1', properties: {} } }).success, false);
  });
});
