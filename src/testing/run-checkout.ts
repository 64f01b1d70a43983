/**
 * `runCheckout`: one whole PayLater checkout against a merchant's own companion, for the merchant's
 * tests: plans → charge → the shopper pays (or cancels) on the provider's page → Xendit's callback
 * reaches the companion → what the return page's status shows. It speaks to the companion only
 * over its public routes, with fetch (no msw, nothing from `node:`), as the widget and Xendit do.
 */
import {
  parseChargeResponse,
  parseErrorBody,
  parsePlansResponse,
  parseStatusResponse,
  type AvailableProvider,
  type ChargeResponseBody,
  type PlansResponseBody,
  type StatusResponseBody,
} from '../contract/index.js';
import { callbackAnswer } from './simulator/idle.js';
import type { RecordedCallback, XenditSimulatorBase } from './simulator/types.js';

export interface RunCheckoutOptions {
  /**
   * The simulator the companion's `baseUrl` points at. Its callbacks must reach the companion:
   * `callbackUrl: '<endpoint>/webhooks/xendit'` (or `setCallbackUrl` once the shop listens).
   */
  simulator: XenditSimulatorBase;
  /** Where the companion is mounted, absolute: the widget's `endpoint`, e.g. `http://127.0.0.1:3000/paylater`. */
  endpoint: string;
  /** The checkout handle the widget sends (`<paylater-checkout checkout="cart_42">`). */
  checkout: string;
  /** The provider to pay with (`ID_KREDIVO`, …). Default: the first one the companion offers. */
  channel?: string;
  /** What the shopper does on the provider's page: pay (`SUCCEEDED`, the default) or cancel (`FAILED`). */
  outcome?: 'SUCCEEDED' | 'FAILED';
  /** Sent as `Origin`, as a browser on your shop's pages does. Default: none, as from a server. */
  origin?: string;
  /** Headers for every request to the companion, e.g. the session cookie your `resolveCheckout` checks. */
  headers?: Record<string, string>;
  /** How long to wait for the callback's delivery (`whenIdle`'s `timeoutMs`). Default 10 000 ms. */
  timeoutMs?: number;
  /** Calls the companion. Default: the global fetch. `(url, init) => companion.fetch(new Request(url, init))` needs no port. */
  fetch?: typeof fetch;
}

/** What happened, step by step, as the shopper's browser and Xendit saw it. */
export interface CheckoutRun {
  /** `POST {endpoint}/plans`'s answer. */
  plans: PlansResponseBody;
  /** The provider paid with. */
  provider: AvailableProvider;
  /** `POST {endpoint}/charges`'s answer. */
  charge: ChargeResponseBody;
  /** `GET {endpoint}/status` once the callback was delivered: what `<paylater-status>` shows. */
  status: StatusResponseBody;
  /** Every callback attempt the simulator made for this charge (the last one delivered). */
  callbacks: RecordedCallback[];
}

/**
 * Runs one whole checkout against your companion, over HTTP, and returns what happened. Throws an
 * Error that says which step failed and why: an error answer of a route (its code and message), a
 * provider not offered, a callback your companion refused (with its answer: 401 means the
 * `callbackToken`s differ), or a callback never sent.
 */
export async function runCheckout(options: RunCheckoutOptions): Promise<CheckoutRun> {
  const { simulator, checkout, channel, outcome = 'SUCCEEDED' } = options;
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.origin) headers.origin = options.origin;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const url = `${endpoint}${path}`;
    const response = await fetchImpl(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`runCheckout: ${method} ${url} answered ${response.status} with a body that is not JSON (is the companion mounted at ${endpoint}?)`);
    }
    if (!response.ok) {
      const error = parseErrorBody(json);
      throw new Error(`runCheckout: ${method} ${url} answered ${response.status}${error ? ` ${error.code}: ${error.message}` : ''}`);
    }
    return json;
  }

  const plans = (await call('POST', '/plans', { checkout })) as PlansResponseBody;
  parsePlansResponse(plans);
  const offered = plans.providers.map((p) => p.channel_code).join(', ') || 'none';
  const chosen = channel ? plans.providers.find((p) => p.channel_code === channel) : plans.providers.find((p) => p.available);
  if (!chosen) {
    throw new Error(channel ? `runCheckout: ${channel} is not among the providers offered for checkout "${checkout}" (${offered})` : `runCheckout: no provider is available for checkout "${checkout}" (${offered})`);
  }
  if (!chosen.available) throw new Error(`runCheckout: ${chosen.channel_code} is not available for checkout "${checkout}": ${chosen.reason.code}`);
  const provider = chosen;

  const charge = (await call('POST', '/charges', { quote: plans.quote, plan_id: provider.plan_id })) as ChargeResponseBody;
  parseChargeResponse(charge);

  // The shopper presses "Pay" (or "Cancel") on the provider's page.
  try {
    if (outcome === 'SUCCEEDED') simulator.approveCharge(charge.charge_id);
    else simulator.rejectCharge(charge.charge_id);
  } catch (error) {
    throw new Error(`runCheckout: the simulator cannot settle charge ${charge.charge_id} (${(error as Error).message}); is the companion's baseUrl this simulator's URL?`, { cause: error });
  }
  await simulator.whenIdle(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs });

  const callbacks = simulator.callbacks().filter((c) => c.chargeId === charge.charge_id && c.refundId === null && c.status === outcome);
  if (!callbacks.some((c) => c.outcome === 'delivered')) {
    const last = callbacks.at(-1);
    if (!last) {
      throw new Error(`runCheckout: the simulator sent no callback for charge ${charge.charge_id}: give it \`callbackUrl: '${endpoint}/webhooks/xendit'\` (or call simulator.setCallbackUrl once the shop listens)`);
    }
    throw new Error(`runCheckout: the ${outcome} callback for charge ${charge.charge_id} was not delivered to ${last.url} (${callbacks.length} attempt${callbacks.length === 1 ? '' : 's'}), last answer ${callbackAnswer(last)}`);
  }

  const status = (await call('GET', `/status?token=${encodeURIComponent(charge.status_token)}`)) as StatusResponseBody;
  parseStatusResponse(status);
  return { plans, provider, charge, status, callbacks };
}
