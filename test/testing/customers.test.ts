import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createXenditSimulator } from '../../src/testing/index.js';
import { XenditConflictError, XenditNotFoundError } from '../../src/xendit/index.js';
import { startSimulator, type Started } from './support.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const nested = (reference: string) => ({
  reference_id: reference,
  type: 'INDIVIDUAL',
  individual_detail: { given_names: 'Siti', surname: 'Rahayu', gender: 'FEMALE' },
  email: 'siti@example.com',
  mobile_number: '+628123456789',
  addresses: [{ country: 'ID', street_line1: 'Jl. Merdeka 1', city: 'Jakarta', postal_code: '10110', province_state: 'DKI Jakarta' }],
  metadata: { crm: '42' },
});

const flat = (reference: string) => ({
  reference_id: reference,
  given_names: 'Harry',
  surname: 'Potter',
  email: 'harry@hogwarts.co',
  mobile_number: '+629991234567',
  addresses: [{ country: 'ID', province: 'DKI Jakarta', street_line1: 'Jalan Makan', city: 'Jakarta Pusat', postal_code: '12160' }],
});

describe('simulator: customers', () => {
  let s: Started;
  before(async () => {
    s = await startSimulator();
  });
  beforeEach(() => s.sim.reset());
  after(() => s.close());

  it('API-VERSION 2020-10-31 → the nested shape with a cust- id, created and updated', async () => {
    const answer = await s.api('/customers', { headers: { 'API-VERSION': '2020-10-31' }, body: nested('c-1') });
    assert.equal(answer.status, 200);
    const c = answer.body;
    assert.match(c.id, /^cust-[0-9a-f-]{36}$/);
    assert.equal(c.type, 'INDIVIDUAL');
    assert.equal(c.individual_detail.given_names, 'Siti');
    assert.equal(c.individual_detail.surname, 'Rahayu');
    assert.equal(c.individual_detail.gender, 'FEMALE');
    assert.equal(c.given_names, undefined, 'no flat fields in the nested shape');
    assert.equal(c.addresses[0].province_state, 'DKI Jakarta');
    assert.deepEqual(c.metadata, { crm: '42' });
    assert.ok(!Number.isNaN(Date.parse(c.created)) && c.created === c.updated);
  });

  it('no API-VERSION (or 2020-05-19) → the guide’s flat shape with a plain UUID id', async () => {
    for (const [reference, headers] of [['f-1', {}], ['f-2', { 'api-version': '2020-05-19' }]] as const) {
      const answer = await s.api('/customers', { headers, body: flat(reference) });
      assert.equal(answer.status, 200, answer.text);
      const c = answer.body;
      assert.match(c.id, UUID);
      assert.equal(c.given_names, 'Harry');
      assert.equal(c.surname, 'Potter');
      assert.equal(c.middle_name, null);
      assert.equal(c.individual_detail, undefined);
      assert.deepEqual(c.addresses[0], {
        category: '',
        country: 'ID',
        state: '',
        province: 'DKI Jakarta',
        city: 'Jakarta Pusat',
        postal_code: '12160',
        street_line1: 'Jalan Makan',
        street_line2: '',
        is_preferred: false,
      });
    }
  });

  it('refuses a flat body sent with API-VERSION 2020-10-31 (type is required there)', async () => {
    const answer = await s.api('/customers', { headers: { 'api-version': '2020-10-31' }, body: flat('f-3') });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error_code, 'API_VALIDATION_ERROR');
    assert.ok(answer.body.errors.some((e: { path: string }) => e.path === 'type'));
  });

  it('requires individual_detail for an INDIVIDUAL', async () => {
    const { individual_detail: _, ...body } = nested('c-2');
    const answer = await s.api('/customers', { headers: { 'api-version': '2020-10-31' }, body });
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.body.errors.map((e: { path: string }) => e.path), ['individual_detail']);
  });

  it('refuses an unknown API-VERSION', async () => {
    const answer = await s.api('/customers', { headers: { 'api-version': '2099-01-01' }, body: nested('c-3') });
    assert.equal(answer.status, 400);
  });

  it('a duplicate reference_id → 409 DUPLICATE_ERROR, in either shape', async () => {
    assert.equal((await s.api('/customers', { headers: { 'api-version': '2020-10-31' }, body: nested('dup') })).status, 200);
    const again = await s.api('/customers', { headers: { 'api-version': '2020-10-31' }, body: nested('dup') });
    assert.equal(again.status, 409);
    assert.equal(again.body.error_code, 'DUPLICATE_ERROR');
    const flatAgain = await s.api('/customers', { body: flat('dup') });
    assert.equal(flatAgain.status, 409);
    assert.equal(s.sim.customers().length, 1);
    await assert.rejects(s.client.customers.create(nested('dup') as never), XenditConflictError);
  });

  it('the duplicate answer can follow the SDK variant through `decisions`', async () => {
    const sim = createXenditSimulator({ decisions: { duplicateCustomer: { status: 400, error_code: 'DUPLICATE_END_CUSTOMER_ERROR' } } });
    try {
      await sim.fetch('https://api.xendit.co/customers', { method: 'POST', headers: { authorization: `Basic ${btoa('xnd_development_simulator:')}` }, body: JSON.stringify(flat('x')) });
      const again = await sim.fetch('https://api.xendit.co/customers', { method: 'POST', headers: { authorization: `Basic ${btoa('xnd_development_simulator:')}` }, body: JSON.stringify(flat('x')) });
      assert.equal(again.status, 400);
      assert.equal((await again.json()).error_code, 'DUPLICATE_END_CUSTOMER_ERROR');
    } finally {
      await sim.close();
    }
  });

  it('GET /customers?reference_id= → { data: [customer], has_more: false }; our client finds it or returns null', async () => {
    const created = await s.api('/customers', { headers: { 'api-version': '2020-10-31' }, body: nested('look-me-up') });
    const list = await s.api('/customers?reference_id=look-me-up', { headers: { 'api-version': '2020-10-31' } });
    assert.equal(list.status, 200);
    assert.deepEqual(list.body, { data: [created.body], has_more: false });
    const none = await s.api('/customers?reference_id=nobody');
    assert.deepEqual(none.body, { data: [], has_more: false });
    assert.equal((await s.client.customers.getByReferenceId('look-me-up'))?.id, created.body.id);
    assert.equal(await s.client.customers.getByReferenceId('nobody'), null);
    const missing = await s.api('/customers');
    assert.equal(missing.status, 400);
  });

  it('GET /customers/{id} → the customer; unknown → 404 DATA_NOT_FOUND', async () => {
    const created = await s.api('/customers', { body: flat('by-id') });
    const got = await s.api(`/customers/${created.body.id}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, created.body);
    const unknown = await s.api('/customers/cust-00000000-0000-0000-0000-000000000000');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error_code, 'DATA_NOT_FOUND');
    await assert.rejects(s.client.customers.get('nope'), XenditNotFoundError);
  });

  it('honours the documented idempotency-key on POST /customers', async () => {
    const headers = { 'api-version': '2020-10-31', 'idempotency-key': 'cust-key-1' };
    const first = await s.api('/customers', { headers, body: nested('idem') });
    const replay = await s.api('/customers', { headers, body: nested('idem') });
    assert.equal(replay.status, 200, 'not a duplicate: the stored answer');
    assert.equal(replay.body.id, first.body.id);
    const other = await s.api('/customers', { headers, body: nested('idem-other') });
    assert.equal(other.status, 409);
    assert.equal(other.body.error_code, 'IDEMPOTENCY_ERROR');
    assert.equal(s.sim.customers().length, 1);
  });
});
