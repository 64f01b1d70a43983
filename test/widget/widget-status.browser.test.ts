import './lit-warnings.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
// Only the main entry: the bill view (`paylater-checkout/bills`) is not loaded in this file.
import '../../src/index.js';
import { PaylaterStatus, type PaylaterErrorEvent, type PaylaterStatusChangeEvent } from '../../src/index.js';
import { companion, editCompanionAnswer, part, simulator, textOf, until, useNetwork, worker } from './harness.js';
import {
  billCharge,
  companionStatus,
  expectWayBack,
  makeCharge,
  message,
  PHONE_WIDTHS,
  RAW_CODE,
  recordChanges,
  shadowText,
  statusCalls,
  statusFixture,
  statusWithWayBack,
} from './status-helpers.js';

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
    expect(textOf(part(element, 'message'))).to.equal(
      'Kredivo approved your payment of Rp 1,500,000. Your payment schedule is in the Kredivo app, and the shop will now process your order.',
    );
    expect(part(element, 'retry-link'), 'no way back from a confirmed payment').to.equal(null);
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

  it('says the same for a malformed token (a link cut short or mistyped), never "try again"', async () => {
    for (const token of ['bogus', 'abc<def>']) {
      const errored = oneEvent(document, 'paylater-error') as Promise<PaylaterErrorEvent>;
      const element = await statusFixture(token);
      expect((await errored).detail).to.include({ code: 'STATUS_TOKEN_INVALID', status: 404 });
      await element.updateComplete;
      expect(textOf(part(element, 'message'))).to.equal('This payment was not found.');
      expect(part(element, 'retry')).to.equal(null);
      element.remove();
    }
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

describe('<paylater-status>: outcomes in the shopper\'s words', () => {
  useNetwork();
  afterEach(() => setViewport({ width: 800, height: 600 }));

  /** What each outcome reads like, in English and Indonesian. */
  const WORDS = {
    en: {
      cancelledTitle: 'Payment cancelled',
      cancelled: 'Your payment with Akulaku was cancelled, so nothing was charged. You can pay with another PayLater provider instead.',
      declinedTitle: 'Not approved by Akulaku',
      declined: 'Akulaku did not approve this payment, so nothing was charged. You can pay with another PayLater provider instead.',
      tryOther: 'Choose another PayLater',
      refunded: 'Your Kredivo payment of Rp 1,500,000 was refunded in full. Your Kredivo credit limit is restored and you owe nothing for it.',
      succeeded: 'Akulaku approved your payment of Rp 1,500,000. Your payment schedule is in the Akulaku app, and the shop will now process your order.',
    },
    id: {
      cancelledTitle: 'Dibatalkan',
      cancelled: 'Pembayaran dengan Akulaku dibatalkan, jadi Anda tidak dikenai biaya apa pun. Anda bisa membayar dengan PayLater lain.',
      declinedTitle: 'Tidak disetujui oleh Akulaku',
      declined: 'Akulaku tidak menyetujui pembayaran ini, jadi Anda tidak dikenai biaya apa pun. Anda bisa membayar dengan PayLater lain.',
      tryOther: 'Pilih PayLater lain',
      refunded: 'Pembayaran Kredivo Anda sebesar Rp 1.500.000 sudah dikembalikan penuh. Limit kredit Kredivo Anda sudah pulih dan tidak ada tagihan yang perlu Anda bayar.',
      succeeded:
        'Akulaku telah menyetujui pembayaran Anda sebesar Rp 1.500.000. Jadwal pembayarannya bisa Anda lihat di aplikasi Akulaku, dan toko akan segera memproses pesanan Anda.',
    },
  } as const;

  for (const locale of ['en', 'id'] as const) {
    const words = WORDS[locale];
    for (const width of PHONE_WIDTHS) {
      it(`${locale}, ${width} px: a cancel on the provider's page reads "${words.cancelledTitle}", nothing charged, with a way back to another PayLater`, async () => {
        await setViewport({ width, height: 800 });
        const charge = await makeCharge('ID_AKULAKU');
        // The simulator's Cancel button: FAILED, with no failure code (as Xendit's PayLater charges).
        simulator.rejectCharge(charge.charge_id);
        const element = await statusWithWayBack(charge.status_token, locale);
        await until(() => part(element, 'failed'), 'the ended payment');
        expect(textOf(part(element, 'title'))).to.equal(words.cancelledTitle);
        expect(message(element)).to.equal(words.cancelled);
        expect(shadowText(element)).to.not.match(/failed|did not go through|tidak berhasil|gagal/i);
        expect(shadowText(element)).to.not.match(RAW_CODE);
        expectWayBack(element, words.tryOther, '/checkout?cart=cart-1');
        // The merchant's own next step still shows, after the way back.
        const slot = part(element, 'failed')!.querySelector<HTMLSlotElement>('slot[name="failed"]')!;
        expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Back to your cart']);
        const box = part(element, 'failed')!;
        expect(box.scrollWidth, 'nothing sticks out of the box').to.be.at.most(box.clientWidth);
        await expect(element).to.be.accessible();
      });
    }

    it(`${locale}: a payment the provider did not approve says so, with the way back`, async () => {
      await setViewport({ width: 375, height: 800 });
      const charge = await makeCharge('ID_AKULAKU');
      simulator.rejectCharge(charge.charge_id);
      // The companion says DECLINED when Xendit's charge ends FAILED with a refusal's failure code.
      worker.use(editCompanionAnswer('status', (body) => ({ ...body, ended_as: 'DECLINED' })));
      const element = await statusWithWayBack(charge.status_token, locale);
      await until(() => part(element, 'failed'), 'the declined payment');
      expect(textOf(part(element, 'title'))).to.equal(words.declinedTitle);
      expect(message(element)).to.equal(words.declined);
      expect(shadowText(element)).to.not.match(RAW_CODE);
      expectWayBack(element, words.tryOther, '/checkout?cart=cart-1');
      await expect(element).to.be.accessible();
    });

    it(`${locale}: a refunded payment says it was refunded in full, the credit limit is restored and nothing is owed`, async () => {
      await setViewport({ width: 320, height: 800 });
      const charge = await makeCharge();
      simulator.approveCharge(charge.charge_id);
      await companion.refund(charge.charge_id);
      await until(() => simulator.charges()[0]?.status === 'REFUNDED', 'the refund settled', 5000);
      await simulator.whenIdle();
      const element = await statusWithWayBack(charge.status_token, locale);
      await until(() => part(element, 'refunded'), 'the refunded payment');
      expect(message(element)).to.equal(words.refunded);
      expect(part(element, 'retry-link'), 'no way back from a refund').to.equal(null);
      expect(shadowText(element)).to.not.match(RAW_CODE);
      await expect(element).to.be.accessible();
    });

    it(`${locale}: a confirmed payment says what was approved and what happens next`, async () => {
      await setViewport({ width: 320, height: 800 });
      const charge = await makeCharge('ID_AKULAKU');
      simulator.approveCharge(charge.charge_id);
      const element = await statusWithWayBack(charge.status_token, locale);
      await until(() => part(element, 'succeeded'), 'the confirmed payment');
      expect(message(element)).to.equal(words.succeeded);
      expect(part(element, 'retry-link')).to.equal(null);
      await expect(element).to.be.accessible();
    });
  }

  it('says "cancelled" for a charge the shop cancelled or that expired, even from a companion that does not say how it ended', async () => {
    const charge = await makeCharge('ID_AKULAKU');
    await companion.cancel(charge.charge_id);
    const element = await statusWithWayBack(charge.status_token, 'en');
    await until(() => part(element, 'failed'), 'the cancelled payment');
    expect(element.status).to.equal('CANCELLED');
    expect(textOf(part(element, 'title'))).to.equal('Payment cancelled');
    worker.use(
      editCompanionAnswer('status', (body) => {
        delete body.ended_as;
        return { ...body, status: 'EXPIRED' };
      }),
    );
    element.refresh();
    await until(() => element.status === 'EXPIRED', 'the expired payment');
    await element.updateComplete;
    expect(textOf(part(element, 'title'))).to.equal('Payment cancelled');
    expectWayBack(element, 'Choose another PayLater', '/checkout?cart=cart-1');
  });

  it('says a partial refund as one: how much came back, and that the rest stays in the schedule', async () => {
    const charge = await makeCharge();
    simulator.approveCharge(charge.charge_id);
    await companion.refund(charge.charge_id, { amount: 500_000 });
    await until(() => simulator.charges()[0]?.status === 'REFUNDED', 'the refund settled', 5000);
    await simulator.whenIdle();
    const element = await statusFixture(charge.status_token);
    await until(() => part(element, 'refunded'), 'the refunded payment');
    expect(message(element)).to.equal(
      'Rp 500,000 of your Kredivo payment of Rp 1,500,000 was refunded, and that much of your Kredivo credit limit is restored. The rest stays in your payment schedule.',
    );
    expect(message(element)).to.not.contain('in full');
  });

  it('never tells the shopper of a payment the order did not need that the shop will process the order', async () => {
    const charge = await makeCharge();
    simulator.approveCharge(charge.charge_id);
    worker.use(editCompanionAnswer('status', (body) => ({ ...body, refunded_as: 'DUPLICATE' })));
    const element = await statusFixture(charge.status_token, 'id');
    await until(() => part(element, 'refunded'), 'the refund under way');
    expect(textOf(part(element, 'title'))).to.equal('Dana sedang dikembalikan');
    expect(message(element)).to.equal(
      'Pesanan Anda tidak memerlukan pembayaran Kredivo sebesar Rp 1.500.000 ini, jadi pembayaran ini sedang dikembalikan penuh. Limit kredit Kredivo Anda akan pulih dan tidak ada tagihan yang perlu Anda bayar.',
    );
    expect(message(element)).to.not.contain('memproses pesanan');
  });

  it('links only to an http(s) way back, and shows none without retry-href', async () => {
    const charge = await makeCharge('ID_AKULAKU');
    simulator.rejectCharge(charge.charge_id);
    const unsafe = await statusWithWayBack(charge.status_token, 'en', 'javascript:alert(1)');
    await until(() => part(unsafe, 'failed'), 'the ended payment');
    expect(part(unsafe, 'retry-link')).to.equal(null);
    const none = await statusFixture(charge.status_token);
    await until(() => part(none, 'failed'), 'the ended payment');
    expect(part(none, 'retry-link')).to.equal(null);
    expect(textOf(part(none, 'title'))).to.equal('Payment cancelled');
    const absolute = await statusWithWayBack(charge.status_token, 'en', 'https://shop.example/checkout');
    await until(() => part(absolute, 'retry-link'), 'the way back');
    expect(part<HTMLAnchorElement>(absolute, 'retry-link')!.href).to.equal('https://shop.example/checkout');
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
    expect(message(element)).to.equal('Kredivo approved your payment of Rp 53,200. Your payment schedule is in the Kredivo app, and the shop will now process your order.');
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
