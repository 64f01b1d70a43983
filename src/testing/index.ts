/**
 * `paylater-checkout/testing`: an offline simulator of the Xendit API (Customers, PayLater, Bill
 * Payments) and of the providers' checkout pages, with faces for msw and node:http.
 */
export { createXenditSimulator, XENDIT_CALLBACK_RETRY_DELAYS_MS } from './simulator/index.js';
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
  XenditSimulator,
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
