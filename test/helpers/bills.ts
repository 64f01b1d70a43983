/** A bill bought through the companion as a shopper would: inquiry, plans, charge, Pay; its status. */
import assert from 'node:assert/strict';
import { eventually, pressOnProviderPage, type Shop } from './shop.js';

export async function inquiry(shop: Shop, product_id: string, customer_number: string) {
  return shop.call('/bills/inquiry', { json: { product_id, customer_number } });
}

/** inquiry → plans → charge (Kredivo) → Pay on the provider page; returns the status token. */
export async function payBill(shop: Shop, product_id: string, customer_number: string) {
  const inq = await inquiry(shop, product_id, customer_number);
  assert.equal(inq.status, 200, JSON.stringify(inq.body));
  const plans = await shop.plans(inq.body.checkout);
  assert.equal(plans.status, 200, JSON.stringify(plans.body));
  assert.equal(plans.body.amount, inq.body.total_amount, 'the amount comes from the inquiry');
  const kredivo = plans.body.providers.find((p: any) => p.channel_code === 'ID_KREDIVO');
  const charge = await shop.charge(plans.body.quote, kredivo.plan_id);
  assert.equal(charge.status, 200, JSON.stringify(charge.body));
  await pressOnProviderPage(charge.body.checkout_url.desktop, 'Pay');
  return { inquiry: inq.body, charge: charge.body };
}

export async function billStatus(shop: Shop, token: string, until: (bill: any) => boolean) {
  let last: any;
  await eventually(async () => {
    last = (await shop.call(`/status?token=${token}`)).body;
    return !!last.bill && until(last.bill);
  }, 5_000, 'the bill to reach its end');
  return last;
}

export const ended = (bill: any) => bill.status === 'SUCCEEDED' || (bill.status === 'FAILED' && bill.refund?.status === 'SUCCEEDED');
