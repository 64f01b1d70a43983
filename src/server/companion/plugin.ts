/**
 * What a plug-in adds to the companion (bills are one): routes, orders it resolves itself, and
 * work done once when such an order is paid. The core knows nothing else about it.
 */
import type { Refund } from '../../xendit/schemas.js';
import type { ChargeRecord } from './ledger.js';
import type { TrustedOrder } from './order.js';

/** One route under the companion's base path. */
export interface Route {
  method: 'GET' | 'POST';
  /** Called by browsers: CORS headers, and the origin check on POST. */
  browser: boolean;
  handler: (request: Request, meta: { requestId: string }) => Promise<Response>;
  /** Sent by a plain HTML form: errors are answered with a page for the shopper, not JSON. */
  page?: boolean;
  /** Counted against another route's per-client limit (`rateLimits`), e.g. the form's against `charges`. */
  limitAs?: string;
}

export interface Fulfilment {
  referenceId: string;
  /** The charge that pays the order (its keeper), SUCCEEDED. */
  keeper: ChargeRecord;
  /** False from a status poll: look at slow work once instead of waiting for it. */
  wait: boolean;
}

export interface CompanionPlugin {
  /** Stored with the orders it resolves, so their fulfilment finds it again after a restart. */
  readonly name: string;
  /** Routes by path under the base path, e.g. `bills/inquiry`. */
  readonly routes?: Record<string, Route>;
  /** The order behind a checkout handle, `null` when it is this plug-in's but unknown, `undefined` when not its. */
  resolve?(request: Request, checkout: string): Promise<TrustedOrder | null | undefined>;
  /** Before the first charge of one of its orders: keeps, durably, what fulfilment needs. Idempotent. */
  prepare?(checkout: string, order: TrustedOrder): Promise<void>;
  /**
   * The order is paid: do the work, once per order (keyed by the order, never by a charge), and
   * idempotently: it is called again after a crash or on every callback copy. Called only for the
   * keeper, under the order's lock. Throw on a temporary failure: the callback comes again.
   */
  fulfil?(fulfilment: Fulfilment): Promise<void>;
  /** True while fulfilment has more to do (the status route then keeps it going). */
  pending?(referenceId: string): Promise<boolean>;
  /** Fields added to the status answer of the order's charges (not to a refunded duplicate's). */
  view?(referenceId: string): Promise<Record<string, unknown> | null>;
  /** A refund of one of its orders' charges changed state (Xendit's refund callback). */
  refundChanged?(referenceId: string, refund: Refund): Promise<void>;
}
