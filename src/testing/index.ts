/**
 * `paylater-checkout/testing`: an offline simulator of the Xendit API (Customers, PayLater, Bill
 * Payments) and of the providers' checkout pages. Its faces have entry points of their own:
 * `paylater-checkout/testing/msw` (`simulatorHandlers`) and `paylater-checkout/testing/node`
 * (`listenSimulator`). This module adds the older spellings of both to the simulator it makes.
 */
import { createXenditSimulator as createSimulator, type XenditSimulatorBase, type XenditSimulatorOptions } from './simulator/index.js';

export { XENDIT_CALLBACK_RETRY_DELAYS_MS, WHEN_IDLE_TIMEOUT_MS } from './simulator/index.js';
export { runCheckout } from './run-checkout.js';
export type { RunCheckoutOptions, CheckoutRun } from './run-checkout.js';
export type {
  Outcome,
  PaylaterCallbackBody,
  RecordedCallback,
  RecordedRequest,
  SimBillPayment,
  SimCharge,
  SimCustomer,
  SimOrderItem,
  SimPlans,
  SimRefund,
  SimulatorCore,
  XenditSimulatorBase,
  XenditSimulatorOptions,
} from './simulator/index.js';
export { SIMULATOR_DECISIONS } from './decisions.js';
export type { DecisionOverrides, SimulatorDecisions } from './decisions.js';
export { FAULT_ROUTES } from './faults.js';
export type { FaultHandle, FaultRoute, FaultSpec } from './faults.js';
export { SIMULATOR_CHANNELS, planOptions } from './paylater.js';
export type { ChannelOverride, ChannelSpec, TenureSpec } from './paylater.js';
export { BILL_PRODUCTS, PLN_TEST_NUMBERS, POSTPAID_ADMIN_PER_MONTH, POSTPAID_MONTHLY_BILLS } from './bills.js';
export type { BillProductSpec, PlnOutcome } from './bills.js';
export { DOC_FIXTURE_IDS } from './fixtures.js';

export interface XenditSimulator extends XenditSimulatorBase {
  /**
   * msw 2 handlers for `setupServer` (node) and `setupWorker` (browser); throws when msw is not
   * installed. They are msw's `HttpHandler`s, typed `any[]` so that this entry point type-checks
   * where msw is not installed (`setupServer(...simulator.handlers)` still does).
   * @deprecated Use `simulatorHandlers(simulator)` from `paylater-checkout/testing/msw`.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly handlers: any[];
  /**
   * Starts a node:http server around the simulator.
   * @deprecated Use `listenSimulator(simulator, { port, host })` from `paylater-checkout/testing/node`.
   */
  listen(port?: number, host?: string): Promise<{ url: string }>;
}

/**
 * The msw face, when msw is installed (an optional peer dependency): only the deprecated
 * `simulator.handlers` needs it here.
 */
let mswMissing: unknown;
const mswFace = await import('./msw.js').catch((error: unknown) => {
  mswMissing = error;
  return undefined;
});

/** Creates a simulator. See DESIGN.md "The simulator" and XENDIT_API.md for the rules it follows. */
export function createXenditSimulator(options: XenditSimulatorOptions = {}): XenditSimulator {
  const simulator = createSimulator(options);
  // Made when first asked for: only they need msw.
  let handlers: unknown[] | undefined;
  return Object.defineProperties(simulator, {
    handlers: {
      enumerable: true,
      get() {
        if (!mswFace) {
          throw new Error('simulator.handlers needs msw 2, an optional peer dependency of paylater-checkout: npm install --save-dev msw', { cause: mswMissing });
        }
        return (handlers ??= mswFace.simulatorHandlers(simulator));
      },
    },
    listen: {
      enumerable: true,
      async value(port = 0, host = '127.0.0.1') {
        // The node:http face, loaded only when asked for: browser bundles never load it.
        const { listenSimulator } = await import('./node.js');
        const { url } = await listenSimulator(simulator, { port, host });
        return { url };
      },
    },
  }) as XenditSimulator;
}
