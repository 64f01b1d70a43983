import { createXenditSimulator } from '../../src/testing/index.js';
import { simulatorHandlers } from '../../src/testing/msw.js';
import { createXenditClient, XenditNetworkError } from '../../src/xendit/index.js';

// Mocha's globals (web-test-runner), typed here: the project has no @types/mocha.
type Hook = () => void | Promise<void>;
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: Hook): void;
declare function before(body: Hook): void;
declare function after(body: Hook): void;
declare function afterEach(body: Hook): void;

// This file runs in Chromium (web-test-runner). When a shell glob hands it to node's test runner,
// it does nothing: the browser-only modules are loaded only in a browser.
const inBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';
const { expect, fixture } = inBrowser ? await import('@open-wc/testing') : ({} as typeof import('@open-wc/testing'));
const { setupWorker } = inBrowser ? await import('msw/browser') : ({} as typeof import('msw/browser'));

/** The msw face in Chromium: a service worker answers https://api.xendit.co with the simulator. */
if (inBrowser) describe('xendit simulator in the browser (msw worker)', () => {
  const simulator = createXenditSimulator({ billSettleMs: 10 });
  const worker = setupWorker(...simulatorHandlers(simulator));
  const client = createXenditClient({ baseUrl: 'https://api.xendit.co', secretKey: 'xnd_development_simulator', maxRetries: 0, timeoutMs: 2000 });

  before(async () => {
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  });
  afterEach(() => simulator.clearFaults());
  after(async () => {
    worker.stop();
    await simulator.close();
  });

  it('creates a customer, gets plans and creates a charge with our client', async () => {
    const customer = await client.customers.create({
      reference_id: 'browser-1',
      type: 'INDIVIDUAL',
      individual_detail: { given_names: 'Putri', surname: 'Lestari' },
      email: 'putri@example.com',
      mobile_number: '+628129876543',
    });
    expect(customer.id).to.match(/^cust-/);

    const plans = await client.paylater.initiatePlans({
      customer_id: customer.id,
      channel_code: 'ID_KREDIVO',
      currency: 'IDR',
      amount: 1_200_000,
      order_items: [{ type: 'PHYSICAL_PRODUCT', reference_id: 'SKU-9', name: 'Rice cooker', net_unit_amount: 600_000, quantity: 2, url: 'https://shop.example/rice-cooker', category: 'Home' }],
    });
    expect(plans.id).to.match(/^plp_/);
    expect(plans.options.map((o) => o.total_recurrence)).to.deep.equal([1, 3, 6, 12]);

    const charge = await client.paylater.createCharge({ plan_id: plans.id, reference_id: 'browser-order', checkout_method: 'ONE_TIME_PAYMENT', success_redirect_url: 'https://shop.example/ok' });
    expect(charge.status).to.equal('PENDING');
    expect(charge.amount).to.equal(1_200_000);
    expect(charge.actions?.desktop_web_checkout_url).to.equal(`https://api.xendit.co/checkout/${charge.id}`);
    expect(simulator.charges().map((c) => c.id)).to.deep.equal([charge.id]);

    const page = await fetch(charge.actions!.desktop_web_checkout_url!);
    const doc = new DOMParser().parseFromString(await page.text(), 'text/html');
    expect(doc.documentElement.lang).to.equal('en');
    expect(doc.querySelector('main h1')?.textContent).to.equal('Kredivo');
    expect([...doc.querySelectorAll('form[method="post"] button')].map((b) => b.textContent)).to.deep.equal(['Pay', 'Cancel']);

    expect(simulator.approveCharge(charge.id).status).to.equal('SUCCEEDED');
    expect((await client.paylater.getCharge(charge.id)).status).to.equal('SUCCEEDED');
  });

  async function pendingChargePage() {
    const customer = await client.customers.create({ reference_id: `page-${Math.random()}`, type: 'INDIVIDUAL', individual_detail: { given_names: 'Ayu' } });
    const plans = await client.paylater.initiatePlans({
      customer_id: customer.id,
      channel_code: 'ID_AKULAKU',
      currency: 'IDR',
      amount: 2_450_000,
      order_items: [{ type: 'PHYSICAL_PRODUCT', reference_id: 'SKU-L', name: 'A rather long product name that has to wrap on a small phone screen', net_unit_amount: 2_450_000, quantity: 1, url: 'https://shop.example/x', category: 'Home' }],
    });
    const charge = await client.paylater.createCharge({ plan_id: plans.id, reference_id: 'ORDER-2024-000000000000000000123456789', checkout_method: 'ONE_TIME_PAYMENT', success_redirect_url: 'https://shop.example/ok' });
    return (await fetch(charge.actions!.desktop_web_checkout_url!)).text();
  }

  it('[axe] the provider page is accessible', async () => {
    const doc = new DOMParser().parseFromString(await pendingChargePage(), 'text/html');
    const el = await fixture(`<div>${doc.querySelector('style')!.outerHTML}${doc.querySelector('main')!.outerHTML}</div>`);
    await expect(el).to.be.accessible();
  });

  it('the provider page fits a 375 px wide screen without sideways scrolling', async () => {
    const page = await pendingChargePage();
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width:375px;height:700px;border:0';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.srcdoc = page;
    document.body.append(frame);
    try {
      await loaded;
      const inner = frame.contentDocument!;
      expect(inner.documentElement.scrollWidth).to.be.at.most(375);
      const pay = [...inner.querySelectorAll('button')].find((b) => b.textContent === 'Pay')!;
      expect(pay.getBoundingClientRect().height).to.be.at.least(44, 'a comfortable touch target');
      expect(parseFloat(getComputedStyle(inner.body).fontSize)).to.be.at.least(16);
    } finally {
      frame.remove();
    }
  });

  it('errors keep Xendit’s shape, and a dropped connection is a network error', async () => {
    const wrong = await fetch('https://api.xendit.co/paylater/charges/plc_x', { headers: { authorization: `Basic ${btoa('nope:')}` } });
    expect(wrong.status).to.equal(401);
    expect((await wrong.json()).error_code).to.equal('INVALID_API_KEY');
    expect(wrong.headers.get('request-id')).to.be.a('string');

    simulator.injectFault({ route: 'products', drop: true, times: 1 });
    let error: unknown;
    try {
      await client.billPayments.listProducts();
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(XenditNetworkError);
    expect((await client.billPayments.listProducts()).data.length).to.equal(3);
  });
});
