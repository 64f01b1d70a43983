/** The provider's checkout page: the charge, the plan options, and the Pay / Cancel buttons. */
import { alreadyNotice, renderCheckoutPage, renderMessagePage } from '../../checkout-page.js';
import { SIMULATOR_DECISIONS } from '../../decisions.js';
import { nowIso } from '../../responses.js';
import type { ChargeRecord, Ctx, Reply, Sim } from '../context.js';
import type { SimCharge, SimRefund } from '../types.js';

type Send = (event: string, data: SimCharge | SimRefund) => Promise<void> | undefined;

export function pageRoutes(
  sim: Sim,
  sendCallback: Send,
  settleCharge: (id: string, status: 'SUCCEEDED' | 'FAILED') => SimCharge,
  startRefund: (charge: SimCharge, amount: number, reason: string | null, failureCode?: string) => SimRefund,
) {
  const { channels, charges, plans } = sim;

  const HTML_HEADERS = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };

  function html(status: number, page: string, headers: Record<string, string> = {}): Response {
    return new Response(page, { status, headers: { ...HTML_HEADERS, ...headers } });
  }

  function pagePath(ctx: Ctx): string {
    return ctx.url.pathname.replace(/\/(pay|cancel)\/?$/, '').replace(/\/+$/, '');
  }

  function renderPage(ctx: Ctx, record: ChargeRecord, status: number, notice?: string): Response {
    const { charge } = record;
    const spec = channels[charge.channel_code];
    const plan = plans.get(charge.plan_id)?.plan;
    return html(
      status,
      renderCheckoutPage({
        charge,
        providerName: spec?.name ?? charge.channel_code,
        accent: spec?.accent ?? '#3f3f46',
        options: plan?.options ?? [],
        path: pagePath(ctx),
        viaApp: ctx.url.searchParams.get('via') === 'app',
        payableAfterCancel: payableAfterCancel(charge),
        ...(notice === undefined ? {} : { notice }),
      }),
    );
  }

  function checkoutPage(ctx: Ctx): Reply {
    const record = charges.get(ctx.params[0]!);
    if (!record) return html(404, renderMessagePage('Payment not found', 'This checkout link is not valid. Go back to the shop and try again.'));
    return renderPage(ctx, record, 200);
  }

  /** Kredivo's page stays usable after the merchant cancelled by the API (SIMULATOR_DECISIONS.payableAfterCancelChannels). */
  function payableAfterCancel(charge: SimCharge): boolean {
    return charge.status === 'CANCELLED' && SIMULATOR_DECISIONS.payableAfterCancelChannels.includes(charge.channel_code);
  }

  /**
   * The shopper pays a charge the merchant had cancelled: Kredivo takes the money (SUCCEEDED, with
   * its callback), refunds the credit at once (a full refund that settles like any other, so the
   * charge ends REFUNDED) and sends the shopper to the failure URL [docs help centre].
   */
  function payCancelledCharge(charge: SimCharge): Response {
    charge.status = 'SUCCEEDED';
    charge.updated = nowIso();
    void sendCallback('paylater.payment', charge);
    startRefund(charge, charge.amount, 'OTHERS');
    const target = charge.failure_redirect_url ?? charge.success_redirect_url;
    return new Response(null, { status: 303, headers: { location: target, 'cache-control': 'no-store' } });
  }

  function checkoutAction(status: 'SUCCEEDED' | 'FAILED') {
    return (ctx: Ctx): Reply => {
      const record = charges.get(ctx.params[0]!);
      if (!record) return html(404, renderMessagePage('Payment not found', 'This checkout link is not valid. Go back to the shop and try again.'));
      if (status === 'SUCCEEDED' && payableAfterCancel(record.charge)) return payCancelledCharge(record.charge);
      if (record.charge.status !== 'PENDING') {
        return renderPage(ctx, record, 409, alreadyNotice(record.charge.status));
      }
      const charge = settleCharge(record.charge.id, status);
      const target = status === 'SUCCEEDED' ? charge.success_redirect_url : (charge.failure_redirect_url ?? charge.success_redirect_url);
      return new Response(null, { status: 303, headers: { location: target, 'cache-control': 'no-store' } });
    };
  }

  return { checkoutPage, checkoutAction };
}
