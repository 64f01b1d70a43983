/**
 * The wire types from the server entry: a merchant's server code (a proxy, their own tests) types
 * the companion's JSON with the same names the browser entry exports. The type-level checks below
 * fail `npm run typecheck` when the two entries drift apart; the runtime part shows real answers.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  BillInquiryResponseBody,
  BillProductsResponseBody,
  BillStatus,
  ChargeRequestBody,
  ChargeResponseBody,
  ErrorBody,
  ErrorCode,
  PlanOption,
  PlansRequestBody,
  PlansResponseBody,
  Provider,
  StatusResponseBody,
  UnavailableReason,
} from '../../src/server/index.js';
import type * as Browser from '../../src/index.js';
import { ERROR_CODES } from '../../src/contract/index.js';
import { startShop } from '../helpers/shop.js';

/** True only when A and B are the same type. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const sameAsTheBrowserEntry: [
  Same<PlansRequestBody, Browser.PlansRequestBody>,
  Same<PlansResponseBody, Browser.PlansResponseBody>,
  Same<Provider, Browser.Provider>,
  Same<PlanOption, Browser.PlanOption>,
  Same<UnavailableReason, Browser.UnavailableReason>,
  Same<ChargeRequestBody, Browser.ChargeRequestBody>,
  Same<ChargeResponseBody, Browser.ChargeResponseBody>,
  Same<StatusResponseBody, Browser.StatusResponseBody>,
  Same<BillStatus, Browser.BillStatus>,
  Same<BillInquiryResponseBody, Browser.BillInquiryResponseBody>,
  Same<BillProductsResponseBody['products'][number], Browser.BillProduct>,
  Same<ErrorBody, Browser.ErrorBody>,
  Same<ErrorCode, Browser.ErrorCode>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true];

describe('wire types from paylater-checkout/server', () => {
  it('type the companion’s real answers', async () => {
    assert.ok(sameAsTheBrowserEntry.every(Boolean));
    const shop = await startShop();
    try {
      const request: PlansRequestBody = { checkout: 'cart-1', channels: ['ID_KREDIVO'] };
      const plans: PlansResponseBody = (await shop.call('/plans', { json: request })).body;
      const kredivo = plans.providers.find((p): p is Extract<Provider, { available: true }> => p.available)!;
      const options: PlanOption[] = kredivo.options;
      assert.ok(options.length > 0);
      const chargeRequest: ChargeRequestBody = { quote: plans.quote, plan_id: kredivo.plan_id };
      const charge: ChargeResponseBody = (await shop.call('/charges', { json: chargeRequest })).body;
      const status: StatusResponseBody = (await shop.call(`/status?token=${charge.status_token}`)).body;
      assert.equal(status.charge_id, charge.charge_id);
      const refused: ErrorBody = (await shop.call('/plans', { json: { checkout: 'nope' } })).body;
      const code: ErrorCode = refused.error.code as ErrorCode;
      assert.ok(ERROR_CODES.includes(code));
    } finally {
      await shop.close();
    }
  });
});
