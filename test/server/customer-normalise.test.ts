/**
 * The customer the companion sends to Xendit, made to fit Xendit's rules so that no shopper is
 * refused plans for their name. The rules, from docs.xendit.co/apidocs/create-customer-request:
 *   given_names: "Primary or first name/s of customer. Alphanumeric. No special characters is allowed." Min length 1, Max length 50
 *   surname:     "Last or family name of customer. Alphanumeric. No special characters is allowed." Min length 1, Max length 50
 * and (XENDIT_API.md, "Customer field rules" [docs]) email at most 50 characters.
 * These tests check against the rules as written, not against the simulator, which may or may not enforce them.
 */
import { describe, it, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { CUSTOMER_LIMITS, customerBody, e164Mobile, normaliseName } from '../../src/server/companion/order.js';
import { order, startShop, type Shop } from '../helpers/shop.js';

/** Xendit's rule for given_names and surname, as the docs write it: alphanumeric (and the spaces between names), 1 to 50. */
const fitsXendit = (name: string) => /^[A-Za-z0-9]+( [A-Za-z0-9]+)*$/.test(name) && name.length >= 1 && name.length <= 50;

const customer = (given_names: string, extra: Partial<ReturnType<typeof order>['customer']> = {}) => ({ ...order().customer, given_names, ...extra });

describe('customer normalisation (docs.xendit.co create-customer-request: "Alphanumeric. No special characters is allowed.", max 50)', () => {
  it('drops apostrophes: "O\'Brien" → "OBrien", "Siti Nur\'aini" → "Siti Nuraini" (also the typographic ’)', () => {
    assert.equal(normaliseName("O'Brien"), 'OBrien');
    assert.equal(normaliseName("Siti Nur'aini"), 'Siti Nuraini');
    assert.equal(normaliseName('Siti Nur\u2019aini'), 'Siti Nuraini');
  });

  it('folds accents simply and makes other marks spaces: "José-María" → "Jose Maria"', () => {
    assert.equal(normaliseName('José-María'), 'Jose Maria');
    assert.equal(normaliseName('Zoë Łukasz-Øster ßtraße'), 'Zoe Lukasz Oster sstrasse');
    assert.equal(normaliseName('  Budi   (Pak)  Santoso. '), 'Budi Pak Santoso');
  });

  it('cuts a name over 50 characters on a word boundary', () => {
    const long = 'Muhammad Rizky Pratama Wijaya Kusuma Ningrat Hadiningrat Putra';
    assert.ok(long.length > 50);
    const cut = normaliseName(long);
    assert.ok(cut.length <= CUSTOMER_LIMITS.name, cut);
    assert.ok(long.startsWith(cut) && long[cut.length] === ' ', `cut on a space: "${cut}"`);
    // One word of 60 letters has no boundary: cut at 50.
    assert.equal(normaliseName('A'.repeat(60)), 'A'.repeat(50));
  });

  it('every name sent fits the docs\' rule', () => {
    for (const name of ["O'Brien", "Siti Nur'aini", 'José-María', 'A'.repeat(60), 'Anne-Sophie de la Tour d\'Auvergne-Lauraguais et Montmorency', 'R. J. "Bob" Smith Jr.']) {
      const body = customerBody(customer(name, { surname: `${name} family` }));
      assert.ok(fitsXendit(body.individual_detail.given_names), `given_names "${body.individual_detail.given_names}" from "${name}"`);
      assert.ok(fitsXendit(body.individual_detail.surname!), `surname "${body.individual_detail.surname}" from "${name}"`);
    }
  });

  it('makes a mobile number E.164 however the shop writes it; none when it is no phone number', () => {
    const cases = [
      ['081234567890', 'IDR', '+6281234567890'],
      ['+62 812-3456-7890', 'IDR', '+6281234567890'],
      ['+62 (0) 812 3456 7890', 'IDR', '+6281234567890'],
      ['6281234567890', 'IDR', '+6281234567890'],
      ['81234567890', 'IDR', '+6281234567890'],
      ['(021) 555-1234', 'IDR', '+62215551234'],
      ['09171234567', 'PHP', '+639171234567'],
      ['+63 917 123 4567', 'PHP', '+639171234567'],
      ['0917-123-4567', 'PHP', '+639171234567'],
      ['0917.123.4567', 'PHP', '+639171234567'],
      ['639171234567', 'PHP', '+639171234567'],
      ['0063 917 123 4567', 'PHP', '+639171234567'],
      ['9171234567', 'PHP', '+639171234567'],
      ['(02) 8123 4567', 'PHP', '+63281234567'],
      ['+1 415 555 0100', 'IDR', '+14155550100'],
      ['call me', 'IDR', undefined],
      ['12', 'PHP', undefined],
    ] as const;
    for (const [given, currency, sent] of cases) assert.equal(e164Mobile(given, currency), sent, `${given} (${currency})`);
  });

  it('leaves out an email over 50 characters rather than refusing the shopper; keeps one that fits', () => {
    const long = `${'a'.repeat(40)}@example.co.id`;
    assert.ok(long.length > 50);
    assert.equal('email' in customerBody(customer('Siti', { email: long })), false);
    assert.equal(customerBody(customer('Siti', { email: 'siti@example.co.id' })).email, 'siti@example.co.id');
  });

  it('given_names is required: when none of it is left, the surname takes its place; a name in another script goes as given', () => {
    assert.deepEqual(customerBody(customer("'-'", { surname: 'Rahayu' })).individual_detail, { given_names: 'Rahayu' });
    assert.equal(customerBody(customer('สมชาย', { surname: undefined })).individual_detail.given_names, 'สมชาย');
    // Of such a name, only letters (with their marks), digits and spaces go, as Xendit's rule says.
    assert.equal(customerBody(customer('ジョン・スミス', { surname: undefined })).individual_detail.given_names, 'ジョン スミス');
    assert.equal(customerBody(customer('สมชาย.', { surname: undefined })).individual_detail.given_names, 'สมชาย');
    assert.equal(customerBody(customer('小明\u{1F600}', { surname: undefined })).individual_detail.given_names, '小明');
  });
});

describe('customer normalisation through the companion', () => {
  let shop: Shop;
  before(async () => {
    shop = await startShop();
  });
  after(() => shop.close());

  it('a shopper named "Siti Nur\'aini" with a 60-letter surname gets plans; Xendit receives names that fit its rules', async () => {
    const surname = 'Wulandari Kusumawardhani Prameswari Ningtyas Hadiningrat Ayu';
    assert.ok(surname.length > 50);
    shop.carts.set('cart-apostrophe', order({ customer: { ...order().customer, reference_id: 'customer-nuraini', given_names: "Siti Nur'aini", surname } }));
    const plans = await shop.plans('cart-apostrophe');
    assert.equal(plans.status, 200, JSON.stringify(plans.body));
    assert.ok(plans.body.providers.some((p: { available: boolean }) => p.available), 'at least one provider offers plans');
    const sent = shop.simulator.customers().find((c) => (c as { reference_id?: string }).reference_id === 'customer-nuraini') as {
      individual_detail?: { given_names?: string; surname?: string };
      given_names?: string;
      surname?: string;
    };
    const given = sent.individual_detail?.given_names ?? sent.given_names;
    const family = sent.individual_detail?.surname ?? sent.surname;
    assert.equal(given, 'Siti Nuraini');
    assert.ok(family && fitsXendit(family), `surname sent: "${family}"`);
  });

  it('a shopper whose name has no letter at all (symbols, emoji: a social login\u2019s display name) gets plans, sent to Xendit as "Customer"', async () => {
    for (const [i, name] of ['!!!<>', '\u{1F600}\u{1F600}'].entries()) {
      shop.carts.set(`cart-symbols-${i}`, order({ reference_id: `order-symbols-${i}`, customer: { ...order().customer, reference_id: `customer-symbols-${i}`, given_names: name, surname: '\u2728' } }));
      const plans = await shop.plans(`cart-symbols-${i}`);
      assert.equal(plans.status, 200, JSON.stringify(plans.body));
      assert.ok(plans.body.providers.some((p: { available: boolean }) => p.available), `plans for "${name}"`);
      const sent = shop.simulator.customers().find((c) => (c as { reference_id?: string }).reference_id === `customer-symbols-${i}`) as { individual_detail?: { given_names?: string; surname?: string } };
      assert.equal(sent.individual_detail?.given_names, 'Customer');
      assert.ok(!sent.individual_detail?.surname, 'no surname sent');
    }
  });

  it('a shopper whose mobile number is written locally (0812…, 0917 123 4567) gets plans, and Xendit receives it in E.164 (the form every Xendit sample shows)', async () => {
    const php = { currency: 'PHP', amount: 5_000, order_items: [{ ...order().order_items[0]!, net_unit_amount: 2_500, quantity: 2 }] };
    for (const [cart, mobile_number, extra, e164] of [
      ['cart-local-mobile', '081234567890', {}, '+6281234567890'],
      ['cart-ph-mobile', '0917 123 4567', php, '+639171234567'],
      ['cart-ph-mobile-2', '+63 917-123-4567', php, '+639171234567'],
    ] as const) {
      shop.carts.set(cart, order({ reference_id: `order-${cart}`, ...extra, customer: { ...order().customer, reference_id: `customer-${cart}`, mobile_number } }));
      const plans = await shop.plans(cart);
      assert.equal(plans.status, 200, JSON.stringify(plans.body));
      assert.ok(plans.body.providers.some((p: { available: boolean }) => p.available), `${mobile_number}: some provider offers plans`);
      const sent = shop.simulator.customers().find((c) => (c as { reference_id?: string }).reference_id === `customer-${cart}`) as { mobile_number?: string };
      assert.equal(sent.mobile_number, e164, mobile_number);
    }
  });

  it('a mobile number that is none ("call me") is left out with a warning: the shopper still gets plans', async () => {
    shop.carts.set('cart-no-mobile', order({ reference_id: 'order-no-mobile', customer: { ...order().customer, reference_id: 'customer-no-mobile', mobile_number: 'call me' } }));
    const before = shop.logs.length;
    const plans = await shop.plans('cart-no-mobile');
    assert.equal(plans.status, 200, JSON.stringify(plans.body));
    const sent = shop.simulator.customers().find((c) => (c as { reference_id?: string }).reference_id === 'customer-no-mobile') as { mobile_number?: string };
    assert.equal(sent.mobile_number ?? undefined, undefined);
    assert.ok(shop.logs.slice(before).some((line) => line.startsWith('warn the customer\u2019s mobile number is not one') && line.includes('order-no-mobile')), shop.logs.slice(before).join('\n'));
  });
});
