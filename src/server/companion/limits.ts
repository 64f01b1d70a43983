/**
 * Bounded work per shopper: fixed-window request counts kept in the store (so they hold across
 * instances), per client on every shopper route and per order on the ones that cost Xendit calls.
 * Over the limit: 429 `RATE_LIMITED` with `Retry-After`, before any work is done.
 */
import { CompanionError } from '../errors.js';
import type { Logger } from '../logger.js';
import { increment, type Store } from '../store.js';

/** What the adapter knows about the connection (`toNodeHandler` passes the socket's address). */
export interface ClientInfo {
  clientAddress?: string | undefined;
}

/**
 * Names the client a request comes from, for the per-client limits. A function, or a header that
 * your own proxy sets (`{ header: 'x-forwarded-for', hops: 1 }`: the address `hops` entries from
 * the right, i.e. the one your outermost trusted proxy saw). Default: the socket address.
 */
export type ClientKeyOption = ((request: Request, info: ClientInfo) => string | null | undefined) | { header: string; hops?: number };

/** Requests per minute. `false` turns every limit off (for a load test, or when a gateway in front already limits). */
export interface RateLimitOptions {
  /**
   * Per client and route. Default: plans 60, charges 30, status 240, terms 300, bills/inquiry 10,
   * bills/products 60. `terms` costs no Xendit call (it is derived once per refresh period) and a
   * page asks for it once for all its messages; its limit is loose because shoppers behind one
   * carrier's address share it.
   */
  perClient?: Partial<Record<LimitedRoute, number>>;
  /** Per order (`reference_id`) and route. Default: plans 30, charges 30. */
  perOrder?: Partial<Record<'plans' | 'charges', number>>;
}

export type LimitedRoute = 'plans' | 'charges' | 'status' | 'terms' | 'bills/inquiry' | 'bills/products';

export const DEFAULT_RATE_LIMITS = {
  perClient: { plans: 60, charges: 30, status: 240, terms: 300, 'bills/inquiry': 10, 'bills/products': 60 },
  perOrder: { plans: 30, charges: 30 },
} as const satisfies Required<RateLimitOptions>;

const WINDOW_MS = 60_000;

export interface Limiter {
  /** Counts a request of `client` on `route`; throws 429 when over the limit. */
  client(route: string, request: Request, info: ClientInfo): Promise<void>;
  /** Counts a request for an order on `route`; throws 429 when over the limit. */
  order(route: 'plans' | 'charges', referenceId: string): Promise<void>;
}

export function createLimiter(store: Store, logger: Logger, options: RateLimitOptions | false | undefined, clientKey: ClientKeyOption | undefined): Limiter {
  if (options === false) return { client: async () => {}, order: async () => {} };
  const perClient: Partial<Record<string, number>> = { ...DEFAULT_RATE_LIMITS.perClient, ...options?.perClient };
  const perOrder: Partial<Record<string, number>> = { ...DEFAULT_RATE_LIMITS.perOrder, ...options?.perOrder };
  const identify = keyFunction(clientKey);
  const warned = new Set<string>();
  const warnOnce = (what: string, message: string) => {
    if (warned.has(what)) return;
    warned.add(what);
    logger.warn(message);
  };

  async function count(scope: string, id: string, limit: number | undefined): Promise<void> {
    if (limit === undefined || !(limit > 0)) return;
    const window = Math.floor(Date.now() / WINDOW_MS);
    const seen = await increment(store, `rate:${scope}:${id}:${window}`, { ttlMs: WINDOW_MS, cache: true });
    if (seen <= limit) return;
    const seconds = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - Date.now()) / 1000));
    throw new CompanionError(429, 'RATE_LIMITED', 'Too many requests. Please try again shortly.', { 'retry-after': String(seconds) });
  }

  return {
    async client(route, request, info) {
      const limit = perClient[route];
      if (limit === undefined) return;
      const id = identify(request, info);
      if (!id) {
        warnOnce('no-client', 'rate limits per client are off: the companion does not know the client address (pass it as companion.fetch(request, { clientAddress }), as toNodeHandler does; or `clientKey` to createCompanion, e.g. { header: "x-forwarded-for" } behind your proxy)');
        return;
      }
      if (!clientKey && request.headers.has('x-forwarded-for') && isPrivate(id)) {
        warnOnce('proxy', `requests come through a proxy (${id}), so every shopper shares one rate limit: set \`clientKey: { header: 'x-forwarded-for' }\` in createCompanion when your proxy sets that header`);
      }
      await count(`client:${route}`, id, limit);
    },
    order: (route, referenceId) => count(`order:${route}`, referenceId, perOrder[route]),
  };
}

function keyFunction(option: ClientKeyOption | undefined): (request: Request, info: ClientInfo) => string | null | undefined {
  if (typeof option === 'function') return option;
  if (option) {
    const header = option.header.toLowerCase();
    const hops = Math.max(1, option.hops ?? 1);
    return (request, info) => {
      const entries = (request.headers.get(header) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      // The right-most entries were added by your own proxies; anything left of them the client may have forged.
      return entries[entries.length - hops] ?? info.clientAddress;
    };
  }
  return (_request, info) => info.clientAddress;
}

function isPrivate(address: string): boolean {
  const ip = address.replace(/^::ffff:/, '');
  return /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|::1$|f[cd])/i.test(ip);
}
