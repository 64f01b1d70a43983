/** Fault injection: which requests a fault hits, and what it does to them. */

/** Route names a fault can target. `method` narrows further (e.g. `payment` + GET = polling). */
export const FAULT_ROUTES = [
  'customers', // POST /customers, GET /customers?reference_id=, GET /customers/{id}
  'plans', // POST /paylater/plans
  'charges', // POST /paylater/charges
  'charge', // GET /paylater/charges/{id}
  'cancel', // POST /paylater/charges/{id}/cancel
  'refunds', // POST /paylater/charges/{id}/refunds, GET .../refunds, GET .../refunds/{refund_id}
  'products', // GET /bill-payments/v1/product
  'inquiry', // POST /bill-payments/v1/inquiry
  'payment', // POST /bill-payments/v1/payment, GET /bill-payments/v1/payment/{id}
  'checkout', // the provider checkout page (GET and its POST buttons)
] as const;
export type FaultRoute = (typeof FAULT_ROUTES)[number];

export interface FaultSpec {
  /** Only requests to this route (default: every route). */
  route?: FaultRoute;
  /** Only this HTTP method (case-insensitive). */
  method?: string;
  /** Only this PayLater channel: the `channel_code` of a plans body, or the channel of the plan/charge concerned. */
  channel?: string;
  /** Wait this long before answering (or before the other fault). */
  latencyMs?: number;
  /** Answer this HTTP status with a Xendit error body. */
  status?: number;
  /** The `error_code` for `status` (default: a usual one for the status). */
  errorCode?: string;
  /** Never answer (until the client gives up, or `close()`). */
  timeout?: true;
  /** Answer 200 with a body that is not JSON. */
  malformed?: true;
  /** Drop the connection without an answer. */
  drop?: true;
  /**
   * Carry the request out, then drop the connection instead of answering: the answer is lost on
   * its way back, and the caller cannot tell whether it was done (a bill bought, a charge made).
   */
  answerLost?: true;
  /**
   * With `route: 'refunds'`: the refund is created as usual (200, PENDING) but settles FAILED with
   * this `failure_code` (xendit-java `PaylaterEnum.RefundFailureReason`: INSUFFICIENT_BALANCE,
   * REFUND_FAILED). Matches refund creations (POST) only.
   */
  refundFailure?: string;
  /** Affect only the next N matching requests (default: all until removed). */
  times?: number;
}

export interface FaultHandle {
  remove(): void;
}

/** What happens to one request after the matching faults are combined. */
export interface FaultEffect {
  latencyMs: number;
  /** The refund made by this request settles FAILED with this code. */
  refundFailure?: string;
  terminal?: { kind: 'status'; status: number; errorCode: string } | { kind: 'timeout' } | { kind: 'malformed' } | { kind: 'drop' } | { kind: 'lost' };
}

const DEFAULT_CODES: Record<number, string> = {
  400: 'API_VALIDATION_ERROR',
  401: 'INVALID_API_KEY',
  403: 'REQUEST_FORBIDDEN_ERROR',
  404: 'DATA_NOT_FOUND',
  409: 'DUPLICATE_ERROR',
  429: 'RATE_LIMIT_EXCEEDED',
  500: 'SERVER_ERROR',
  502: 'SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
  504: 'SERVER_ERROR',
};

export function defaultErrorCode(status: number, route: FaultRoute | undefined): string {
  if (status === 503 && (route === 'plans' || route === 'charges')) return 'CHANNEL_UNAVAILABLE';
  if (status === 503 && (route === 'inquiry' || route === 'payment')) return 'BILLER_MAINTENANCE';
  if (status === 504 && (route === 'inquiry' || route === 'payment')) return 'BILLER_TIMEOUT';
  if (status === 502 && (route === 'inquiry' || route === 'payment')) return 'BILLER_ERROR';
  return DEFAULT_CODES[status] ?? (status >= 500 ? 'SERVER_ERROR' : 'API_VALIDATION_ERROR');
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

export class FaultRegistry {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): FaultHandle {
    validate(spec);
    const fault: ActiveFault = { spec: { ...spec }, remaining: spec.times ?? Number.POSITIVE_INFINITY };
    this.faults.push(fault);
    return { remove: () => this.remove(fault) };
  }

  clear(): void {
    this.faults = [];
  }

  get size(): number {
    return this.faults.length;
  }

  /** Combines every matching fault (latencies add up; the first terminal one wins) and uses up one of each's `times`. */
  take(route: FaultRoute, method: string, channel: string | undefined): FaultEffect | undefined {
    const matching = this.faults.filter((f) => matches(f.spec, route, method, channel));
    if (matching.length === 0) return undefined;
    const effect: FaultEffect = { latencyMs: 0 };
    for (const fault of matching) {
      const s = fault.spec;
      effect.latencyMs += s.latencyMs ?? 0;
      if (s.refundFailure !== undefined) effect.refundFailure ??= s.refundFailure;
      if (!effect.terminal) {
        if (s.drop) effect.terminal = { kind: 'drop' };
        else if (s.answerLost) effect.terminal = { kind: 'lost' };
        else if (s.timeout) effect.terminal = { kind: 'timeout' };
        else if (s.malformed) effect.terminal = { kind: 'malformed' };
        else if (s.status !== undefined) effect.terminal = { kind: 'status', status: s.status, errorCode: s.errorCode ?? defaultErrorCode(s.status, route) };
      }
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.remove(fault);
    }
    return effect;
  }

  private remove(fault: ActiveFault) {
    this.faults = this.faults.filter((f) => f !== fault);
  }
}

function matches(spec: FaultSpec, route: FaultRoute, method: string, channel: string | undefined): boolean {
  if (spec.route !== undefined && spec.route !== route) return false;
  if (spec.method !== undefined && spec.method.toUpperCase() !== method.toUpperCase()) return false;
  if (spec.channel !== undefined && spec.channel !== channel) return false;
  if (spec.refundFailure !== undefined && method.toUpperCase() !== 'POST') return false;
  return true;
}

function validate(spec: FaultSpec) {
  if (!spec || typeof spec !== 'object') throw new TypeError('injectFault: expected a fault spec object.');
  if (spec.route !== undefined && !(FAULT_ROUTES as readonly string[]).includes(spec.route)) {
    throw new TypeError(`injectFault: unknown route "${spec.route}" (known: ${FAULT_ROUTES.join(', ')}).`);
  }
  if (spec.latencyMs !== undefined && !(Number.isFinite(spec.latencyMs) && spec.latencyMs >= 0)) throw new TypeError('injectFault: `latencyMs` must be a number ≥ 0.');
  if (spec.status !== undefined && !(Number.isInteger(spec.status) && spec.status >= 100 && spec.status <= 599)) throw new TypeError('injectFault: `status` must be an HTTP status (100–599).');
  if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times >= 1)) throw new TypeError('injectFault: `times` must be an integer ≥ 1.');
  const terminals = [spec.status !== undefined, spec.timeout === true, spec.malformed === true, spec.drop === true, spec.answerLost === true].filter(Boolean).length;
  if (terminals > 1) throw new TypeError('injectFault: give at most one of `status`, `timeout`, `malformed`, `drop`, `answerLost`.');
  if (spec.refundFailure !== undefined) {
    if (spec.route !== 'refunds') throw new TypeError("injectFault: `refundFailure` needs `route: 'refunds'`.");
    if (typeof spec.refundFailure !== 'string' || !/^[A-Z][A-Z_]*$/.test(spec.refundFailure)) throw new TypeError('injectFault: `refundFailure` must be an upper-case failure code such as INSUFFICIENT_BALANCE.');
    if (terminals > 0) throw new TypeError('injectFault: `refundFailure` lets the request through; do not combine it with `status`, `timeout`, `malformed`, `drop` or `answerLost`.');
    return;
  }
  if (terminals === 0 && !spec.latencyMs) throw new TypeError('injectFault: the fault does nothing (give `latencyMs`, `status`, `timeout`, `malformed`, `drop`, `answerLost` or `refundFailure`).');
}
