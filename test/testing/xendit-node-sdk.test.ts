/**
 * Xendit's own Node SDK (xendit-node 7, a devDependency for this test only) as a client of the
 * simulator. If the simulator answered only the requests *our* client sends, a merchant whose
 * back office uses the SDK would meet a different Xendit on the day they go live. Sources:
 * xendit-node `customer/apis/Customer.js` (no API-VERSION header, nested body),
 * `customer/models/AddressRequest.js` (`country_code`, `line_1`, `line_2`, `suburb`),
 * `customer/models/Address.js` (reads answers as `country`, `street_line1`).
 */
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { Xendit, XenditSdkError } from 'xendit-node';
import { KEY, startSimulator, type Started } from './support.js';

describe('simulator: xendit-node 7 Customer API talks to it', () => {
  let s: Started;
  let xendit: Xendit;
  before(async () => {
    s = await startSimulator();
    // The SDK's documented base URL option: the simulator's node:http face on 127.0.0.1:<port>.
    xendit = new Xendit({ secretKey: KEY, xenditURL: s.url });
  });
  beforeEach(() => s.sim.reset());
  after(() => s.close());

  it('creates (no API-VERSION, nested body, SDK address names), finds by reference id and reads a customer [xendit-node customer/apis/Customer.js]', async () => {
    const created = await xendit.Customer.createCustomer({
      data: {
        referenceId: 'sdk-shopper-1',
        type: 'INDIVIDUAL',
        individualDetail: { givenNames: 'Siti', surname: 'Rahayu' },
        email: 'siti@example.co.id',
        mobileNumber: '081234567890',
        addresses: [{ countryCode: 'ID', line1: 'Jl. Merdeka 1', line2: 'Blok A', suburb: 'Gambir', city: 'Jakarta', postalCode: '10110', isPrimary: true }],
      },
    });
    assert.match(created.id, /^cust-/);
    assert.equal(created.individualDetail?.givenNames, 'Siti');
    assert.equal(created.mobileNumber, '081234567890', 'the local format is kept as sent');
    // The SDK reads the docs' names back: the shopper's country and street must survive the round trip.
    assert.equal(created.addresses?.[0]?.country, 'ID');
    assert.equal(created.addresses?.[0]?.streetLine1, 'Jl. Merdeka 1');
    const sent = s.sim.requests().find((r) => r.method === 'POST' && r.path === '/customers');
    assert.equal(sent?.headers['api-version'], undefined, 'the SDK sends no API-VERSION header');

    const found = await xendit.Customer.getCustomerByReferenceID({ referenceId: 'sdk-shopper-1' });
    assert.equal(found.data?.length, 1);
    assert.equal(found.data?.[0]?.id, created.id);

    const read = await xendit.Customer.getCustomer({ id: created.id });
    assert.equal(read.referenceId, 'sdk-shopper-1');
    assert.equal(read.individualDetail?.surname, 'Rahayu');
    assert.equal(read.addresses?.[0]?.city, 'Jakarta');
  });

  it('answers the raw address in the spelling the SDK sent (country_code, line_1, line_2, suburb) [xendit-node customer/models/AddressRequest.js]', async () => {
    const created = await xendit.Customer.createCustomer({
      data: { referenceId: 'sdk-shopper-2', type: 'INDIVIDUAL', individualDetail: { givenNames: 'Dewi' }, addresses: [{ countryCode: 'ID', line1: 'Jl. Sudirman 5', suburb: 'Menteng' }] },
    });
    // The wire answer, which the SDK's model hides: read it as any other client would.
    const raw = (await s.api(`/customers/${created.id}`)).body as { addresses: Array<Record<string, unknown>> };
    assert.equal(raw.addresses[0]!.country_code, 'ID');
    assert.equal(raw.addresses[0]!.line_1, 'Jl. Sudirman 5');
    assert.equal(raw.addresses[0]!.suburb, 'Menteng');
  });

  it('refuses what Xendit refuses, as an error the SDK understands (400 API_VALIDATION_ERROR) [docs customer field rules]', async () => {
    await assert.rejects(
      xendit.Customer.createCustomer({ data: { referenceId: 'sdk-shopper-3', type: 'INDIVIDUAL', individualDetail: { givenNames: "O'Brien" } } }),
      (error: unknown) => {
        assert.ok(error instanceof XenditSdkError);
        assert.equal(error.status, 400);
        assert.equal(error.errorCode, 'API_VALIDATION_ERROR');
        // The name is what is refused, not the header-less nested body.
        const errors = (error.rawResponse as { errors?: Array<{ path: string }> }).errors ?? [];
        assert.deepEqual(errors.map((e) => e.path), ['individual_detail.given_names']);
        return true;
      },
    );
    assert.equal(s.sim.customers().length, 0);
  });
});
