import './lit-warnings.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
// Only the main entry: the bill view (`paylater-checkout/bills`) is not loaded in this file.
import '../../src/index.js';
import { PaylaterStatus, type PaylaterErrorEvent, type PaylaterStatusChangeEvent } from '../../src/index.js';
import { part, simulator, textOf, until, useNetwork, worker } from './harness.js';
import { billCharge, companionStatus, makeCharge, message, recordChanges, statusCalls, statusFixture } from './status-helpers.js';

describe('<paylater-status>', () => {
  useNetwork();

  it('renders pending, polls with back-off, then shows the confirmed payment', async () => {
    const charge = await makeCharge();
    const changes: PaylaterStatusChangeEvent[] = [];
    const record = (event: PaylaterStatusChangeEvent) => changes.push(event);
    document.addEventListener('paylater-status-change', record);
    const element = await statusFixture(charge.status_token);
    await until(() => part(element, 'message'), 'the pending message');
    const pending = part(element, 'pending')!;
    expect(pending.getAttribute('role')).to.equal('status');
    expect(textOf(part(element, 'title'))).to.equal('Waiting for confirmation');
    expect(textOf(part(element, 'message'))).to.equal('Waiting for Kredivo to confirm your payment of Rp 1,500,000. This page updates itself.');
    await expect(element).to.be.accessible();
    await until(() => statusCalls() >= 3, 'polling');
    simulator.approveCharge(charge.charge_id);
    await until(() => part(element, 'succeeded'), 'the confirmed state');
    document.removeEventListener('paylater-status-change', record);
    expect(textOf(part(element, 'title'))).to.equal('Payment confirmed');
    expect(textOf(part(element, 'message'))).to.equal('Your payment of Rp 1,500,000 with Kredivo is confirmed.');
    expect(element.status).to.equal('SUCCEEDED');
    expect(changes.map((e) => [e.detail.status, e.detail.final])).to.deep.equal([['PENDING', false], ['SUCCEEDED', true]]);
    // The order's reference, so the return page can link to the right order.
    expect(changes[1]!.detail).to.include({ chargeId: charge.charge_id, amount: 1_500_000, currency: 'IDR', channelCode: 'ID_KREDIVO', referenceId: 'order-2001' });
    await expect(element).to.be.accessible();
    // Final: no more polling.
    const seen = statusCalls();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(statusCalls()).to.equal(seen);
  });

  it('waits longer between checks each time, up to the maximum', async () => {
    const charge = await makeCharge();
    const times: number[] = [];
    worker.use(
      http.get('/paylater/status', ({ request }) => {
        times.push(performance.now());
        return companionStatus(request);
      }),
    );
    const element = await fixture<PaylaterStatus>(
      html`<paylater-status token=${charge.status_token} poll-interval="20" max-poll-interval="80"></paylater-status>`,
    );
    await until(() => times.length >= 6, 'six checks');
    element.remove();
    // Timers never fire early: each gap is at least the wait (20, 30, 45, 68, then the 80 ms cap).
    const gaps = times.slice(1, 6).map((t, i) => t - times[i]!);
    const waits = [20, 30, 45, 68, 80];
    gaps.forEach((gap, i) => expect(gap, `gap ${i}`).to.be.at.least(waits[i]! - 2));
  });

  it('shows a failed payment with the next step', async () => {
    const charge = await makeCharge('ID_AKULAKU');
    simulator.rejectCharge(charge.charge_id);
    const element = await statusFixture(charge.status_token, 'id');
    await until(() => part(element, 'failed'), 'the failed state');
    expect(textOf(part(element, 'title'))).to.equal('Pembayaran tidak selesai');
    expect(textOf(part(element, 'message'))).to.equal('Pembayaran Anda dengan Akulaku tidak berhasil. Kembali ke keranjang untuk mencoba lagi.');
    await expect(element).to.be.accessible();
  });

  it('says when the token is unknown, without a retry', async () => {
    const errored = oneEvent(document, 'paylater-error') as Promise<PaylaterErrorEvent>;
    const element = await statusFixture('unknown-token-0123456789abcdefghij');
    expect((await errored).detail).to.include({ code: 'STATUS_TOKEN_INVALID', status: 404, stage: 'status' });
    await element.updateComplete;
    const problem = part(element, 'problem')!;
    expect(problem.getAttribute('role')).to.equal('alert');
    expect(textOf(part(element, 'message'))).to.equal('This payment was not found.');
    expect(part(element, 'retry')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('reads the token from the page URL, and says so when there is none', async () => {
    const charge = await makeCharge();
    const original = location.href;
    history.replaceState(null, '', `?paylater_token=${charge.status_token}&paylater_result=success`);
    try {
      const element = await fixture<PaylaterStatus>(html`<paylater-status poll-interval="20"></paylater-status>`);
      await until(() => part(element, 'pending')?.querySelector('[part~="message"]'), 'pending');
      // The redirect said "success", but only the companion's answer counts.
      expect(textOf(part(element, 'title'))).to.equal('Waiting for confirmation');
      history.replaceState(null, '', location.pathname);
      const none = await fixture<PaylaterStatus>(html`<paylater-status></paylater-status>`);
      await until(() => part(none, 'problem'), 'the problem');
      expect(textOf(part(none, 'message'))).to.equal('No payment to show here.');
    } finally {
      history.replaceState(null, '', original);
    }
  });

  it('offers "check again" after a failure to reach the companion, which then works', async () => {
    const charge = await makeCharge();
    worker.use(http.get('/paylater/status', () => HttpResponse.error()));
    const element = await statusFixture(charge.status_token);
    await until(() => part(element, 'problem'), 'the problem');
    expect(textOf(part(element, 'message'))).to.contain('Could not reach the payment service');
    await expect(element).to.be.accessible();
    worker.resetHandlers();
    part<HTMLButtonElement>(element, 'retry')!.click();
    await until(() => part(element, 'pending')?.querySelector('[part~="message"]'), 'pending');
  });

  it('keeps polling through a passing failure once the status is known', async () => {
    const charge = await makeCharge();
    const element = await statusFixture(charge.status_token);
    await until(() => part(element, 'pending')?.querySelector('[part~="message"]'), 'pending');
    worker.use(http.get('/paylater/status', () => HttpResponse.json({ error: { code: 'INTERNAL', message: 'x' } }, { status: 500 })));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(part(element, 'problem')).to.equal(null);
    worker.resetHandlers();
    simulator.approveCharge(charge.charge_id);
    await until(() => part(element, 'succeeded'), 'the confirmed state');
  });

  it('stops after poll-timeout and offers to check again', async () => {
    const charge = await makeCharge();
    const element = await fixture<PaylaterStatus>(
      html`<paylater-status token=${charge.status_token} poll-interval="20" poll-timeout="100"></paylater-status>`,
    );
    await until(() => part(element, 'retry'), 'the check-again button');
    expect(textOf(part(element, 'message'))).to.equal('This is taking longer than usual. Check again in a few minutes.');
    const seen = statusCalls();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(statusCalls()).to.equal(seen);
    simulator.approveCharge(charge.charge_id);
    part<HTMLButtonElement>(element, 'retry')!.click();
    await until(() => part(element, 'succeeded'), 'the confirmed state');
  });
});

describe('<paylater-status> for a bill, without paylater-checkout/bills', () => {
  useNetwork();

  it('shows the charge status of a payment that pays a bill, without the bill', async () => {
    expect(PaylaterStatus.bill, 'no bill view in this file').to.equal(undefined);
    const charge = await billCharge('PLN_PREPAID_50K', '12345678910');
    const { changes, stop } = recordChanges();
    const element = await statusFixture(charge.status_token);
    await until(() => part(element, 'message'), 'the pending message');
    expect(textOf(part(element, 'title'))).to.equal('Waiting for confirmation');
    simulator.approveCharge(charge.charge_id);
    await until(() => part(element, 'succeeded'), 'the confirmed state');
    stop();
    expect(textOf(part(element, 'title'))).to.equal('Payment confirmed');
    expect(message(element)).to.equal('Your payment of Rp 53,200 with Kredivo is confirmed.');
    for (const name of ['bill', 'token', 'kwh', 'copy', 'receipt']) expect(part(element, name), name).to.equal(null);
    await expect(element).to.be.accessible();
    // The answer had a bill; unchecked, it is left out of the event too, and the confirmed charge is final.
    const last = changes.at(-1)!.detail;
    expect(last).to.include({ status: 'SUCCEEDED', final: true });
    expect(last).to.not.have.property('bill');
    const seen = statusCalls();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(statusCalls()).to.equal(seen);
  });

  it('checks every other field of the answer as before', async () => {
    const charge = await billCharge('PLN_PREPAID_50K', '12345678910');
    worker.use(
      http.get('/paylater/status', async ({ request }) => {
        const body = await (await companionStatus(request)).json();
        return HttpResponse.json({ ...body, amount: 'a lot', bill: 'not checked without the bills bundle' });
      }),
    );
    const errored = oneEvent(document, 'paylater-error') as Promise<PaylaterErrorEvent>;
    const element = await statusFixture(charge.status_token);
    expect((await errored).detail).to.include({ code: 'INVALID_RESPONSE', stage: 'status' });
    await until(() => part(element, 'problem'), 'the problem');
    expect(message(element)).to.equal('Something went wrong. Please try again.');
  });
});
