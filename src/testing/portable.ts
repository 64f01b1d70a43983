/**
 * `paylater-checkout/testing` where a top-level `await` cannot be: `require()` (Jest and other
 * CommonJS test runners, Node 20.19 or newer) and browser bundles (a simulator in a page's own
 * tests). The same simulator, without the deprecated `simulator.handlers` and `simulator.listen()`,
 * which need msw and node:http: their entry points (`paylater-checkout/testing/msw`,
 * `paylater-checkout/testing/node`) give both to any simulator. `package.json` picks this file for
 * every importer but Node's `import`, which gets `index.ts` (msw loaded when installed).
 */
import { createXenditSimulator as createSimulator, type XenditSimulatorBase, type XenditSimulatorOptions } from './simulator/index.js';
import { withOlderFaces } from './older-faces.js';

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

/** Creates a simulator. See DESIGN.md "The simulator" and XENDIT_API.md for the rules it follows. */
export function createXenditSimulator(options: XenditSimulatorOptions = {}): XenditSimulator {
  return withOlderFaces(
    createSimulator(options),
    () => {
      throw new Error('simulator.handlers is not in paylater-checkout/testing when it is loaded with require() or bundled for a browser: use simulatorHandlers(simulator) from paylater-checkout/testing/msw');
    },
    () => Promise.reject(new Error('simulator.listen() is not in paylater-checkout/testing when it is loaded with require() or bundled for a browser: use listenSimulator(simulator, { port, host }) from paylater-checkout/testing/node')),
  );
}
