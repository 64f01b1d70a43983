/**
 * The widget's pure helpers, in node (fast): money and percent formatting, locale matching and
 * messages, and the checkout URL choice.
 * Everything a shopper sees is tested in Chromium (`*.browser.test.ts`).
 */
import { ERROR_MESSAGES } from '../../src/widget/shared/error.messages.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatMoney, formatPercent } from '../../src/widget/shared/format.js';
import { addMessages, matchLocale, message } from '../../src/widget/shared/i18n.js';
import { STATUS_MESSAGES } from '../../src/widget/components/status/status.messages.js';
import { CHECKOUT_MESSAGES } from '../../src/widget/components/checkout/checkout.messages.js';
import { chooseCheckoutUrl } from '../../src/widget/shared/device.js';
import { errorMessage } from '../../src/widget/shared/errors.js';
import { PaylaterError } from '../../src/widget/shared/client.js';
import { BILL_ERRORS, billErrorText, billMessage } from '../../src/widget/components/bill-inquiry/bill.messages.js';
import { parseBillInquiry, parseBillProducts, parseBillStatus } from '../../src/widget/shared/bills-client.js';
import { billDetail, parseChargeResponse, parseErrorBody, parsePlansResponse, parseStatusResponse } from '../../src/contract/index.js';

const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('widget formatting', () => {
  it('formats IDR without decimals and PHP with two, per language', () => {
    assert.equal(spaces(formatMoney('en', 'IDR', 1_500_000)), 'Rp 1,500,000');
    assert.equal(spaces(formatMoney('id', 'IDR', 1_500_000)), 'Rp 1.500.000');
    assert.equal(spaces(formatMoney('id', 'IDR', 1_500_000.4)), 'Rp 1.500.000');
    assert.equal(formatMoney('en', 'PHP', 4999.5), '₱4,999.50');
    assert.equal(formatMoney('id', 'PHP', 4999.5), '₱4.999,50');
    assert.equal(formatMoney('en', 'php', 10), '₱10.00');
  });

  it('keeps an unknown currency readable', () => {
    assert.equal(formatMoney('en', 'NOT-A-CODE', 12), 'NOT-A-CODE 12');
  });

  it('formats interest rates given in percent', () => {
    assert.equal(formatPercent('en', 2.6), '2.6%');
    assert.equal(formatPercent('id', 2.95), '2,95%');
    assert.equal(formatPercent('en', 0), '0%');
  });
});

describe('widget locales', () => {
  it('falls back from a regional tag to its language, and knows only en and id', () => {
    assert.equal(matchLocale('id-ID'), 'id');
    assert.equal(matchLocale('ID'), 'id');
    assert.equal(matchLocale('en_GB'), 'en');
    assert.equal(matchLocale('th-TH'), undefined);
    assert.equal(matchLocale(''), undefined);
    assert.equal(matchLocale(null), undefined);
  });

  it('fills placeholders, and never interprets them as patterns', () => {
    // The checkout's texts are its own table, added when it loads.
    addMessages(CHECKOUT_MESSAGES);
    assert.equal(message('en', 'continueWith', { provider: 'Kredivo' }), 'Continue with Kredivo');
    assert.equal(message('id', 'continueWith', { provider: '$& $1' }), 'Lanjut dengan $& $1');
    assert.equal(message('xx', 'retry'), 'Try again');
  });

  it('has its own words for every error code a shopper can meet', async () => {
    // The checkout and, on the return page, <paylater-status> add their own texts (a checkout or
    // status error, such as a changed cart or an unknown token, says them); the rarely shown ones
    // are loaded the first time one is shown (`error-texts.ts`).
    addMessages(CHECKOUT_MESSAGES);
    addMessages(STATUS_MESSAGES);
    addMessages(ERROR_MESSAGES);
    const { ERROR_CODES } = await import('../../src/contract/index.js');
    // Integration mistakes of the merchant's page: a shopper cannot fix them, so "try again" it is.
    // An answer that breaks the contract, a body that arrived too slowly: nothing the shopper can
    // act on but trying again, so the plain words too.
    const generic = new Set(['INVALID_REQUEST', 'METHOD_NOT_ALLOWED', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'UNAUTHORIZED', 'FORBIDDEN_ORIGIN', 'INVALID_RESPONSE', 'REQUEST_TIMEOUT']);
    // The HTTP status each code comes with (the server's failures are 5xx; their words follow from it).
    const statusOf = (code: string) => (/^(UPSTREAM_|INTERNAL$|CONFLICT$|PROVIDER_UNAVAILABLE$|STORE_UNAVAILABLE$|BODY_ALREADY_READ$|BILLER_)/.test(code) ? 503 : 400);
    // The bill codes come only from the bill routes, which only <paylater-bill-inquiry> calls: their
    // words live in its own bundle (src/widget/components/bill-inquiry/bill.messages.ts), not in the main tables.
    const words = (locale: string, error: PaylaterError) => (BILL_ERRORS[error.code] ? billErrorText(locale, error) : message(locale, errorMessage(error)));
    for (const code of ERROR_CODES) {
      const error = new PaylaterError(code, statusOf(code), '');
      const shared = BILL_ERRORS[code] === undefined;
      assert.equal(shared && errorMessage(error) === 'errGeneric', generic.has(code), code);
      assert.equal(/^(BILL|BILLER)_/.test(code), !shared, `${code}: bill codes have bill words`);
      assert.notEqual(words('id', error), words('en', error), code);
      if (!generic.has(code)) assert.notEqual(words('en', error), message('en', 'errGeneric'), code);
      assert.doesNotMatch(words('en', error) + words('id', error), /\{\w+\}/, `${code}: every placeholder filled`);
    }
  });

  it('says the bill errors with the biller and a way forward, in en and id', () => {
    const error = (code: string) => new PaylaterError(code, 503, '');
    assert.equal(billErrorText('en', error('BILLER_MAINTENANCE')), 'PLN is under maintenance. Please try again later.');
    assert.equal(billErrorText('id', error('BILLER_MAINTENANCE'), 'PLN'), 'PLN sedang dalam pemeliharaan. Silakan coba lagi nanti.');
    assert.match(billErrorText('en', error('BILL_CUSTOMER_NOT_FOUND')), /Check it/);
    // Codes that are not about bills read as in the other elements.
    assert.equal(billErrorText('id', new PaylaterError('NETWORK_ERROR', 0, '')), message('id', 'errNetwork'));
    // Every key of the English table has an Indonesian text of its own.
    for (const key of Object.keys(BILL_ERRORS)) assert.notEqual(billErrorText('id', error(key)), billErrorText('en', error(key)), key);
    assert.equal(billMessage('th', 'hint'), '11–12 digits', 'unknown locales fall back to English');
  });
});

describe('checkout URL choice', () => {
  const urls = { desktop: 'https://pay.example/d', mobile: 'https://pay.example/m', deeplink: 'https://app.example/open' };

  it('opens the desktop page on a desktop, the deeplink or mobile page on a phone', () => {
    assert.deepEqual(chooseCheckoutUrl(urls, 'desktop'), { url: urls.desktop, kind: 'desktop' });
    assert.deepEqual(chooseCheckoutUrl(urls, 'mobile'), { url: urls.deeplink, kind: 'deeplink' });
    const { deeplink: _, ...web } = urls;
    assert.deepEqual(chooseCheckoutUrl(web, 'mobile'), { url: urls.mobile, kind: 'mobile' });
  });

  it('follows only http(s) URLs', () => {
    assert.deepEqual(chooseCheckoutUrl({ ...urls, deeplink: 'kredivo://pay' }, 'mobile'), { url: urls.mobile, kind: 'mobile' });
    assert.deepEqual(chooseCheckoutUrl({ ...urls, desktop: 'javascript:alert(1)' }, 'desktop'), { url: urls.mobile, kind: 'mobile' });
    assert.equal(chooseCheckoutUrl({ desktop: 'javascript:alert(1)', mobile: '/relative' }, 'desktop'), null);
    assert.equal(chooseCheckoutUrl({ desktop: 'data:text/html,x', mobile: 'ftp://x' }, 'mobile'), null);
  });
});

describe('bill details: one fact found whatever the biller calls it', () => {
  // Quoted from docs.xendit.co/apidocs/get-payment-detail (PLN Prepaid Payment - Success).
  const docsPayment = {
    customer_details: [
      { key: 'Nama Pelanggan', value: 'John Doe' },
      { key: 'Nomor Pelanggan', value: '12345678910' },
    ],
    product_details: [{ key: 'Tarif/Daya', value: 'R2/000003500' }],
    bill_details: [{ key: 'Admin', value: '3200' }],
    payment_details: [
      { key: 'Token', value: '1234-5678-9012-3456-7890' },
      { key: 'Serial Number', value: 'PLN987654321' },
    ],
  };

  it('finds the token, serial number, name, number and tariff of the docs.xendit.co Get Payment Detail example', () => {
    assert.equal(billDetail('token', docsPayment.payment_details), '1234-5678-9012-3456-7890');
    assert.equal(billDetail('serialNumber', docsPayment.payment_details), 'PLN987654321');
    assert.equal(billDetail('customerName', docsPayment.customer_details), 'John Doe');
    assert.equal(billDetail('customerNumber', docsPayment.customer_details), '12345678910');
    // The docs put Tarif/Daya in product_details, not customer_details: look in all of them.
    assert.equal(billDetail('tariffPower', docsPayment.customer_details, docsPayment.product_details), 'R2/000003500');
  });

  it('docs.xendit.co Get Payment Detail shows no kWh and no receipt label: neither is made up', () => {
    const all = Object.values(docsPayment);
    assert.equal(billDetail('kwh', ...all), undefined);
    assert.equal(billDetail('receipt', ...all), undefined);
  });

  it('ignores case, spaces and punctuation, reads Indonesian labels and the old invented keys, never a near miss', () => {
    // docs.xendit.co/apidocs/create-inquiry (PLN Prepaid Inquiry Response): product_details "Denom" "100.000".
    assert.equal(billDetail('denom', [{ key: 'Denom', value: '100.000' }]), '100.000');
    assert.equal(billDetail('tariffPower', [{ key: 'TARIF / DAYA', value: 'R1/900VA' }]), 'R1/900VA');
    assert.equal(billDetail('token', [{ key: 'nomor_token', value: '1' }]), '1');
    assert.equal(billDetail('kwh', [{ key: 'Jumlah KWH', value: '34.6' }]), '34.6');
    assert.equal(billDetail('serialNumber', [{ key: 'serial number', value: 'S' }]), 'S');
    assert.equal(billDetail('receipt', [{ key: 'Nomor Referensi', value: 'R' }]), 'R');
    for (const [field, key] of [['token', 'token'], ['kwh', 'kwh'], ['receipt', 'receipt_number'], ['customerName', 'customer_name'], ['tariffPower', 'tariff_power']] as const) {
      assert.equal(billDetail(field, [{ key, value: 'old' }]), 'old', key);
    }
    assert.equal(billDetail('token', [{ key: 'Token Fee', value: '9' }]), undefined);
    assert.equal(billDetail('token', [{ key: 'Token', value: '' }, { key: 'Token', value: null }]), undefined);
    assert.equal(billDetail('token', undefined, [{ key: 'Token', value: 'later list' }]), 'later list');
  });
});

describe('bill answers', () => {
  const inquiry = {
    checkout: 'bill_abc',
    product_id: 'PLN_POSTPAID',
    product_name: 'PLN Tagihan Listrik',
    customer_number: '22345678911',
    currency: 'IDR',
    base_amount: 305_500,
    admin_amount: 5_000,
    total_amount: 310_500,
    customer_details: [{ key: 'Nama Pelanggan', value: 'PELANGGAN SIMULASI 8911' }],
    product_details: [{ key: 'Tarif/Daya', value: 'R1/1300VA' }],
    bill_details: [{ key: 'period_1', value: 'MEI 2026' }],
    expires_at: '2026-06-01T00:00:00.000Z',
  };

  it('checks the products and the inquiry against the contract', () => {
    assert.deepEqual(parseBillInquiry(inquiry), inquiry);
    const products = parseBillProducts({ products: [{ id: 'PLN_POSTPAID', name: 'PLN Tagihan Listrik', category: 'ELECTRICITY', biller: 'PLN', currency: 'IDR', requires_inquiry: true, available: true, total_amount: null }] });
    assert.equal(products[0]!.total_amount, null);
  });

  it('names what is wrong with an answer that breaks the contract', () => {
    assert.throws(() => parseBillInquiry({ ...inquiry, total_amount: '310500' }), /inquiry\.total_amount should be a number/);
    assert.throws(() => parseBillInquiry({ ...inquiry, customer_details: [{ value: 'x' }] }), /inquiry\.customer_details\[0\]\.key should be a string/);
    assert.throws(() => parseBillProducts({ products: [{ id: 1 }] }), /products\.products\[0\]\.id should be a string/);
    assert.throws(() => parseBillProducts([]), /products should be an object/);
  });
});

describe('wire contract', () => {
  const option = { total_amount: 1_500_000, installment_amount: 500_000, interval: 'MONTH', interval_count: 1, total_recurrence: 3, interest_rate: 0 };
  const plans = {
    quote: 'q_1',
    expires_at: '2026-06-01T00:00:00.000Z',
    currency: 'IDR',
    amount: 1_500_000,
    providers: [
      { channel_code: 'ID_KREDIVO', name: 'Kredivo', available: true, plan_id: 'plan_1', options: [{ ...option, internal: 'x' }] },
      { channel_code: 'ID_AKULAKU', name: 'Akulaku', available: false, reason: { code: 'AMOUNT_TOO_LOW', min_amount: 50_000, currency: 'IDR' } },
    ],
  };

  it('keeps the known fields of the plans, with defaults for the optional ones', () => {
    assert.deepEqual(parsePlansResponse({ ...plans, extra: true }), {
      ...plans,
      providers: [
        { ...plans.providers[0], options: [{ ...option, downpayment_amount: null, description: '' }] },
        plans.providers[1],
      ],
    });
  });

  it('names the first field that breaks the contract', () => {
    const broken = (edit: (body: any) => void) => {
      const body = structuredClone(plans) as any;
      edit(body);
      return () => parsePlansResponse(body);
    };
    assert.throws(broken((b) => (b.providers[0].options[0].total_amount = '1')), /plans\.providers\[0\]\.options\[0\]\.total_amount should be a number/);
    assert.throws(broken((b) => (b.providers[1].available = 'no')), /plans\.providers\[1\]\.available should be true or false/);
    assert.throws(broken((b) => (b.providers[1].reason = {})), /plans\.providers\[1\]\.reason\.code should be a string/);
    assert.throws(broken((b) => (b.providers = {})), /plans\.providers should be an array/);
    assert.throws(() => parsePlansResponse([]), /plans should be an object/);
  });

  it('checks a charge, keeping only a deeplink that is there', () => {
    const charge = { charge_id: 'c_1', status: 'PENDING', status_token: 't', checkout_url: { desktop: 'https://d', mobile: 'https://m', deeplink: '' } };
    assert.deepEqual(parseChargeResponse(charge), { ...charge, checkout_url: { desktop: 'https://d', mobile: 'https://m' } });
    assert.throws(() => parseChargeResponse({ status: 'PENDING' }), /charge\.checkout_url should be an object/);
    assert.throws(() => parseChargeResponse({ ...charge, status_token: 1 }), /charge\.status_token should be a string/);
  });

  it("checks a status answer's bill only with the bill check of paylater-checkout/bills", () => {
    const charge = { charge_id: 'c_1', status: 'SUCCEEDED', amount: 53_200, currency: 'IDR', channel_code: 'ID_KREDIVO' };
    const bill = { product_id: 'PLN_PREPAID_50K', product_name: 'PLN Token 50.000', customer_number: '12345678910', status: 'SUCCEEDED', token: '1234', kwh: 3, refund: { status: 'SUCCEEDED', extra: 1 } };
    // Without it (the main bundle alone), the bill is left out, whatever it is.
    assert.deepEqual(parseStatusResponse({ ...charge, bill }), charge);
    assert.deepEqual(parseStatusResponse({ ...charge, bill: 'anything' }), charge);
    assert.throws(() => parseStatusResponse({ ...charge, amount: '53200', bill }), /status\.amount should be a number/);
    // With it: checked and cleaned.
    const { kwh: _, ...rest } = bill;
    assert.deepEqual(parseStatusResponse({ ...charge, bill }, parseBillStatus), { ...charge, bill: { ...rest, refund: { status: 'SUCCEEDED' } } });
    assert.deepEqual(parseStatusResponse(charge, parseBillStatus), charge);
    assert.throws(() => parseStatusResponse({ ...charge, bill: null }, parseBillStatus), /status\.bill should be an object/);
    assert.throws(() => parseStatusResponse({ ...charge, bill: { ...bill, refund: {} } }, parseBillStatus), /status\.bill\.refund\.status should be a string/);
  });

  it("reads the companion's error body, or nothing", () => {
    assert.deepEqual(parseErrorBody({ error: { code: 'QUOTE_EXPIRED', message: 'm', request_id: 'r', x: 1 } }), { code: 'QUOTE_EXPIRED', message: 'm', request_id: 'r' });
    assert.deepEqual(parseErrorBody({ error: { code: 'INTERNAL' } }), { code: 'INTERNAL', message: '' });
    for (const body of [undefined, null, 'x', [], {}, { error: null }, { error: 'x' }, { error: { code: 1 } }]) assert.equal(parseErrorBody(body), null, JSON.stringify(body));
  });
});
