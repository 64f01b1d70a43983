import './lit-warnings.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
// The bills entry: registers the tags and gives <paylater-status> its bill view.
import '../../src/widget/entries/bills.js';
import { PaylaterStatus, type PaylaterErrorEvent } from '../../src/index.js';
import { billDetail } from '../../src/contract/index.js';
import { companion, editCompanionAnswer, part, simulator, textOf, until, useNetwork, worker } from './harness.js';
import {
  billCharge,
  companionStatus,
  expectWayBack,
  message,
  PHONE_WIDTHS,
  RAW_CODE,
  recordChanges,
  shadowText,
  statusCalls,
  statusFixture,
  statusWithWayBack,
} from './status-helpers.js';

describe('<paylater-status> for a bill', () => {
  useNetwork();

  it('shows the bill once its view arrives after the payment\'s answer (the bills bundle still loading)', async () => {
    const view = PaylaterStatus.bill;
    PaylaterStatus.bill = undefined;
    try {
      const charge = await billCharge('PLN_PREPAID_50K', '12345678910');
      simulator.approveCharge(charge.charge_id);
      const element = await statusFixture(charge.status_token);
      // Without the bill view the payment alone is said; the element keeps asking.
      await until(() => textOf(part(element, 'title')) === 'Payment confirmed', 'the payment');
      expect(part(element, 'token')).to.equal(null);
      PaylaterStatus.bill = view;
      await until(() => part(element, 'token'), 'the token, once the bill view is there');
    } finally {
      PaylaterStatus.bill = view;
    }
  });

  // docs.xendit.co/apidocs/get-payment-detail: payment_details [{ key: "Token", value: "1234-5678-9012-3456-7890" },
  // { key: "Serial Number", value: "PLN987654321" }]: the token is dashed, and there is no kWh.
  it('shows the prepaid token of the docs\' shape ("Token", dashed), large and in groups of four, with a Copy button', async () => {
    const charge = await billCharge('PLN_PREPAID_50K', '12345678910');
    const { changes, stop } = recordChanges();
    simulator.approveCharge(charge.charge_id);
    const element = await statusFixture(charge.status_token);
    await until(() => part(element, 'token'), 'the token');
    stop();
    const paid = await companion.getBill(charge.charge_id);
    const token = billDetail('token', paid!.payment_details)!;
    expect(token).to.match(/^\d{4}(-\d{4}){4}$/);
    expect(textOf(part(element, 'token'))).to.match(/^\d{4}( \d{4}){4}$/);
    expect(textOf(part(element, 'token')).replace(/ /g, '')).to.equal(token.replace(/-/g, ''));
    const style = getComputedStyle(part(element, 'token')!);
    expect(style.fontFamily).to.contain('monospace');
    expect(parseFloat(style.fontSize)).to.be.greaterThan(parseFloat(getComputedStyle(part(element, 'message')!).fontSize));
    // On a narrow phone the five groups take two lines, evenly (three and two), never four and one alone.
    const shown = part(element, 'token')!;
    // (A 320 px phone: about 240 px of room, and 5vw of 320 px as the font size.)
    shown.style.width = '240px';
    shown.style.fontSize = '16px';
    const text = [...shown.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim()) as Text;
    const range = document.createRange();
    const tops = [...text.data].map((_, i) => (range.setStart(text, i), range.setEnd(text, i + 1), Math.round(range.getBoundingClientRect().top)));
    const lines = [...new Set(tops)];
    expect(lines.length, 'two lines').to.equal(2);
    const firstLine = [...text.data].filter((c, i) => tops[i] === lines[0] && /\d/.test(c)).length;
    expect(firstLine, 'digits on the first line').to.equal(12);
    shown.style.width = '';
    shown.style.fontSize = '';
    expect(part(element, 'kwh'), 'the docs show no kWh: none is made up').to.equal(null);
    expect(textOf(part(element, 'title'))).to.equal('Payment confirmed');
    expect(message(element)).to.equal('Kredivo approved your payment of Rp 53,200 and your token is ready: enter it on your meter. Your payment schedule is in the Kredivo app.');
    expect(textOf(part(element, 'bill'))).to.equal('PLN Token 50.000 · 12345678910');
    expect(part(element, 'succeeded')!.getAttribute('role')).to.equal('status');
    await expect(element).to.be.accessible();
    // The last change is final and carries the bill with its token.
    const last = changes.at(-1)!;
    expect(last.detail.final).to.equal(true);
    expect(last.detail.bill).to.include({ status: 'SUCCEEDED', product_id: 'PLN_PREPAID_50K', customer_number: '12345678910' });
    expect(last.detail.bill!.token).to.equal(token);
    // Copy: the digits, through the Clipboard API.
    const copied: string[] = [];
    const writeText = navigator.clipboard.writeText;
    navigator.clipboard.writeText = async (text: string) => void copied.push(text);
    try {
      part<HTMLButtonElement>(element, 'copy')!.click();
      await until(() => textOf(part(element, 'copied')) === 'Copied', 'the copied note');
    } finally {
      navigator.clipboard.writeText = writeText;
    }
    expect(copied).to.deep.equal([token.replace(/-/g, '')], 'the digits the shopper types into the meter');
    // Final: no more polling.
    const seen = statusCalls();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(statusCalls()).to.equal(seen);
  });

  it('shows the token in Indonesian too, with the kWh (when a biller sends one) written the Indonesian way', async () => {
    const charge = await billCharge('PLN_PREPAID_200K', '12345678910');
    // The docs' example has no kWh; some billers may say it: the companion then passes it on.
    worker.use(
      http.get('/paylater/status', async ({ request }) => {
        const answer = await companionStatus(request);
        const body = await answer.json();
        return HttpResponse.json(body.bill?.token ? { ...body, bill: { ...body.bill, kwh: '138.4' } } : body);
      }),
    );
    simulator.approveCharge(charge.charge_id);
    const element = await statusFixture(charge.status_token, 'id');
    await until(() => part(element, 'token'), 'the token');
    expect(textOf(part(element, 'title'))).to.equal('Pembayaran berhasil');
    expect(message(element)).to.equal(
      'Kredivo telah menyetujui pembayaran Anda sebesar Rp 203.200 dan token Anda sudah siap: masukkan ke meteran listrik Anda. Jadwal pembayarannya ada di aplikasi Kredivo.',
    );
    expect(textOf(part(element, 'kwh'))).to.equal('138,4 kWh');
    expect(textOf(part(element, 'copy'))).to.equal('Salin');
  });

  it('shows the receipt number of a paid postpaid bill', async () => {
    const charge = await billCharge('PLN_POSTPAID', '22345678910');
    simulator.approveCharge(charge.charge_id);
    const element = await statusFixture(charge.status_token);
    await until(() => part(element, 'receipt'), 'the receipt');
    const paid = await companion.getBill(charge.charge_id);
    // The docs show no receipt label: a postpaid payment's proof is its "Serial Number".
    const receipt = billDetail('serialNumber', paid!.payment_details)!;
    expect(textOf(part(element, 'receipt'))).to.equal(`Receipt number: ${receipt}`);
    expect(receipt).to.match(/^PLN\d{17}$/);
    expect(message(element)).to.equal('Kredivo approved your payment of Rp 159,500 and your bill is paid. Your payment schedule is in the Kredivo app.');
    expect(part(element, 'token')).to.equal(null);
    expect(part(element, 'copy')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('says "buying your token" and keeps polling while the biller has not answered (suspected)', async () => {
    const charge = await billCharge('PLN_PREPAID_50K', '12345678920');
    const { changes, stop } = recordChanges();
    simulator.approveCharge(charge.charge_id);
    const element = await statusFixture(charge.status_token);
    await until(() => changes.some((c) => c.detail.bill?.status === 'PROCESSING'), 'the bill in processing');
    await until(() => message(element) === 'We are buying your token; this page updates itself.', 'buying your token');
    expect(textOf(part(element, 'title'))).to.equal('Payment confirmed');
    expect(part(element, 'pending')).to.not.equal(null);
    expect(part(element, 'token')).to.equal(null);
    await expect(element).to.be.accessible();
    const seen = statusCalls();
    await until(() => statusCalls() >= seen + 3, 'polling on');
    expect(message(element)).to.equal('We are buying your token; this page updates itself.');
    expect(changes.every((c) => !c.detail.final)).to.equal(true);
    // The biller answers at last: the token appears and polling stops.
    const payment = simulator.billPayments().find((p) => p.properties.customer_number === '12345678920')!;
    simulator.settleBillPayment(payment.id, 'SUCCEEDED');
    await until(() => part(element, 'token'), 'the token');
    stop();
    expect(changes.at(-1)!.detail).to.include({ final: true, status: 'SUCCEEDED' });
  });

  it('checks again soon once the payment went through, instead of at the backed-off pace', async () => {
    const charge = await billCharge('PLN_PREPAID_50K', '12345678920');
    const times: number[] = [];
    worker.use(
      http.get('/paylater/status', ({ request }) => {
        times.push(performance.now());
        return companionStatus(request);
      }),
    );
    const { changes, stop } = recordChanges();
    const element = await fixture<PaylaterStatus>(
      html`<paylater-status token=${charge.status_token} poll-interval="20" max-poll-interval="5000"></paylater-status>`,
    );
    // Pending for a while: the waits grow (20, 30, 45, 68, 101, 152 ms, ...).
    await until(() => times.length >= 6, 'six checks');
    simulator.approveCharge(charge.charge_id);
    await until(() => changes.some((c) => c.detail.status === 'SUCCEEDED'), 'the payment confirmed', 5000);
    const changedAt = performance.now();
    const seen = times.length;
    await until(() => times.length > seen, 'the next check');
    stop();
    expect(times[seen]! - changedAt, 'the next check comes at the first interval again').to.be.below(120);
    element.remove();
  });

  it('says a postpaid bill is being paid while the biller works', async () => {
    const charge = await billCharge('PLN_POSTPAID', '22345678924');
    simulator.approveCharge(charge.charge_id);
    const element = await statusFixture(charge.status_token, 'id');
    await until(() => message(element) === 'Kami sedang membayar tagihan Anda; halaman ini diperbarui otomatis.', 'paying your bill');
    expect(textOf(part(element, 'bill'))).to.equal('PLN Tagihan Listrik · 22345678924');
  });

  it('says why the token could not be bought, and that the payment is being, then was, refunded in full (12345678919)', async () => {
    const charge = await billCharge('PLN_PREPAID_50K', '12345678919');
    const { changes, stop } = recordChanges();
    simulator.approveCharge(charge.charge_id);
    const element = await statusFixture(charge.status_token);
    await until(() => /is being refunded/.test(message(element)), 'being refunded');
    expect(textOf(part(element, 'title'))).to.equal('Electricity token not bought');
    expect(message(element)).to.equal('PLN turned down the transaction. Your Kredivo payment of Rp 53,200 is being refunded in full; you will owe nothing for it.');
    expect(part(element, 'failed')).to.not.equal(null);
    await expect(element).to.be.accessible();
    await until(() => /was refunded/.test(message(element)), 'refunded', 5000);
    stop();
    expect(message(element)).to.equal(
      'PLN turned down the transaction. Your Kredivo payment of Rp 53,200 was refunded in full: your Kredivo credit limit is restored and you owe nothing.',
    );
    expect(textOf(part(element, 'title'))).to.equal('Electricity token not bought');
    expect(shadowText(element)).to.not.match(RAW_CODE);
    const last = changes.at(-1)!.detail;
    expect(last.final).to.equal(true);
    expect(last.bill).to.deep.include({ status: 'FAILED', failure_code: 'TRANSACTION_FAILED' });
    expect(last.bill!.refund).to.deep.equal({ status: 'SUCCEEDED' });
    expect(changes.slice(0, -1).every((c) => !c.detail.final)).to.equal(true);
  });

  it('says the shop will be in touch when the refund is refused', async () => {
    const charge = await billCharge('PLN_POSTPAID', '22345678923');
    simulator.injectFault({ route: 'refunds', method: 'POST', status: 400 });
    simulator.approveCharge(charge.charge_id);
    const element = await statusFixture(charge.status_token, 'id');
    await until(() => part(element, 'failed'), 'the failed bill');
    expect(textOf(part(element, 'title'))).to.equal('Tagihan gagal dibayar');
    expect(message(element)).to.equal('PLN menolak transaksi ini. Toko akan menghubungi Anda untuk mengembalikan pembayaran Kredivo sebesar Rp 159.500.');
    await expect(element).to.be.accessible();
  });

  for (const width of PHONE_WIDTHS) {
    it(`${width} px: a failed token says it is a token, why, the refund, and offers to buy it again (en and id)`, async () => {
      await setViewport({ width, height: 800 });
      try {
        const WORDS = {
          en: {
            title: 'Electricity token not bought',
            text: 'PLN turned down the transaction. Your Kredivo payment of Rp 53,200 was refunded in full: your Kredivo credit limit is restored and you owe nothing.',
            again: 'Buy the token again',
          },
          id: {
            title: 'Token listrik gagal dibeli',
            text: 'PLN menolak transaksi ini. Pembayaran Kredivo Anda sebesar Rp 53.200 sudah dikembalikan penuh: limit kredit Kredivo Anda sudah pulih dan tidak ada tagihan yang perlu Anda bayar.',
            again: 'Beli token lagi',
          },
        };
        const charge = await billCharge('PLN_PREPAID_50K', '12345678919');
        simulator.approveCharge(charge.charge_id);
        for (const locale of ['en', 'id'] as const) {
          const element = await statusWithWayBack(charge.status_token, locale, '/listrik');
          await until(() => part(element, 'failed') && /refunded in full|dikembalikan penuh/.test(message(element)) && !/being|sedang/.test(message(element)), 'the refunded token', 5000);
          expect(textOf(part(element, 'title'))).to.equal(WORDS[locale].title);
          expect(message(element)).to.equal(WORDS[locale].text);
          expect(shadowText(element)).to.not.match(/Tagihan tidak terbayar|Bill not paid/);
          expect(shadowText(element)).to.not.match(RAW_CODE);
          expectWayBack(element, WORDS[locale].again, '/listrik');
          const box = part(element, 'failed')!;
          expect(box.scrollWidth, 'nothing sticks out of the box').to.be.at.most(box.clientWidth);
          await expect(element).to.be.accessible();
          element.remove();
        }
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  }

  it('says why a bill could not be paid in plain words, never the code, and offers to try again (22345678922: the check had expired)', async () => {
    const charge = await billCharge('PLN_POSTPAID', '22345678922');
    simulator.approveCharge(charge.charge_id);
    const element = await statusWithWayBack(charge.status_token, 'id', '/tagihan');
    await until(() => part(element, 'failed'), 'the failed bill');
    expect(textOf(part(element, 'title'))).to.equal('Tagihan gagal dibayar');
    expect(message(element)).to.match(/^Hasil pengecekan nomor ini sudah kedaluwarsa\. Pembayaran Kredivo Anda sebesar Rp 159\.500 (sedang|sudah) dikembalikan penuh/);
    expect(shadowText(element)).to.not.match(RAW_CODE);
    expectWayBack(element, 'Coba bayar lagi', '/tagihan');
  });

  it('maps each failure code the companion passes on to words (kWh limit, number not found, unknown)', async () => {
    const charge = await billCharge('PLN_PREPAID_50K', '12345678919');
    simulator.approveCharge(charge.charge_id);
    let code = 'KWH_LIMIT_EXCEEDED';
    worker.use(editCompanionAnswer('status', (body) => (body.bill ? { ...body, bill: { ...body.bill, failure_code: code } } : body)));
    const element = await statusFixture(charge.status_token);
    await until(() => part(element, 'failed'), 'the failed token');
    expect(message(element)).to.match(/^This meter has reached its token purchase limit for now\. /);
    for (const [next, words] of [
      ['CUSTOMER_NOT_FOUND', /^The number was not found at PLN\. /],
      ['SOMETHING_NEW_FROM_XENDIT', /^The payment to PLN could not be completed\. /],
    ] as const) {
      code = next;
      element.refresh();
      await until(() => words.test(message(element)), next);
      expect(shadowText(element)).to.not.match(RAW_CODE);
    }
  });

  it('shows the charge, not the bill, while the PayLater payment is not through', async () => {
    const charge = await billCharge('PLN_PREPAID_50K', '12345678910');
    const element = await statusFixture(charge.status_token);
    await until(() => part(element, 'message'), 'the pending message');
    expect(textOf(part(element, 'title'))).to.equal('Waiting for confirmation');
    expect(part(element, 'bill')).to.equal(null);
    simulator.rejectCharge(charge.charge_id);
    await until(() => part(element, 'failed'), 'the failed payment');
    expect(textOf(part(element, 'title'))).to.equal('Payment cancelled');
    expect(message(element)).to.equal('Your payment with Kredivo was cancelled, so nothing was charged. You can pay with another PayLater provider instead.');
    expect(part(element, 'bill')).to.equal(null);
  });

  it('treats a bill that breaks the contract as an answer that breaks it', async () => {
    const charge = await billCharge('PLN_PREPAID_50K', '12345678910');
    simulator.approveCharge(charge.charge_id);
    worker.use(
      http.get('/paylater/status', async ({ request }) => {
        const body = await (await companionStatus(request)).json();
        return HttpResponse.json({ ...body, bill: { ...body.bill, customer_number: 12345678910 } });
      }),
    );
    const errored = oneEvent(document, 'paylater-error') as Promise<PaylaterErrorEvent>;
    const element = await statusFixture(charge.status_token);
    expect((await errored).detail).to.include({ code: 'INVALID_RESPONSE', stage: 'status' });
    await until(() => part(element, 'problem'), 'the problem');
    expect(message(element)).to.equal('Something went wrong. Please try again.');
  });

  it('shows the bill when paylater-checkout/bills loads while the first check is under way', async () => {
    const charge = await billCharge('PLN_PREPAID_50K', '12345678910');
    // The first answer already says the payment went through: without the bill view it would be final.
    simulator.approveCharge(charge.charge_id);
    // As on a page whose own <script type=module> loads the bills file after paylater-checkout.js.
    const view = PaylaterStatus.bill;
    PaylaterStatus.bill = undefined;
    let release!: () => void;
    const answered = new Promise<void>((resolve) => (release = resolve));
    worker.use(
      http.get('/paylater/status', async ({ request }) => {
        await answered;
        return companionStatus(request);
      }),
    );
    try {
      const element = await statusFixture(charge.status_token);
      await new Promise((resolve) => setTimeout(resolve, 50));
      PaylaterStatus.bill = view;
      release();
      await until(() => part(element, 'token'), 'the token');
      expect(textOf(part(element, 'title'))).to.equal('Payment confirmed');
    } finally {
      PaylaterStatus.bill = view;
    }
  });
});
