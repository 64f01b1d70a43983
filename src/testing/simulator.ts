/**
 * The Xendit simulator's core: state, routes and rules from XENDIT_API.md, as one fetch-style
 * function. No `node:` imports here: the core runs in the browser too (msw worker). The faces
 * (msw handlers, node:http server) live in `msw.ts` and `node.ts`.
 */
import type * as z from 'zod';
import {
  BillPaymentRequest,
  ChargeRequest,
  CustomerCreateRequest,
  InquiryRequest,
  LegacyCustomerCreateRequest,
  PlansRequest,
  RefundRequest,
  type BillDetail,
  type PlanOption,
} from '../xendit/schemas.js';
import { findProduct, fulfilmentDetails, plnOutcome, quote, BILL_PRODUCTS, type BillProductSpec, type BillQuote } from './bills.js';
import { renderCheckoutPage, renderMessagePage } from './checkout-page.js';
import { SIMULATOR_DECISIONS, type DecisionOverrides } from './decisions.js';
import { FaultRegistry, type FaultHandle, type FaultRoute, type FaultSpec } from './faults.js';
import { docFixtureCustomers, docFixturePlans } from './fixtures.js';
import { createMswHandlers } from './msw.js';
import { startNodeServer, type NodeServerHandle } from './node.js';
import { planOptions, resolveChannels, type ChannelOverride, type ChannelSpec } from './paylater.js';
import {
  canonicalJson,
  clone,
  currencyDecimals,
  formatMoney,
  hasAtMostDecimals,
  json,
  nowIso,
  SimulatedError,
  uuid,
  validationError,
  xenditError,
  zodErrors,
} from './responses.js';
import { Scheduler } from './scheduler.js';

// ---------------------------------------------------------------- public types

export interface XenditSimulatorOptions {
  /** The secret key requests must carry (HTTP Basic user name). Default `xnd_development_simulator`. */
  secretKey?: string;
  /** Sent as `x-callback-token` with every callback. Default `simulator-callback-token`. */
  callbackToken?: string;
  /** Where PayLater callbacks go. None are sent while unset (see `setCallbackUrl`). */
  callbackUrl?: string;
  /** Origin (+ path) the msw handlers match. Default `https://api.xendit.co`. The http face serves at its own url. */
  baseUrl?: string;
  /** Where checkout pages live. Default: the http face's url while listening, else `baseUrl`. */
  checkoutBaseUrl?: string;
  /** `business_id` in charges, callbacks and bill payments. */
  businessId?: string;
  /** Sliding-window rate limit per endpoint and key. Default off. */
  rateLimit?: { limit: number; windowMs: number } | false;
  /** Delays between callback attempts. Default Xendit's: 15 min, 45 min, 2 h, 3 h, 6 h, 12 h. */
  callbackRetryDelaysMs?: number[];
  /** A callback attempt without an answer in this time counts as failed. Default 30 000. */
  callbackTimeoutMs?: number;
  /** Delay before a bill payment leaves PENDING. Default 1000. */
  billSettleMs?: number;
  /** Delay before a refund leaves PENDING. Default 1000. */
  refundSettleMs?: number;
  /** Per-channel overrides of the channel table (min, max, activated). */
  channels?: Record<string, ChannelOverride>;
  /** fetch used to deliver callbacks. Default the global one. */
  fetch?: typeof fetch;
  /** Honour `Idempotency-Key` on /paylater/* (Xendit: OPEN). Default false: recorded, ignored. */
  honourPaylaterIdempotency?: boolean;
  /** Pre-register the ids the Xendit guide's samples refer to. Default true. */
  docFixtures?: boolean;
  /** Override a few OPEN decisions (see `SIMULATOR_DECISIONS`). */
  decisions?: DecisionOverrides;
}

export interface RecordedRequest {
  at: string;
  method: string;
  /** Path and query, with the base path removed. */
  path: string;
  /** Fault route name, or null for an unknown route. */
  route: FaultRoute | null;
  /** HTTP status answered; 0 when no answer was sent (dropped, timed out, client gave up). */
  status: number;
  requestId: string;
  idempotencyKey: string | null;
  /** A few useful request headers. Never `authorization`. */
  headers: Record<string, string>;
  outcome: 'answered' | 'dropped' | 'timeout' | 'aborted';
  /** True when an injected fault shaped the answer. */
  faulted: boolean;
}

export interface RecordedCallback {
  at: string;
  url: string;
  event: string;
  chargeId: string;
  refundId: string | null;
  /** Status of the object in `data` (charge or refund). */
  status: string;
  /** 1 for the first delivery, 2 for the first retry, ... */
  attempt: number;
  /** HTTP status of the receiver's answer; 0 when none came. */
  responseStatus: number;
  outcome: 'delivered' | 'failed' | 'timeout' | 'network-error';
  willRetry: boolean;
  gaveUp: boolean;
  /** The JSON body that was sent. */
  body: PaylaterCallbackBody;
}

export interface PaylaterCallbackBody {
  event: string;
  business_id: string;
  created: string;
  data: SimCharge | SimRefund;
}

export interface SimOrderItem {
  type: string;
  reference_id: string;
  name: string;
  net_unit_amount: number;
  quantity: number;
  url: string;
  category: string;
  subcategory: string | null;
  description: string | null;
  metadata: Record<string, unknown> | null;
  [key: string]: unknown;
}

export interface SimPlans {
  id: string;
  customer_id: string;
  channel_code: string;
  currency: string;
  amount: number;
  order_items: SimOrderItem[];
  options: PlanOption[];
  created: string;
}

export interface SimCharge {
  id: string;
  business_id: string;
  reference_id: string;
  customer_id: string;
  plan_id: string;
  currency: string;
  amount: number;
  channel_code: string;
  checkout_method: string;
  status: string;
  actions: { desktop_web_checkout_url: string; mobile_web_checkout_url: string; mobile_deeplink_checkout_url: string | null };
  success_redirect_url: string;
  failure_redirect_url: string | null;
  callback_url: string | null;
  created: string;
  updated: string;
  order_items: SimOrderItem[];
  voided_at: string | null;
  payment_method_id: string | null;
  metadata: Record<string, unknown> | null;
  channel_reference: string;
  refunded_amount?: number;
  refunds?: SimRefund[];
}

export interface SimRefund {
  id: string;
  charge_id: string;
  channel_code: string;
  currency: string;
  amount: number;
  reason: string | null;
  status: string;
  failure_code: string | null;
  created: string;
  updated: string;
}

export interface SimBillPayment {
  business_id: string;
  type: 'payment';
  id: string;
  properties: {
    product_id: string;
    customer_number: string;
    reference_id: string;
    admin_amount: number;
    base_amount: number;
    total_amount: number;
    currency: string;
    status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
    fulfilled_at: string | null;
    failure_code: string | null;
    failure_reason: string | null;
    customer_details: BillDetail[];
    product_details: BillDetail[];
    bill_details: BillDetail[];
    payment_details: BillDetail[];
  };
}

export type SimCustomer = Record<string, unknown> & { id: string; reference_id: string };

export interface XenditSimulator {
  /** The whole simulated API (and checkout pages) as a fetch-style function. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** msw 2 handlers for `setupServer` (node) and `setupWorker` (browser); throws when msw is not installed. */
  readonly handlers: import('msw').HttpHandler[];
  /** Starts a node:http server around the core. */
  listen(port?: number, host?: string): Promise<{ url: string }>;
  /** Stops the server (if any), every timer, callback delivery and held request. */
  close(): Promise<void>;
  /** The http face's url while listening. */
  readonly url: string | undefined;
  /** Changes where PayLater callbacks go (undefined: none are sent). */
  setCallbackUrl(url: string | undefined): void;

  /** The shopper approves on the provider's page: PENDING → SUCCEEDED, callback. */
  approveCharge(chargeId: string): SimCharge;
  /** The shopper rejects on the provider's page: PENDING → FAILED, callback. */
  rejectCharge(chargeId: string): SimCharge;
  /** Settles a bill payment that stays PENDING (the "suspected" numbers). */
  settleBillPayment(paymentId: string, status: 'SUCCEEDED' | 'FAILED'): SimBillPayment;

  injectFault(spec: FaultSpec): FaultHandle;
  clearFaults(): void;

  customers(): SimCustomer[];
  plans(): SimPlans[];
  charges(): SimCharge[];
  refunds(): SimRefund[];
  billPayments(): SimBillPayment[];
  requests(): RecordedRequest[];
  callbacks(): RecordedCallback[];

  /** Resolves when no settle timer, callback delivery or retry is pending. */
  whenIdle(): Promise<void>;
  /** Runs pending settle timers and callback retries now, then resolves when idle. */
  flush(): Promise<void>;
  /** Forgets every object, record, fault and pending timer (fixtures come back). */
  reset(): void;
}

/** How the core answers one request; the faces turn it into a Response, an error or a dropped socket. */
export type Outcome =
  | { kind: 'response'; response: Response }
  | { kind: 'drop' }
  /** No answer: `released` resolves when the client gives up or the simulator closes. */
  | { kind: 'hang'; released: Promise<void> };

export interface SimulatorCore {
  handle(request: Request): Promise<Outcome>;
}

// ---------------------------------------------------------------- internals

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
const RECORDED_HEADERS = ['accept', 'api-version', 'content-type', 'for-user-id', 'idempotency-key', 'user-agent', 'x-idempotency-key'];

type Reply = { status: number; body: unknown; headers?: Record<string, string> } | Response;

interface Ctx {
  request: Request;
  url: URL;
  method: string;
  /** Path with the base path removed. */
  path: string;
  params: string[];
  text: string;
  headers: Headers;
  routeId: string;
}

interface RouteDef {
  id: string;
  method: string;
  segments: string[];
  fault: FaultRoute;
  /** false for the provider's checkout page. */
  api: boolean;
  handler: (ctx: Ctx) => Reply | Promise<Reply>;
}

interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: string;
  headers: Record<string, string>;
}

interface ChargeRecord {
  charge: SimCharge;
}

interface BillRecord {
  payment: SimBillPayment;
  product: BillProductSpec;
}

function normaliseBase(url: string, name: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`createXenditSimulator: \`${name}\` must be an absolute http(s) URL.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError(`createXenditSimulator: \`${name}\` must be an absolute http(s) URL.`);
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  const n = value ?? fallback;
  if (!Number.isFinite(n) || n < 0) throw new TypeError(`createXenditSimulator: \`${name}\` must be a number ≥ 0.`);
  return n;
}

function binary(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) out += String.fromCharCode(byte);
  return out;
}

function parseJson(text: string, emptyAs?: unknown): unknown {
  if (text.trim() === '') return emptyAs;
  try {
    return JSON.parse(text);
  } catch {
    throw validationError([{ path: '', message: 'The request body must be valid JSON.' }], 'The request body is not valid JSON.');
  }
}

function check<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(zodErrors(result.error));
  return result.data;
}

function notFound(what: string, id: string): SimulatedError {
  return new SimulatedError(404, 'DATA_NOT_FOUND', `${what} ${id} was not found.`);
}

function itemsTotal(items: Array<{ net_unit_amount: number; quantity: number }>): number {
  return items.reduce((sum, item) => sum + item.net_unit_amount * item.quantity, 0);
}

function orderItem(item: Record<string, unknown>): SimOrderItem {
  return { subcategory: null, description: null, metadata: null, ...item } as SimOrderItem;
}

/** Creates a simulator. See DESIGN.md "The simulator" and XENDIT_API.md for the rules it follows. */
export function createXenditSimulator(options: XenditSimulatorOptions = {}): XenditSimulator {
  const secretKey = options.secretKey ?? DEFAULT_SECRET;
  if (typeof secretKey !== 'string' || secretKey === '') throw new TypeError('createXenditSimulator: `secretKey` must be a non-empty string.');
  const callbackToken = options.callbackToken ?? DEFAULT_TOKEN;
  const baseUrl = normaliseBase(options.baseUrl ?? DEFAULT_BASE, 'baseUrl');
  const checkoutBaseOption = options.checkoutBaseUrl === undefined ? undefined : normaliseBase(options.checkoutBaseUrl, 'checkoutBaseUrl');
  if (options.callbackUrl !== undefined) normaliseBase(options.callbackUrl, 'callbackUrl');
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
  };
  const docFixtures = options.docFixtures ?? true;
  const expectedAuth = binary(`${secretKey}:`);
  const basePrefixes = [new URL(baseUrl).pathname, checkoutBaseOption ? new URL(checkoutBaseOption).pathname : '/']
    .map((p) => p.replace(/\/+$/, ''))
    .filter((p) => p !== '');

  let callbackUrl = options.callbackUrl;
  let server: NodeServerHandle | undefined;
  /** Bumped by close() and reset(): work started before it stops quietly. */
  let generation = 0;

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
  let requestLog: RecordedRequest[] = [];
  let callbackLog: RecordedCallback[] = [];

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
  loadFixtures();

  function checkoutBase(): string {
    return checkoutBaseOption ?? server?.url ?? baseUrl;
  }

  // ------------------------------------------------------------ idempotency

  function idempotencyKey(ctx: Ctx): string | null {
    const key = ctx.headers.get('idempotency-key') ?? ctx.headers.get('x-idempotency-key');
    return key === null ? null : key;
  }

  /** Replays a stored 2xx answer for the same key and body; 409 IDEMPOTENCY_ERROR for another body; else runs and stores a 2xx. */
  function idempotent(ctx: Ctx, scope: string, body: unknown, run: () => Reply): Reply {
    const key = idempotencyKey(ctx);
    if (key === null) return run();
    if (key.length < 1 || key.length > 100) throw validationError([{ path: 'Idempotency-Key', message: 'must be 1 to 100 characters' }]);
    const slot = `${scope}\u0000${key}`;
    const fingerprint = canonicalJson(body);
    const stored = idempotency.get(slot);
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        throw new SimulatedError(409, 'IDEMPOTENCY_ERROR', 'This Idempotency-Key was already used with a different request body.');
      }
      return new Response(stored.body, { status: stored.status, headers: stored.headers });
    }
    const reply = run();
    if (!(reply instanceof Response) && reply.status >= 200 && reply.status < 300) {
      idempotency.set(slot, { fingerprint, status: reply.status, body: JSON.stringify(reply.body), headers: { 'content-type': 'application/json; charset=utf-8', ...reply.headers } });
    }
    return reply;
  }

  // ------------------------------------------------------------ callbacks

  function sendCallback(event: string, data: SimCharge | SimRefund): Promise<void> | undefined {
    const url = callbackUrl;
    if (!url) return undefined;
    const body: PaylaterCallbackBody = { event, business_id: businessId, created: nowIso(), data: clone(data) };
    const isRefund = data.id.startsWith('plr_');
    const job = {
      url,
      event,
      body,
      text: JSON.stringify(body),
      chargeId: isRefund ? (data as SimRefund).charge_id : data.id,
      refundId: isRefund ? data.id : null,
      status: data.status,
    };
    return scheduler.track(deliver(job, 1, generation));
  }

  async function deliver(job: { url: string; event: string; body: PaylaterCallbackBody; text: string; chargeId: string; refundId: string | null; status: string }, attempt: number, gen: number): Promise<void> {
    if (gen !== generation) return;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`no answer within ${callbackTimeoutMs} ms`));
    }, callbackTimeoutMs);
    deliveries.add(controller);
    let responseStatus = 0;
    let outcome: RecordedCallback['outcome'];
    try {
      const response = await fetchImpl(job.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-callback-token': callbackToken, 'user-agent': 'xendit-simulator' },
        body: job.text,
        signal: controller.signal,
      });
      responseStatus = response.status;
      await response.arrayBuffer().catch(() => undefined);
      outcome = response.ok ? 'delivered' : 'failed';
    } catch {
      outcome = timedOut ? 'timeout' : 'network-error';
    } finally {
      clearTimeout(timer);
      deliveries.delete(controller);
    }
    if (gen !== generation) return;
    const willRetry = outcome !== 'delivered' && attempt <= retryDelays.length;
    callbackLog.push({
      at: nowIso(),
      url: job.url,
      event: job.event,
      chargeId: job.chargeId,
      refundId: job.refundId,
      status: job.status,
      attempt,
      responseStatus,
      outcome,
      willRetry,
      gaveUp: outcome !== 'delivered' && !willRetry,
      body: clone(job.body),
    });
    if (callbackLog.length > MAX_RECORDS) callbackLog.splice(0, callbackLog.length - MAX_RECORDS);
    if (willRetry) scheduler.schedule(retryDelays[attempt - 1]!, () => deliver(job, attempt + 1, gen));
  }

  // ------------------------------------------------------------ customers

  function customerVersion(ctx: Ctx): 'nested' | 'flat' {
    const version = ctx.headers.get('api-version')?.trim();
    if (version === undefined || version === '' || version === '2020-05-19') return 'flat';
    if (version === '2020-10-31') return 'nested';
    throw validationError([{ path: 'API-VERSION', message: 'must be 2020-10-31 or 2020-05-19' }], `API-VERSION ${version} is not supported.`);
  }

  function addCustomer(json: SimCustomer) {
    if (customerRefs.has(json.reference_id)) {
      const d = decisions.duplicateCustomer;
      throw new SimulatedError(d.status, d.error_code, `A customer with reference_id ${json.reference_id} already exists.`);
    }
    customers.set(json.id, { json, fixture: false });
    customerRefs.set(json.reference_id, json.id);
  }

  function createCustomer(ctx: Ctx): Reply {
    const version = customerVersion(ctx);
    const raw = parseJson(ctx.text);
    const run = (): Reply => {
      const now = nowIso();
      if (version === 'nested') {
        const body = check(CustomerCreateRequest, raw);
        const errors: { path: string; message: string }[] = [];
        if (body.type === 'INDIVIDUAL' && !body.individual_detail) errors.push({ path: 'individual_detail', message: 'is required when type is INDIVIDUAL' });
        if (body.type === 'BUSINESS' && !body.business_detail) errors.push({ path: 'business_detail', message: 'is required when type is BUSINESS' });
        if (errors.length) throw validationError(errors);
        const json: SimCustomer = {
          id: `cust-${uuid()}`,
          reference_id: body.reference_id,
          type: body.type,
          individual_detail: body.individual_detail
            ? { surname: null, nationality: null, place_of_birth: null, date_of_birth: null, gender: null, employment: null, ...body.individual_detail }
            : null,
          business_detail: body.business_detail ?? null,
          email: body.email ?? null,
          mobile_number: body.mobile_number ?? null,
          phone_number: null,
          hashed_phone_number: null,
          addresses: (body.addresses ?? []).map((a) => ({
            street_line1: null,
            street_line2: null,
            city: null,
            province_state: a.province ?? null,
            postal_code: null,
            category: null,
            is_primary: false,
            ...a,
          })),
          identity_accounts: [],
          kyc_documents: [],
          description: body.description ?? null,
          date_of_registration: null,
          domicile_of_registration: null,
          metadata: body.metadata ?? null,
          created: now,
          updated: now,
        };
        addCustomer(json);
        return { status: 200, body: json };
      }
      const body = check(LegacyCustomerCreateRequest, raw);
      const json: SimCustomer = {
        id: uuid(),
        reference_id: body.reference_id,
        given_names: body.given_names,
        email: body.email ?? null,
        mobile_number: body.mobile_number ?? null,
        description: body.description ?? null,
        middle_name: null,
        surname: body.surname ?? null,
        phone_number: null,
        nationality: null,
        date_of_birth: null,
        metadata: body.metadata ?? null,
        employment: null,
        addresses: (body.addresses ?? []).map((a) => {
          const out: Record<string, unknown> = { category: '', country: a.country, state: '', province: '', city: '', postal_code: '', street_line1: '', street_line2: '', is_preferred: false };
          for (const [k, v] of Object.entries(a)) if (v !== null && v !== undefined) out[k] = v;
          return out;
        }),
      };
      addCustomer(json);
      return { status: 200, body: json };
    };
    return SIMULATOR_DECISIONS.customerIdempotencyHonoured ? idempotent(ctx, 'customers', raw, run) : run();
  }

  function listCustomers(ctx: Ctx): Reply {
    const reference = ctx.url.searchParams.get('reference_id');
    if (!reference) throw validationError([{ path: 'reference_id', message: 'query parameter is required' }]);
    const id = customerRefs.get(reference);
    const found = id ? customers.get(id) : undefined;
    return { status: 200, body: { data: found ? [clone(found.json)] : [], has_more: false } };
  }

  function getCustomer(ctx: Ctx): Reply {
    const found = customers.get(ctx.params[0]!);
    if (!found) throw notFound('Customer', ctx.params[0]!);
    return { status: 200, body: clone(found.json) };
  }

  // ------------------------------------------------------------ PayLater

  function amountRules(channel: string, spec: ChannelSpec, amount: number, path = 'amount') {
    const decimals = currencyDecimals(spec.currency);
    if (!hasAtMostDecimals(amount, decimals)) {
      throw validationError([{ path, message: decimals === 0 ? `${spec.currency} amounts must be whole numbers` : `${spec.currency} amounts have at most ${decimals} decimals` }]);
    }
    if (amount < spec.min || amount > spec.max) {
      const message = `amount must be between ${formatMoney(spec.min, spec.currency)} and ${formatMoney(spec.max, spec.currency)} for ${channel}`;
      throw validationError([{ path, message }], `${message} (got ${formatMoney(amount, spec.currency)}).`);
    }
  }

  function paylaterIdempotent(ctx: Ctx, body: unknown, run: () => Reply): Reply {
    return decisions.paylaterIdempotencyHonoured ? idempotent(ctx, `paylater:${ctx.routeId}:${ctx.path}`, body, run) : run();
  }

  function createPlans(ctx: Ctx): Reply {
    const raw = parseJson(ctx.text);
    return paylaterIdempotent(ctx, raw, () => {
      const body = check(PlansRequest, raw);
      const spec = channels[body.channel_code];
      if (!spec) throw validationError([{ path: 'channel_code', message: `must be one of ${Object.keys(channels).join(', ')}` }]);
      if (!spec.activated) throw new SimulatedError(403, 'CHANNEL_NOT_ACTIVATED', `${body.channel_code} is not activated for this account.`);
      if (body.currency !== spec.currency) {
        throw new SimulatedError(400, 'UNSUPPORTED_CURRENCY', `${body.channel_code} supports ${spec.currency} only (got ${body.currency}).`);
      }
      if (!customers.has(body.customer_id)) throw notFound('Customer', body.customer_id);
      if (body.amount === SIMULATOR_DECISIONS.channelUnavailableAmount) {
        throw new SimulatedError(503, 'CHANNEL_UNAVAILABLE', `${body.channel_code} is temporarily unavailable. Try again later or use another channel.`);
      }
      amountRules(body.channel_code, spec, body.amount);
      if (decisions.planAmountMustEqualItems) {
        const total = itemsTotal(body.order_items);
        if (Math.abs(total - body.amount) > 0.005) {
          throw validationError([{ path: 'amount', message: `must equal the sum of order_items net_unit_amount × quantity (${total})` }]);
        }
      }
      const plan: SimPlans = {
        id: `plp_${uuid()}`,
        customer_id: body.customer_id,
        channel_code: body.channel_code,
        currency: body.currency,
        amount: body.amount,
        order_items: body.order_items.map((item) => orderItem(item)),
        options: planOptions(spec, body.amount),
        created: nowIso(),
      };
      plans.set(plan.id, { plan, fixture: false });
      return { status: 200, body: clone(plan) };
    });
  }

  function createCharge(ctx: Ctx): Reply {
    const raw = parseJson(ctx.text);
    return paylaterIdempotent(ctx, raw, () => {
      const body = check(ChargeRequest, raw);
      const found = plans.get(body.plan_id);
      if (!found) throw notFound('Plan', body.plan_id);
      const plan = found.plan;
      const id = `plc_${uuid()}`;
      const page = `${checkoutBase()}/checkout/${encodeURIComponent(id)}`;
      const now = nowIso();
      const charge: SimCharge = {
        id,
        business_id: businessId,
        reference_id: body.reference_id,
        customer_id: plan.customer_id,
        plan_id: plan.id,
        currency: plan.currency,
        amount: plan.amount,
        channel_code: plan.channel_code,
        checkout_method: body.checkout_method,
        status: 'PENDING',
        actions: {
          desktop_web_checkout_url: page,
          mobile_web_checkout_url: page,
          mobile_deeplink_checkout_url: SIMULATOR_DECISIONS.deeplinkChannels.includes(plan.channel_code) ? `${page}?via=app` : null,
        },
        success_redirect_url: body.success_redirect_url,
        failure_redirect_url: body.failure_redirect_url ?? null,
        callback_url: callbackUrl ?? null,
        created: now,
        updated: now,
        order_items: clone(plan.order_items),
        voided_at: null,
        payment_method_id: body.payment_method_id ?? null,
        metadata: (body.metadata as Record<string, unknown> | null | undefined) ?? null,
        channel_reference: uuid(),
      };
      charges.set(id, { charge });
      return { status: 200, body: clone(charge) };
    });
  }

  function chargeOf(id: string): ChargeRecord {
    const record = charges.get(id);
    if (!record) throw notFound('Charge', id);
    return record;
  }

  function getCharge(ctx: Ctx): Reply {
    return { status: 200, body: clone(chargeOf(ctx.params[0]!).charge) };
  }

  function cancelCharge(ctx: Ctx): Reply {
    return paylaterIdempotent(ctx, ctx.text, () => {
      const { charge } = chargeOf(ctx.params[0]!);
      if (charge.status !== 'PENDING') {
        const d = SIMULATOR_DECISIONS.cancelNotPending;
        throw new SimulatedError(d.status, d.error_code, `Charge ${charge.id} is ${charge.status}; only a PENDING charge can be cancelled.`);
      }
      charge.status = 'CANCELLED';
      charge.updated = nowIso();
      return { status: 200, body: clone(charge) };
    });
  }

  /** PENDING → SUCCEEDED | FAILED, then the callback. */
  function settleCharge(id: string, status: 'SUCCEEDED' | 'FAILED'): SimCharge {
    const { charge } = chargeOf(id);
    if (charge.status !== 'PENDING') {
      throw new SimulatedError(409, 'INVALID_STATUS', `Charge ${charge.id} is ${charge.status}, not PENDING.`);
    }
    charge.status = status;
    charge.updated = nowIso();
    void sendCallback('paylater.payment', charge);
    return clone(charge);
  }

  function createRefund(ctx: Ctx): Reply {
    const raw = parseJson(ctx.text, {});
    return paylaterIdempotent(ctx, raw, () => {
      const body = check(RefundRequest, raw);
      const { charge } = chargeOf(ctx.params[0]!);
      const spec = channels[charge.channel_code];
      const na = SIMULATOR_DECISIONS.refundNotAvailable;
      if (!spec || spec.refunds === 'none') throw new SimulatedError(na.status, na.error_code, `Refunds by API are not available for ${charge.channel_code}.`);
      const refunded = charge.refunded_amount ?? 0;
      const refundable = charge.status === 'SUCCEEDED' || (charge.status === 'REFUNDED' && refunded < charge.amount);
      if (!refundable) {
        const d = SIMULATOR_DECISIONS.refundNotAllowed;
        throw new SimulatedError(d.status, d.error_code, `Charge ${charge.id} is ${charge.status}; only a paid (SUCCEEDED) charge can be refunded.`);
      }
      const pending = [...refunds.values()].filter((r) => r.charge_id === charge.id && r.status === 'PENDING').reduce((s, r) => s + r.amount, 0);
      const left = Math.round((charge.amount - refunded - pending) * 100) / 100;
      const amount = body.amount ?? left;
      if (spec.refunds === 'full-only' && (amount !== charge.amount || refunded > 0 || pending > 0)) {
        throw new SimulatedError(na.status, na.error_code, `${charge.channel_code} supports full refunds only.`);
      }
      if (!hasAtMostDecimals(amount, currencyDecimals(charge.currency))) throw validationError([{ path: 'amount', message: `${charge.currency} amounts must be whole numbers` }]);
      if (amount <= 0 || amount > left + 1e-9) {
        const d = SIMULATOR_DECISIONS.overRefund;
        const message = `amount exceeds what can still be refunded (${formatMoney(left, charge.currency)})`;
        throw new SimulatedError(d.status, d.error_code, `The refund ${message}.`, [{ path: 'amount', message }]);
      }
      const now = nowIso();
      const refund: SimRefund = {
        id: `plr_${uuid()}`,
        charge_id: charge.id,
        channel_code: charge.channel_code,
        currency: charge.currency,
        amount,
        reason: body.reason ?? null,
        status: 'PENDING',
        failure_code: null,
        created: now,
        updated: now,
      };
      refunds.set(refund.id, refund);
      const gen = generation;
      scheduler.schedule(refundSettleMs, async () => {
        if (gen !== generation || refund.status !== 'PENDING') return;
        const at = nowIso();
        refund.status = 'SUCCEEDED';
        refund.updated = at;
        charge.refunded_amount = Math.round(((charge.refunded_amount ?? 0) + refund.amount) * 100) / 100;
        charge.status = 'REFUNDED';
        charge.updated = at;
        charge.refunds = [...refunds.values()].filter((r) => r.charge_id === charge.id).map((r) => clone(r));
        await sendCallback('paylater.refund', refund);
        void sendCallback('paylater.payment', charge);
      });
      return { status: 200, body: clone(refund) };
    });
  }

  function getRefund(ctx: Ctx): Reply {
    const { charge } = chargeOf(ctx.params[0]!);
    const refund = refunds.get(ctx.params[1]!);
    if (!refund || refund.charge_id !== charge.id) throw notFound('Refund', ctx.params[1]!);
    return { status: 200, body: clone(refund) };
  }

  // ------------------------------------------------------------ Bill Payments

  function productJson(p: BillProductSpec) {
    return {
      type: 'product',
      id: p.id,
      properties: {
        product_name: p.product_name,
        category: p.category,
        biller: p.biller,
        country: p.country,
        currency: p.currency,
        requires_inquiry: p.requires_inquiry,
        availability_status: p.availability_status,
        admin_amount: p.admin_amount,
        base_amount: p.base_amount,
        total_amount: p.total_amount,
      },
    };
  }

  function listProducts(ctx: Ctx): Reply {
    const q = ctx.url.searchParams;
    const errors: { path: string; message: string }[] = [];
    const requiresInquiry = q.get('requires_inquiry');
    if (requiresInquiry !== null && requiresInquiry !== 'true' && requiresInquiry !== 'false') errors.push({ path: 'requires_inquiry', message: 'must be true or false' });
    const limitRaw = q.get('limit');
    const limit = limitRaw === null ? 10 : Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) errors.push({ path: 'limit', message: 'must be an integer from 1 to 100' });
    if (errors.length) throw validationError(errors);
    const eq = (name: string, value: string) => {
      const wanted = q.get(name);
      return wanted === null || wanted.toUpperCase() === value.toUpperCase();
    };
    const list = BILL_PRODUCTS.filter(
      (p) =>
        eq('id', p.id) &&
        eq('biller', p.biller) &&
        eq('category', p.category) &&
        eq('country', p.country) &&
        eq('availability_status', p.availability_status) &&
        (requiresInquiry === null || String(p.requires_inquiry) === requiresInquiry),
    );
    const cursor = q.get('cursor');
    let start = 0;
    if (cursor !== null) {
      const index = list.findIndex((p) => p.id === cursor);
      if (index === -1) throw validationError([{ path: 'cursor', message: 'is not a cursor this endpoint returned' }]);
      start = index + 1;
    }
    const page = list.slice(start, start + limit);
    const next = start + limit < list.length ? page[page.length - 1]!.id : null;
    return { status: 200, body: { limit, cursor, next_cursor: next, data: page.map(productJson) } };
  }

  function productOf(id: string): BillProductSpec {
    const product = findProduct(id);
    if (!product) throw new SimulatedError(404, 'PRODUCT_NOT_FOUND', `Product ${id} was not found.`);
    return product;
  }

  function createInquiry(ctx: Ctx): Reply {
    const body = check(InquiryRequest, parseJson(ctx.text));
    const product = productOf(body.product_id);
    const outcome = plnOutcome(product, body.customer_number);
    if (outcome.kind === 'error' && outcome.at === 'both') throw new SimulatedError(outcome.status, outcome.code, outcome.message);
    const q = quote(product, body.customer_number, outcome.kind === 'success' ? outcome.months : 1);
    const inquiry = { id: `inq-${uuid()}`, product_id: product.id, customer_number: body.customer_number, quote: q };
    inquiries.set(inquiry.id, inquiry);
    return {
      status: 200,
      body: {
        data: {
          business_id: businessId,
          type: 'inquiry',
          id: inquiry.id,
          properties: { product_id: product.id, customer_number: body.customer_number, ...clone(q) },
        },
      },
    };
  }

  function settleBill(record: BillRecord, status: 'SUCCEEDED' | 'FAILED', failure?: { failure_code: string; failure_reason: string }) {
    const p = record.payment.properties;
    p.status = status;
    if (status === 'SUCCEEDED') {
      p.fulfilled_at = nowIso();
      p.payment_details = fulfilmentDetails(record.product, p.base_amount);
    } else {
      p.failure_code = failure?.failure_code ?? 'TRANSACTION_FAILED';
      p.failure_reason = failure?.failure_reason ?? 'The biller refused the transaction.';
    }
  }

  function payBill(raw: unknown): Reply {
    const body = check(BillPaymentRequest, raw);
    const product = productOf(body.product_id);
    if (billRefs.has(body.reference_id)) {
      throw new SimulatedError(409, 'DUPLICATE_REFERENCE_ID', `A payment with reference_id ${body.reference_id} already exists.`);
    }
    const outcome = plnOutcome(product, body.customer_number);
    if (outcome.kind === 'error') throw new SimulatedError(outcome.status, outcome.code, outcome.message);
    const months = outcome.kind === 'success' ? outcome.months : 1;
    let q: BillQuote;
    if (body.inquiry_id !== undefined) {
      const inquiry = inquiries.get(body.inquiry_id);
      if (inquiry && (inquiry.product_id !== product.id || inquiry.customer_number !== body.customer_number)) {
        throw validationError([{ path: 'inquiry_id', message: `was made for ${inquiry.product_id} / ${inquiry.customer_number}` }]);
      }
      // Unknown inquiry ids (e.g. the docs' inq-98765) are accepted: SIMULATOR_DECISIONS.unknownInquiryIdAccepted.
      q = inquiry ? inquiry.quote : quote(product, body.customer_number, months);
    } else {
      if (product.requires_inquiry && SIMULATOR_DECISIONS.requiresInquiryNeedsInquiryId) {
        throw validationError([{ path: 'inquiry_id', message: `is required for ${product.id}: make an inquiry first` }]);
      }
      q = quote(product, body.customer_number, months);
    }
    if (Math.abs(body.total_amount - q.total_amount) > 1e-9) {
      throw validationError([{ path: 'total_amount', message: `must be ${q.total_amount} (base ${q.base_amount} + admin ${q.admin_amount})` }]);
    }
    const payment: SimBillPayment = {
      business_id: businessId,
      type: 'payment',
      id: `trx-${uuid()}`,
      properties: {
        product_id: product.id,
        customer_number: body.customer_number,
        reference_id: body.reference_id,
        admin_amount: q.admin_amount,
        base_amount: q.base_amount,
        total_amount: q.total_amount,
        currency: q.currency,
        status: 'PENDING',
        fulfilled_at: null,
        failure_code: null,
        failure_reason: null,
        customer_details: clone(q.customer_details),
        product_details: clone(q.product_details),
        bill_details: clone(q.bill_details),
        payment_details: [],
      },
    };
    const record: BillRecord = { payment, product };
    bills.set(payment.id, record);
    billRefs.set(body.reference_id, payment.id);
    if (outcome.kind === 'fails-at-once') settleBill(record, 'FAILED', outcome);
    else if (outcome.kind === 'success' || outcome.kind === 'fails-later') {
      const gen = generation;
      scheduler.schedule(billSettleMs, () => {
        if (gen !== generation || payment.properties.status !== 'PENDING') return;
        if (outcome.kind === 'success') settleBill(record, 'SUCCEEDED');
        else settleBill(record, 'FAILED', outcome);
      });
    }
    return { status: 200, body: { data: clone(payment) } };
  }

  function createBillPayment(ctx: Ctx): Reply {
    const key = idempotencyKey(ctx);
    if (key === null || key.trim() === '') {
      throw validationError([{ path: 'Idempotency-Key', message: 'header is required' }], 'The Idempotency-Key header is required.');
    }
    const raw = parseJson(ctx.text);
    return idempotent(ctx, 'bill-payment', raw, () => payBill(raw));
  }

  function getBillPayment(ctx: Ctx): Reply {
    const record = bills.get(ctx.params[0]!);
    if (!record) throw notFound('Payment', ctx.params[0]!);
    return { status: 200, body: { data: clone(record.payment) } };
  }

  // ------------------------------------------------------------ checkout page

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
        ...(notice === undefined ? {} : { notice }),
      }),
    );
  }

  function checkoutPage(ctx: Ctx): Reply {
    const record = charges.get(ctx.params[0]!);
    if (!record) return html(404, renderMessagePage('Payment not found', 'This checkout link is not valid. Go back to the shop and try again.'));
    return renderPage(ctx, record, 200);
  }

  function checkoutAction(status: 'SUCCEEDED' | 'FAILED') {
    return (ctx: Ctx): Reply => {
      const record = charges.get(ctx.params[0]!);
      if (!record) return html(404, renderMessagePage('Payment not found', 'This checkout link is not valid. Go back to the shop and try again.'));
      if (record.charge.status !== 'PENDING') {
        return renderPage(ctx, record, 409, `This payment is already ${record.charge.status}; nothing was changed.`);
      }
      const charge = settleCharge(record.charge.id, status);
      const target = status === 'SUCCEEDED' ? charge.success_redirect_url : (charge.failure_redirect_url ?? charge.success_redirect_url);
      return new Response(null, { status: 303, headers: { location: target, 'cache-control': 'no-store' } });
    };
  }

  // ------------------------------------------------------------ routing

  const routes: RouteDef[] = [
    { id: 'customers.create', method: 'POST', segments: ['customers'], fault: 'customers', api: true, handler: createCustomer },
    { id: 'customers.list', method: 'GET', segments: ['customers'], fault: 'customers', api: true, handler: listCustomers },
    { id: 'customers.get', method: 'GET', segments: ['customers', ':id'], fault: 'customers', api: true, handler: getCustomer },
    { id: 'plans.create', method: 'POST', segments: ['paylater', 'plans'], fault: 'plans', api: true, handler: createPlans },
    { id: 'charges.create', method: 'POST', segments: ['paylater', 'charges'], fault: 'charges', api: true, handler: createCharge },
    { id: 'charges.get', method: 'GET', segments: ['paylater', 'charges', ':id'], fault: 'charge', api: true, handler: getCharge },
    { id: 'charges.cancel', method: 'POST', segments: ['paylater', 'charges', ':id', 'cancel'], fault: 'cancel', api: true, handler: cancelCharge },
    { id: 'refunds.create', method: 'POST', segments: ['paylater', 'charges', ':id', 'refunds'], fault: 'refunds', api: true, handler: createRefund },
    { id: 'refunds.get', method: 'GET', segments: ['paylater', 'charges', ':id', 'refunds', ':id'], fault: 'refunds', api: true, handler: getRefund },
    { id: 'products.list', method: 'GET', segments: ['bill-payments', 'v1', 'product'], fault: 'products', api: true, handler: listProducts },
    { id: 'inquiry.create', method: 'POST', segments: ['bill-payments', 'v1', 'inquiry'], fault: 'inquiry', api: true, handler: createInquiry },
    { id: 'payment.create', method: 'POST', segments: ['bill-payments', 'v1', 'payment'], fault: 'payment', api: true, handler: createBillPayment },
    { id: 'payment.get', method: 'GET', segments: ['bill-payments', 'v1', 'payment', ':id'], fault: 'payment', api: true, handler: getBillPayment },
    { id: 'checkout.page', method: 'GET', segments: ['checkout', ':id'], fault: 'checkout', api: false, handler: checkoutPage },
    { id: 'checkout.pay', method: 'POST', segments: ['checkout', ':id', 'pay'], fault: 'checkout', api: false, handler: checkoutAction('SUCCEEDED') },
    { id: 'checkout.cancel', method: 'POST', segments: ['checkout', ':id', 'cancel'], fault: 'checkout', api: false, handler: checkoutAction('FAILED') },
  ];

  function stripPrefix(pathname: string): string {
    for (const prefix of basePrefixes) {
      if (pathname === prefix) return '/';
      if (pathname.startsWith(`${prefix}/`)) return pathname.slice(prefix.length);
    }
    return pathname;
  }

  function matchRoute(method: string, path: string): { def: RouteDef; params: string[] } | undefined {
    let parts: string[];
    try {
      parts = path.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
    } catch {
      return undefined;
    }
    for (const def of routes) {
      if (def.method !== method || def.segments.length !== parts.length) continue;
      const params: string[] = [];
      const ok = def.segments.every((segment, i) => {
        if (segment.startsWith(':')) {
          params.push(parts[i]!);
          return true;
        }
        return segment === parts[i];
      });
      if (ok) return { def, params };
    }
    return undefined;
  }

  /** The channel a request concerns, for faults with `channel`. */
  function channelOf(def: RouteDef, params: string[], text: string): string | undefined {
    try {
      if (def.id === 'plans.create') return (JSON.parse(text) as { channel_code?: string }).channel_code;
      if (def.id === 'charges.create') {
        const planId = (JSON.parse(text) as { plan_id?: string }).plan_id;
        return planId ? plans.get(planId)?.plan.channel_code : undefined;
      }
    } catch {
      return undefined;
    }
    if (def.fault === 'charge' || def.fault === 'cancel' || def.fault === 'refunds' || def.fault === 'checkout') return charges.get(params[0]!)?.charge.channel_code;
    return undefined;
  }

  function authorize(headers: Headers): SimulatedError | undefined {
    const header = headers.get('authorization');
    const message = 'Use HTTP Basic auth with your secret API key as the user name and an empty password.';
    if (!header) return new SimulatedError(401, 'INVALID_API_KEY', `No API key was given. ${message}`);
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header.trim());
    let decoded: string | undefined;
    try {
      decoded = match ? atob(match[1]!) : undefined;
    } catch {
      decoded = undefined;
    }
    if (decoded !== expectedAuth) return new SimulatedError(401, 'INVALID_API_KEY', `The API key is invalid. ${message}`);
    return undefined;
  }

  function takeRate(def: RouteDef): { headers: Record<string, string>; refused: boolean } {
    if (!rateLimit) return { headers: {}, refused: false };
    const now = Date.now();
    const slot = `${secretKey}\u0000${def.id}`;
    const window = (rateWindows.get(slot) ?? []).filter((t) => t > now - rateLimit.windowMs);
    const refused = window.length >= rateLimit.limit;
    if (!refused) window.push(now);
    rateWindows.set(slot, window);
    const resetMs = window.length ? window[0]! + rateLimit.windowMs - now : 0;
    return {
      refused,
      headers: {
        'rate-limit-limit': String(rateLimit.limit),
        'rate-limit-remaining': String(Math.max(0, rateLimit.limit - window.length)),
        'rate-limit-reset': String(Math.max(0, Math.ceil(resetMs / 1000))),
      },
    };
  }

  function toResponse(reply: Reply): Response {
    return reply instanceof Response ? reply : json(reply.status, reply.body, reply.headers);
  }

  function errorResponse(error: unknown): Response {
    if (error instanceof SimulatedError) return xenditError(error.status, error.code, error.message, error.errors, error.headers);
    console.error('[xendit-simulator] route failed:', error);
    return xenditError(500, 'SERVER_ERROR', 'The simulator failed to handle this request.');
  }

  async function dispatch(def: RouteDef | undefined, ctx: Ctx): Promise<Response> {
    if (!def) {
      const d = SIMULATOR_DECISIONS.unknownRoute;
      return xenditError(d.status, d.error_code, `No such endpoint: ${ctx.method} ${ctx.path}`);
    }
    let extra: Record<string, string> = {};
    let response: Response;
    try {
      if (def.api) {
        const denied = authorize(ctx.headers);
        if (denied) throw denied;
        const rate = takeRate(def);
        extra = rate.headers;
        if (rate.refused) throw new SimulatedError(429, 'RATE_LIMIT_EXCEEDED', `Too many requests to ${ctx.method} ${ctx.path}; wait ${rate.headers['rate-limit-reset']} s.`);
      }
      response = toResponse(await def.handler(ctx));
    } catch (error) {
      response = errorResponse(error);
    }
    for (const [name, value] of Object.entries(extra)) response.headers.set(name, value);
    return response;
  }

  /** Waits `ms`; false when the client gave up first or the simulator closed. */
  function wait(ms: number, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve(false);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        holds.delete(release);
        resolve(ok);
      };
      const onAbort = () => done(false);
      const release = () => done(false);
      const timer = setTimeout(() => done(true), ms);
      signal.addEventListener('abort', onAbort, { once: true });
      holds.add(release);
    });
  }

  /** Resolves when the client gives up or the simulator closes. */
  function hold(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      // Like an open connection, a held request keeps a node process alive (the client's own
      // AbortSignal.timeout timer is unref'd), until the client gives up or close().
      const keepAlive = setInterval(() => undefined, 60_000);
      const release = () => {
        clearInterval(keepAlive);
        signal.removeEventListener('abort', release);
        holds.delete(release);
        resolve();
      };
      signal.addEventListener('abort', release, { once: true });
      holds.add(release);
    });
  }

  async function handle(request: Request): Promise<Outcome> {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const path = stripPrefix(url.pathname);
    const match = matchRoute(method, path);
    const requestId = uuid();
    const headers = request.headers;
    const recorded: Record<string, string> = {};
    for (const name of RECORDED_HEADERS) {
      const value = headers.get(name);
      if (value !== null) recorded[name] = value;
    }
    const entry: RecordedRequest = {
      at: nowIso(),
      method,
      path: `${path}${url.search}`,
      route: match?.def.fault ?? null,
      status: 0,
      requestId,
      idempotencyKey: headers.get('idempotency-key') ?? headers.get('x-idempotency-key'),
      headers: recorded,
      outcome: 'answered',
      faulted: false,
    };
    requestLog.push(entry);
    if (requestLog.length > MAX_RECORDS) requestLog.splice(0, requestLog.length - MAX_RECORDS);

    let text = '';
    if (method !== 'GET' && method !== 'HEAD') {
      try {
        text = await request.text();
      } catch {
        entry.outcome = 'aborted';
        return { kind: 'hang', released: Promise.resolve() };
      }
    }
    const ctx: Ctx = { request, url, method, path, params: match?.params ?? [], text, headers, routeId: match?.def.id ?? '' };

    let response: Response;
    const effect = match ? faults.take(match.def.fault, method, channelOf(match.def, match.params, text)) : undefined;
    if (effect) {
      entry.faulted = true;
      if (effect.latencyMs > 0 && !(await wait(effect.latencyMs, request.signal))) {
        entry.outcome = 'aborted';
        return { kind: 'hang', released: Promise.resolve() };
      }
    }
    const terminal = effect?.terminal;
    if (terminal?.kind === 'drop') {
      entry.outcome = 'dropped';
      return { kind: 'drop' };
    }
    if (terminal?.kind === 'timeout') {
      entry.outcome = 'timeout';
      return { kind: 'hang', released: hold(request.signal) };
    }
    if (terminal?.kind === 'malformed') {
      response = new Response('{"id":"plc_7f3e<html><body>502 Bad Gateway', { status: 200, headers: { 'content-type': 'application/json' } });
    } else if (terminal?.kind === 'status') {
      const extra: Record<string, string> = terminal.status === 429 ? { 'rate-limit-limit': String(rateLimit ? rateLimit.limit : 60), 'rate-limit-remaining': '0', 'rate-limit-reset': '1' } : {};
      response = xenditError(terminal.status, terminal.errorCode, `Simulated fault: ${terminal.status} ${terminal.errorCode}.`, undefined, extra);
    } else {
      response = await dispatch(match?.def, ctx);
    }
    response.headers.set('request-id', requestId);
    entry.status = response.status;
    return { kind: 'response', response };
  }

  const core: SimulatorCore = { handle };

  function stopBackground() {
    generation += 1;
    scheduler.cancelAll();
    for (const controller of deliveries) controller.abort(new Error('simulator closed'));
    deliveries.clear();
    for (const release of [...holds]) release();
  }

  function publicCharge(id: string, status: 'SUCCEEDED' | 'FAILED'): SimCharge {
    try {
      return settleCharge(id, status);
    } catch (error) {
      if (error instanceof SimulatedError) throw new Error(error.message);
      throw error;
    }
  }

  // Made when first asked for: only they need msw.
  let handlers: import('msw').HttpHandler[] | undefined;

  return {
    async fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      const outcome = await handle(request);
      if (outcome.kind === 'response') return outcome.response;
      if (outcome.kind === 'drop') throw new TypeError('fetch failed', { cause: new Error('the simulator dropped the connection') });
      await outcome.released;
      if (request.signal.aborted) throw request.signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
      throw new TypeError('fetch failed', { cause: new Error('the simulator closed before answering') });
    },
    get handlers() {
      return (handlers ??= createMswHandlers(core, [baseUrl, ...(checkoutBaseOption && checkoutBaseOption !== baseUrl ? [checkoutBaseOption] : [])]));
    },
    async listen(port = 0, host = '127.0.0.1') {
      if (server) throw new Error('The simulator is already listening at ' + server.url);
      server = await startNodeServer(core, port, host, () => [...holds].forEach((release) => release()));
      return { url: server.url };
    },
    async close() {
      stopBackground();
      const current = server;
      server = undefined;
      if (current) await current.close();
    },
    get url() {
      return server?.url;
    },
    setCallbackUrl(url: string | undefined) {
      if (url !== undefined) normaliseBase(url, 'callbackUrl');
      callbackUrl = url;
    },
    approveCharge: (id) => publicCharge(id, 'SUCCEEDED'),
    rejectCharge: (id) => publicCharge(id, 'FAILED'),
    settleBillPayment(id, status) {
      const record = bills.get(id);
      if (!record) throw new Error(`Bill payment ${id} was not found.`);
      if (record.payment.properties.status !== 'PENDING') throw new Error(`Bill payment ${id} is ${record.payment.properties.status}, not PENDING.`);
      settleBill(record, status);
      return clone(record.payment);
    },
    injectFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    customers: () => [...customers.values()].filter((c) => !c.fixture).map((c) => clone(c.json)),
    plans: () => [...plans.values()].filter((p) => !p.fixture).map((p) => clone(p.plan)),
    charges: () => [...charges.values()].map((c) => clone(c.charge)),
    refunds: () => [...refunds.values()].map((r) => clone(r)),
    billPayments: () => [...bills.values()].map((b) => clone(b.payment)),
    requests: () => clone(requestLog),
    callbacks: () => clone(callbackLog),
    whenIdle: () => scheduler.whenIdle(),
    flush: () => scheduler.flush(),
    reset() {
      stopBackground();
      faults.clear();
      customers.clear();
      customerRefs.clear();
      plans.clear();
      charges.clear();
      refunds.clear();
      inquiries.clear();
      bills.clear();
      billRefs.clear();
      idempotency.clear();
      rateWindows.clear();
      requestLog = [];
      callbackLog = [];
      loadFixtures();
    },
  };
}
