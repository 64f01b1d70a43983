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
import { CUSTOMER_LIMITS, customerBody, normaliseName } from '../../src/server/companion/order.js';
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

  it('sends a local mobile number in E.164: 0812… → +62812…, 0917… → +63917…; E.164 and other numbers as given', () => {
    const sent = (mobile_number: string) => customerBody({ reference_id: 'c-1', given_names: 'Siti', mobile_number }).mobile_number;
    assert.equal(sent('081234567890'), '+6281234567890');
    assert.equal(sent('09171234567'), '+639171234567');
    assert.equal(sent('+6281234567890'), '+6281234567890');
    assert.equal(sent('0215551234'), '0215551234', 'a Jakarta landline is no mobile: as given');
  });

  it('leaves out an email over 50 characters rather than refusing the shopper; keeps one that fits', () => {
    const long = `${'a'.repeat(40)}@example.co.id`;
    assert.ok(long.length > 50);
    assert.equal('email' in customerBody(customer('Siti', { email: long })), false);
    assert.equal(customerBody(customer('Siti', { email: 'siti@example.co.id' })).email, 'siti@example.co.id');
  });

  it('given_names is required: when none of it is left, the surname takes its place; no name is invented', () => {
    assert.deepEqual(customerBody(customer("'-'", { surname: 'Rahayu' })).individual_detail, { given_names: 'Rahayu' });
    assert.equal(customerBody(customer('สมชาย', { surname: undefined })).individual_detail.given_names, 'สมชาย');
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

  it('a shopper whose mobile number is in local format (0812…) gets plans, and Xendit receives it in E.164 (the form every Xendit sample shows)', async () => {
    shop.carts.set('cart-local-mobile', order({ reference_id: 'order-local-mobile', customer: { ...order().customer, reference_id: 'customer-local-mobile', mobile_number: '081234567890' } }));
    const plans = await shop.plans('cart-local-mobile');
    assert.equal(plans.status, 200, JSON.stringify(plans.body));
    const sent = shop.simulator.customers().find((c) => (c as { reference_id?: string }).reference_id === 'customer-local-mobile') as { mobile_number?: string };
    assert.equal(sent.mobile_number, '+6281234567890');
  });
});
