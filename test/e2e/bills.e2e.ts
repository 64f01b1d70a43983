/**
 * Paying electricity with PayLater in the demo shop (`/listrik`), in Chromium: the PLN inquiry →
 * the bill's total → the plans for it → the provider's page → back → the 20-digit token on the
 * return page, and the bill on the orders page (from `onBillEvent`); then a token PLN refuses after
 * the payment (test number 12345678919): the return page says the token could not be bought, why,
 * and that the payment was refunded.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { DemoShop } from '../../demo/shop.js';
import { DESKTOP, noProblems, openTab, orderCard, orderShows, payOnProviderPage, PHONE, plansShown, signInToBackOffice, STEP_MS, withShopAndBrowser } from './helpers.js';

/** The order number the return page names for a bill ("Order bill-…"). */
async function billReference(page: Page): Promise<string> {
  const line = await page.getByText(/^Order bill-/).first().textContent();
  const reference = line?.match(/bill-[\w-]+/)?.[0];
  assert.ok(reference, `no order number on the return page: ${line}`);
  return reference;
}

/** On /listrik: the 50K token for `number`, checked with PLN; returns the result's text. */
async function inquire(page: Page, number: string, how: 'click' | 'tap'): Promise<string> {
  const token = page.getByRole('radio', { name: /^PLN Token 50\.000/ });
  await token.waitFor();
  assert.equal(await token.isChecked(), true, 'the first available product is chosen');
  // The checkout waits, hidden, until the biller answered.
  assert.equal(await page.locator('paylater-checkout#pay').isHidden(), true);
  await page.getByRole('textbox', { name: 'Meter number' }).fill(number);
  await page.getByRole('button', { name: 'Check', exact: true })[how]();
  const result = page.getByRole('region', { name: 'Check the details before you pay' });
  await result.waitFor();
  const shown = (await result.textContent()) ?? '';
  assert.match(shown, /Total to pay\s*Rp\s?53,200/);
  assert.match(shown, new RegExp(number));
  return shown;
}

describe('demo shop: pay electricity with PayLater (Chromium)', () => {
  let shop: DemoShop;
  let browser: Browser;
  withShopAndBrowser((s, b) => ([shop, browser] = [s, b]));

  it('desktop: nav → /listrik → 50K token for 12345678910 → Kredivo → Pay → the 20-digit token → on the orders page', async () => {
    const tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    try {
      await signInToBackOffice(tab, shop); // to see the order on the orders page at the end
      await page.goto(`${shop.url}/?lang=en`);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Electricity' }).click();
      await page.waitForURL(/\/listrik\?/);
      assert.match((await page.request.get(page.url())).headers()['content-security-policy'] ?? '', /script-src 'self'/);
      await page.getByRole('heading', { level: 1, name: 'Pay electricity with PayLater' }).waitFor();
      // The hint with the test numbers.
      await page.getByRole('complementary', { name: 'Numbers to try' }).getByText('12345678919').waitFor();

      await inquire(page, '12345678910', 'click');
      // Plans for the bill's total, only from providers that refund through the API.
      const kredivo = await plansShown(page, 'Kredivo');
      for (const provider of ['Akulaku', 'Indodana']) await plansShown(page, provider);
      assert.equal(await page.getByRole('radio', { name: /^Atome,/ }).count(), 0);
      await kredivo.check();
      await page.getByRole('button', { name: 'Continue with Kredivo' }).click();

      await page.waitForURL((url) => url.href.startsWith(`${shop.xenditUrl}/checkout/`));
      assert.doesNotMatch(page.url(), /via=app/);
      await payOnProviderPage(page, shop, 'Pay');

      // The simulator answers as docs.xendit.co/apidocs/get-payment-detail shows: payment_details
      // { key: "Token", value: "1234-5678-9012-3456-7890" }. The token shows only if the label is found.
      const token = page.getByText(/^\d{4}( \d{4}){4}$/);
      await token.waitFor();
      const digits = (await token.textContent())!.replace(/\s/g, '');
      assert.equal(digits.length, 20);
      await page.getByText('PLN Token 50.000 · 12345678910').waitFor();
      assert.equal(await page.getByText('Payment confirmed').count(), 1);
      const reference = await billReference(page);

      // The shop learnt the token from onBillEvent and shows it with the order, in the back office.
      await page.getByRole('link', { name: 'Back to electricity' }).waitFor();
      await page.goto(`${shop.url}/orders?lang=en`);
      await orderShows(page, reference, 'Paid');
      const card = orderCard(page, reference);
      const text = ((await card.textContent()) ?? '').replace(/\s+/g, ' ');
      assert.match(text, /Kredivo/);
      assert.match(text, /Rp\s?53,200/);
      // The product in words; its code, labelled, for the staff.
      assert.match(text, /PLN prepaid token Rp\s?50,000 · 12345678910/);
      assert.match(text, /Product code\s*PLN_PREPAID_50K/);
      assert.ok(text.includes(digits.replace(/(.{4})(?=.)/g, '$1 ')), `the token on the orders page: ${text}`);
      const order = shop.state.orders.get(reference)!;
      assert.equal(shop.state.bills.get(order.chargeId)?.status, 'SUCCEEDED');
      assert.equal(shop.simulator.billPayments().filter((p) => p.properties.customer_number === '12345678910').length, 1, 'paid once');
      noProblems(tab);
    } finally {
      await tab.close();
    }
  });

  it('phone (375 px, touch): 12345678919 → Akulaku → Pay → "token not bought" and why, the payment refunded in full', async () => {
    const tab = await openTab(browser, PHONE);
    const { page } = tab;
    try {
      await signInToBackOffice(tab, shop); // to see the order on the orders page at the end
      await page.goto(`${shop.url}/listrik?lang=en`);
      await inquire(page, '12345678919', 'tap');
      await (await plansShown(page, 'Akulaku')).tap();
      await page.getByRole('button', { name: 'Continue with Akulaku' }).tap();

      await page.waitForURL((url) => url.href.startsWith(`${shop.xenditUrl}/checkout/`));
      assert.match(page.url(), /via=app/);
      await payOnProviderPage(page, shop, 'Pay', 'tap');

      // Paid, the token bought and refused, the payment refunded: several steps, each seen at the
      // status element's next check (its wait grows by half up to 15 s), so up to twice a step's time.
      await page
        .getByText('Electricity token not bought')
        .waitFor({ timeout: 2 * STEP_MS })
        .catch(async (error: Error) => {
          throw new Error(`${error.message}\nthe status said: ${await page.evaluate(() => document.querySelector('paylater-status')?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '?')}`);
        });
      await page.getByText(/^PLN turned down the transaction\. Your Akulaku payment of Rp\s?53,200 was refunded in full: your Akulaku credit limit is restored and you owe nothing\.$/).waitFor();
      assert.equal(await page.getByText(/^\d{4}( \d{4}){4}$/).count(), 0);
      const reference = await billReference(page);
      // The way on is back to the electricity page, not to a cart.
      await page.getByRole('link', { name: 'Back to electricity' }).tap();
      await page.waitForURL(/\/listrik\?/);

      await page.goto(`${shop.url}/orders?lang=en`);
      await orderShows(page, reference, 'Refunded');
      const card = orderCard(page, reference);
      assert.match((await card.textContent()) ?? '', /Could not be paid; the PayLater payment was refunded in full\./);
      assert.equal(await card.getByRole('button', { name: /^Refund/ }).count(), 0);
      // Nothing is wider than the phone.
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no horizontal scroll');
      noProblems(tab);
    } finally {
      await tab.close();
    }
  });
});
