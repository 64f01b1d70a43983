/**
 * The router: matches a request to a route, applies auth, rate limits and injected faults, runs the
 * route and records the exchange. Returns the core (`handle(Request) → Outcome`) that every face
 * (fetch, msw, node:http) drives; it imports no face.
 */
import { SIMULATOR_DECISIONS } from '../decisions.js';
import { clone, json, nowIso, SimulatedError, uuid, xenditError } from '../responses.js';
import { createCallbacks } from './callbacks.js';
import { RECORDED_HEADERS, type Ctx, type Reply, type RouteDef, type Sim } from './context.js';
import { billRoutes } from './routes/bills.js';
import { customerRoutes } from './routes/customers.js';
import { pageRoutes } from './routes/pages.js';
import { paylaterRoutes } from './routes/paylater.js';
import { refundRoutes } from './routes/refunds.js';
import type { Outcome, RecordedRequest, SimulatorCore } from './types.js';

export function createRouter(sim: Sim) {
  const { plans, charges, faults, holds, rateLimit, secretKey, expectedAuth, rateWindows, basePrefixes } = sim;
  const { sendCallback, sendBillCallback } = createCallbacks(sim);
  const { createCustomer, listCustomers, getCustomer } = customerRoutes(sim);
  const { createPlans, createCharge, chargeOf, getCharge, cancelCharge, settleCharge, paylaterIdempotent } = paylaterRoutes(sim, sendCallback);
  const { createRefund, startRefund, listRefunds, getRefund } = refundRoutes(sim, sendCallback, chargeOf, paylaterIdempotent);
  const { listProducts, createInquiry, createBillPayment, getBillPayment, settleBill } = billRoutes(sim, sendBillCallback);
  const { checkoutPage, checkoutAction } = pageRoutes(sim, sendCallback, settleCharge, startRefund);

  const routes: RouteDef[] = [
    { id: 'customers.create', method: 'POST', segments: ['customers'], fault: 'customers', api: true, handler: createCustomer },
    { id: 'customers.list', method: 'GET', segments: ['customers'], fault: 'customers', api: true, handler: listCustomers },
    { id: 'customers.get', method: 'GET', segments: ['customers', ':id'], fault: 'customers', api: true, handler: getCustomer },
    { id: 'plans.create', method: 'POST', segments: ['paylater', 'plans'], fault: 'plans', api: true, handler: createPlans },
    { id: 'charges.create', method: 'POST', segments: ['paylater', 'charges'], fault: 'charges', api: true, handler: createCharge },
    { id: 'charges.get', method: 'GET', segments: ['paylater', 'charges', ':id'], fault: 'charge', api: true, handler: getCharge },
    { id: 'charges.cancel', method: 'POST', segments: ['paylater', 'charges', ':id', 'cancel'], fault: 'cancel', api: true, handler: cancelCharge },
    { id: 'refunds.create', method: 'POST', segments: ['paylater', 'charges', ':id', 'refunds'], fault: 'refunds', api: true, handler: createRefund },
    { id: 'refunds.list', method: 'GET', segments: ['paylater', 'charges', ':id', 'refunds'], fault: 'refunds', api: true, handler: listRefunds },
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
    if (decoded !== expectedAuth) {
      // Basic auth done right with another key (the companion's own, the simulator made without
      // it): say which key this simulator takes, never the key itself.
      const other = decoded?.endsWith(':') && decoded.length > 1;
      return new SimulatedError(401, 'INVALID_API_KEY', other ? 'The API key is not this simulator\u2019s: make it with the key your code uses, createXenditSimulator({ secretKey }) (without one it takes only its own default key).' : `The API key is invalid. ${message}`);
    }
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
    sim.requestLog.push(entry);
    if (sim.requestLog.length > sim.maxRecords) sim.requestLog.splice(0, sim.requestLog.length - sim.maxRecords);

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
    if (effect?.refundFailure !== undefined) ctx.refundFailure = effect.refundFailure;
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
      if (terminal?.kind === 'lost') {
        // Carried out; the answer never reaches the caller.
        entry.status = response.status;
        entry.outcome = 'dropped';
        return { kind: 'drop' };
      }
    }
    response.headers.set('request-id', requestId);
    entry.status = response.status;
    return { kind: 'response', response };
  }

  const core: SimulatorCore = { handle };

  return { core, settleCharge, settleBill };
}
