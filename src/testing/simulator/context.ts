/**
 * The simulator's configuration and state, shared by the router and every route module: one plain
 * object (`Sim`) instead of one closure, so each resource can live in its own file.
 */
import type * as z from 'zod';
import { SIMULATOR_DECISIONS } from '../decisions.js';
import { FaultRegistry, type FaultRoute } from '../faults.js';
import { docFixtureCustomers, docFixturePlans } from '../fixtures.js';
import { planOptions, resolveChannels, type ChannelSpec } from '../paylater.js';
import type { BillProductSpec, BillQuote } from '../bills.js';
import { SimulatedError, validationError, zodErrors } from '../responses.js';
import { Scheduler } from '../scheduler.js';
import type { RecordedCallback, RecordedRequest, SimBillPayment, SimCharge, SimCustomer, SimOrderItem, SimPlans, SimRefund, XenditSimulatorOptions } from './types.js';

const DEFAULT_SECRET = 'xnd_development_simulator';
const DEFAULT_TOKEN = 'simulator-callback-token';
const DEFAULT_BASE = 'https://api.xendit.co';
const DEFAULT_BUSINESS = '64a0c0ffee00000000005101';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Xendit's callback retry schedule [docs]. */
export const XENDIT_CALLBACK_RETRY_DELAYS_MS = [15 * MINUTE, 45 * MINUTE, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR] as const;
/** Records kept for `requests()` / `callbacks()`; the oldest go first (long demo or benchmark runs). */
const MAX_RECORDS = 10_000;
export const RECORDED_HEADERS = ['accept', 'api-version', 'content-type', 'for-user-id', 'idempotency-key', 'user-agent', 'x-idempotency-key'];

/** [docs] Get Product List: `limit` "Default 50". */
export const PRODUCT_LIST_DEFAULT_LIMIT = 50;
/** `locale.en` of the product list ([docs] `locale: { en, id }`); `id` is the Indonesian `product_name`. */
export const PRODUCT_NAMES_EN: Record<string, string> = {
  PLN_PREPAID_50K: 'PLN Prepaid 50,000',
  PLN_PREPAID_200K: 'PLN Prepaid 200,000',
  PLN_POSTPAID: 'PLN Postpaid Bill',
};

export type Reply = { status: number; body: unknown; headers?: Record<string, string> } | Response;

export interface Ctx {
  request: Request;
  url: URL;
  method: string;
  /** Path with the base path removed. */
  path: string;
  params: string[];
  text: string;
  headers: Headers;
  routeId: string;
  /** Set by a `refundFailure` fault: the refund this request makes settles FAILED with this code. */
  refundFailure?: string;
}

export interface RouteDef {
  id: string;
  method: string;
  segments: string[];
  fault: FaultRoute;
  /** false for the provider's checkout page. */
  api: boolean;
  handler: (ctx: Ctx) => Reply | Promise<Reply>;
}

export interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface ChargeRecord {
  charge: SimCharge;
}

/** A callback not delivered yet (nor given up on): what `whenIdle` names when it times out. */
export interface PendingCallback {
  url: string;
  event: string;
  chargeId: string;
  refundId: string | null;
  billPaymentId?: string;
  /** The attempt under way, or the last one made. */
  attempt: number;
  /** An attempt is waiting for the receiver's answer. */
  inFlight: boolean;
  /** How the last finished attempt went (none yet on the first). */
  last?: { responseStatus: number; outcome: RecordedCallback['outcome'] };
  /** When the next attempt starts (Date.now() ms), while waiting between attempts. */
  nextAttemptAt?: number;
}

export interface BillRecord {
  payment: SimBillPayment;
  product: BillProductSpec;
}

export function normaliseBase(url: string, name: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`createXenditSimulator: \`${name}\` must be an absolute http(s) URL.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError(`createXenditSimulator: \`${name}\` must be an absolute http(s) URL.`);
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

export function nonNegative(value: number | undefined, fallback: number, name: string): number {
  const n = value ?? fallback;
  if (!Number.isFinite(n) || n < 0) throw new TypeError(`createXenditSimulator: \`${name}\` must be a number ≥ 0.`);
  return n;
}

export function binary(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) out += String.fromCharCode(byte);
  return out;
}

export function parseJson(text: string, emptyAs?: unknown): unknown {
  if (text.trim() === '') return emptyAs;
  try {
    return JSON.parse(text);
  } catch {
    throw validationError([{ path: '', message: 'The request body must be valid JSON.' }], 'The request body is not valid JSON.');
  }
}

export function check<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(zodErrors(result.error));
  return result.data;
}

export function notFound(what: string, id: string): SimulatedError {
  return new SimulatedError(404, 'DATA_NOT_FOUND', `${what} ${id} was not found.`);
}

export function itemsTotal(items: Array<{ net_unit_amount: number; quantity: number }>): number {
  return items.reduce((sum, item) => sum + item.net_unit_amount * item.quantity, 0);
}

export function orderItem(item: Record<string, unknown>): SimOrderItem {
  return { subcategory: null, description: null, metadata: null, ...item } as SimOrderItem;
}

/** Reads and checks the options, and makes the empty state. */
export function createContext(options: XenditSimulatorOptions = {}) {
  const secretKey = options.secretKey ?? DEFAULT_SECRET;
  if (typeof secretKey !== 'string' || secretKey === '') throw new TypeError('createXenditSimulator: `secretKey` must be a non-empty string.');
  const callbackToken = options.callbackToken ?? DEFAULT_TOKEN;
  const baseUrl = normaliseBase(options.baseUrl ?? DEFAULT_BASE, 'baseUrl');
  const checkoutBaseOption = options.checkoutBaseUrl === undefined ? undefined : normaliseBase(options.checkoutBaseUrl, 'checkoutBaseUrl');
  if (options.callbackUrl !== undefined) normaliseBase(options.callbackUrl, 'callbackUrl');
  if (options.billCallbackUrl !== undefined) normaliseBase(options.billCallbackUrl, 'billCallbackUrl');
  const businessId = options.businessId ?? DEFAULT_BUSINESS;
  const rateLimit = options.rateLimit || undefined;
  if (rateLimit && !(Number.isInteger(rateLimit.limit) && rateLimit.limit > 0 && rateLimit.windowMs > 0)) {
    throw new TypeError('createXenditSimulator: `rateLimit` needs a positive integer `limit` and a positive `windowMs`.');
  }
  const retryDelays = [...(options.callbackRetryDelaysMs ?? XENDIT_CALLBACK_RETRY_DELAYS_MS)];
  if (retryDelays.some((d) => !Number.isFinite(d) || d < 0)) throw new TypeError('createXenditSimulator: `callbackRetryDelaysMs` must hold numbers ≥ 0.');
  const callbackTimeoutMs = nonNegative(options.callbackTimeoutMs, 30_000, 'callbackTimeoutMs');
  const billSettleMs = nonNegative(options.billSettleMs, 1_000, 'billSettleMs');
  const refundSettleMs = nonNegative(options.refundSettleMs, 1_000, 'refundSettleMs');
  const channels: Record<string, ChannelSpec> = resolveChannels(options.channels);
  const fetchImpl: typeof fetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const decisions = {
    duplicateCustomer: options.decisions?.duplicateCustomer ?? SIMULATOR_DECISIONS.duplicateCustomer,
    paylaterIdempotencyHonoured: options.honourPaylaterIdempotency ?? options.decisions?.paylaterIdempotencyHonoured ?? SIMULATOR_DECISIONS.paylaterIdempotencyHonoured,
    planAmountMustEqualItems: options.decisions?.planAmountMustEqualItems ?? SIMULATOR_DECISIONS.planAmountMustEqualItems,
    postpaidPaidOnce: options.decisions?.postpaidPaidOnce ?? SIMULATOR_DECISIONS.postpaidPaidOnce,
  };
  const docFixtures = options.docFixtures ?? true;
  const maxStored = options.maxStoredObjects ?? SIMULATOR_DECISIONS.maxStoredObjects;
  if (!Number.isInteger(maxStored) || maxStored < 1) throw new TypeError('createXenditSimulator: `maxStoredObjects` must be an integer ≥ 1.');
  const maxRecords = Math.min(MAX_RECORDS, maxStored);
  const expectedAuth = binary(`${secretKey}:`);
  const basePrefixes = [new URL(baseUrl).pathname, checkoutBaseOption ? new URL(checkoutBaseOption).pathname : '/']
    .map((p) => p.replace(/\/+$/, ''))
    .filter((p) => p !== '');

  const scheduler = new Scheduler((error) => console.error('[xendit-simulator] background task failed:', error));
  const faults = new FaultRegistry();
  const deliveries = new Set<AbortController>();
  const holds = new Set<() => void>();

  // state
  const customers = new Map<string, { json: SimCustomer; fixture: boolean }>();
  const customerRefs = new Map<string, string>();
  const plans = new Map<string, { plan: SimPlans; fixture: boolean }>();
  const charges = new Map<string, ChargeRecord>();
  const refunds = new Map<string, SimRefund>();
  const inquiries = new Map<string, { id: string; product_id: string; customer_number: string; quote: BillQuote }>();
  const bills = new Map<string, BillRecord>();
  const billRefs = new Map<string, string>();
  const idempotency = new Map<string, StoredAnswer>();
  const rateWindows = new Map<string, number[]>();

  /**
   * Stores an entry and evicts the oldest ones beyond `maxStored` (Maps iterate in insertion order),
   * so a demo left running for days stays bounded. `onEvict` drops what indexes the evicted entry.
   */
  function remember<V>(map: Map<string, V>, key: string, value: V, onEvict?: (key: string, value: V) => void) {
    map.set(key, value);
    while (map.size > maxStored) {
      const [oldKey, oldValue] = map.entries().next().value as [string, V];
      map.delete(oldKey);
      onEvict?.(oldKey, oldValue);
    }
  }

  function loadFixtures() {
    if (!docFixtures) return;
    for (const customer of docFixtureCustomers()) {
      const json = customer as SimCustomer;
      customers.set(json.id, { json, fixture: true });
      customerRefs.set(json.reference_id, json.id);
    }
    for (const seed of docFixturePlans()) {
      const spec = channels[seed.channel_code]!;
      const plan: SimPlans = { ...seed, order_items: seed.order_items.map(orderItem), options: planOptions(spec, seed.amount) };
      plans.set(plan.id, { plan, fixture: true });
    }
  }

  const sim = {
    options, secretKey, callbackToken, baseUrl, checkoutBaseOption, businessId, rateLimit, retryDelays, callbackTimeoutMs,
    billSettleMs, refundSettleMs, channels, fetchImpl, decisions, maxRecords, expectedAuth, basePrefixes,
    scheduler, faults, deliveries, holds,
    customers, customerRefs, plans, charges, refunds, inquiries, bills, billRefs, idempotency, rateWindows,
    remember, loadFixtures,
    /** Where PayLater callbacks go (undefined: none are sent). */
    callbackUrl: options.callbackUrl,
    /** Where Bill Payments callbacks go (undefined: none are sent). */
    billCallbackUrl: options.billCallbackUrl,
    /** The http face's url while listening. */
    serverUrl: undefined as string | undefined,
    /** Bumped by close() and reset(): work started before it stops quietly. */
    generation: 0,
    requestLog: [] as RecordedRequest[],
    callbackLog: [] as RecordedCallback[],
    /** Callbacks still to be delivered (emptied by close() and reset()). */
    pendingCallbacks: new Set<PendingCallback>(),
    checkoutBase(): string {
      return checkoutBaseOption ?? sim.serverUrl ?? baseUrl;
    },
  };
  loadFixtures();
  return sim;
}

export type Sim = ReturnType<typeof createContext>;
