/**
 * Companion options: what the merchant passes to `createCompanion`, checked once at construction
 * with clear messages (no secret ever appears in one), and every default in one place.
 */
import * as z from 'zod';
import { isHttpUrl } from '../../contract/index.js';
import { ORDER_ITEM_TYPES, PAYLATER_CHANNELS } from '../../xendit/schemas.js';
import type { Store } from '../store.js';
import type { Logger } from '../logger.js';
import type { BillOptions } from '../bills/model.js';
import type { ClientKeyOption, RateLimitOptions } from './limits.js';
import type { PaymentEvent, TrustedOrder } from './order.js';
import type { PreviewOptions } from './terms/engine.js';
import { secretKeyMode } from './startup.js';

const DAY = 24 * 60 * 60_000;

/** Every default of the companion, in one place. */
export const DEFAULTS = {
  xenditTimeoutMs: 15_000,
  /**
   * How long a charge creation waits for Xendit's answer. Longer than `xenditTimeoutMs` on purpose:
   * a charge request given up on may still be carried out by Xendit, and the shopper's retry would
   * then make a second charge (Xendit is not known to honour Idempotency-Key on /paylater).
   */
  chargeTimeoutMs: 60_000,
  xenditMaxRetries: 2,
  channelTimeoutMs: 8_000,
  quoteTtlMs: 15 * 60_000,
  plansCacheTtlMs: 60_000,
  maxBodyBytes: 16 * 1024,
  maxWebhookBytes: 256 * 1024,
  statusRefreshMs: 2_000,
  /**
   * A shopper's request never waits longer than this for a retry of a Xendit call (a 429's
   * `Rate-Limit-Reset` included): it answers at once and the shopper tries again.
   */
  shopperRetryWaitMs: 1_500,
  /** Durable records (orders, charges, status tokens, event markers, bill payments) live this long. */
  recordTtlMs: 30 * DAY,
  /** Xendit customer ids are cached this long. */
  customerTtlMs: 30 * DAY,
  /** An order's lock frees this soon after its holder died (it is renewed while the holder works). */
  orderLockTtlMs: 15_000,
  /** How long a request waits for an order's lock before answering 503 (a callback is then retried). */
  orderLockWaitMs: 25_000,
} as const;

/**
 * Hosts of the providers' checkout pages (and Xendit's own test-mode pages). A charge whose
 * checkout URL is not https on one of these (or a subdomain) never reaches the shopper; the
 * `checkoutHosts` option adds more. The seed shows `pay-sandbox.kredivo.com`; the rest are the
 * providers' own domains (OPEN: one list, easy to extend).
 */
export const KNOWN_CHECKOUT_HOSTS = [
  'xendit.co',
  'kredivo.com',
  'kredivo.id',
  'akulaku.com',
  'akulaku.net',
  'atome.id',
  'atome.sg',
  'apaylater.com',
  'indodana.com',
  'indodana.id',
  'uangme.id',
  'uangme.com',
  'billease.ph',
  'cashalo.com',
] as const;

/** Channel limits: currency and min/max amount (XENDIT_API.md; treat as configuration). */
export interface ChannelLimits {
  currency: string;
  min: number;
  max: number;
}

export const DEFAULT_CHANNEL_LIMITS: Record<string, ChannelLimits> = {
  ID_KREDIVO: { currency: 'IDR', min: 1_000, max: 30_000_000 },
  ID_AKULAKU: { currency: 'IDR', min: 1_000, max: 25_000_000 },
  ID_INDODANA: { currency: 'IDR', min: 10_000, max: 25_000_000 },
  ID_ATOME: { currency: 'IDR', min: 50_000, max: 6_000_000 },
  ID_UANGME: { currency: 'IDR', min: 20_000, max: 20_000_000 },
  PH_BILLEASE: { currency: 'PHP', min: 50, max: 150_000 },
  PH_CASHALO: { currency: 'PHP', min: 1_000, max: 50_000 },
};

export interface CompanionOptions {
  /**
   * Xendit secret API key: `xnd_development_…` (test mode) or `xnd_production_…` (live mode). Any
   * other key is refused at construction. Stays in the server.
   */
  secretKey: string;
  /** The callback verification token from the Xendit dashboard (`x-callback-token`). */
  callbackToken: string;
  /** At least 32 characters; signs quotes. Keep it secret and the same on every instance. */
  signingSecret: string;
  /** The return page (absolute http(s) URL) where `<paylater-status>` runs. */
  returnUrl: string;
  /** Turns the widget's `checkout` handle into the trusted order, or `null` when unknown. */
  resolveCheckout: (request: Request, checkout: string) => Promise<TrustedOrder | null> | TrustedOrder | null;
  /** Runs once per charge and status; throw to have Xendit deliver the callback again. */
  onPaymentEvent?: (event: PaymentEvent) => void | Promise<void>;
  /** Xendit API base URL (the simulator's in tests). */
  baseUrl?: string;
  store?: Store;
  /**
   * Origins whose pages may call the companion from a browser, besides `returnUrl`'s origin (the
   * shop's own). The companion never takes its own origin from the request's `Host` header.
   */
  allowedOrigins?: string[];
  /**
   * Requests per minute, per client and per order, kept in `store` (so they hold across
   * instances). Over a limit: 429 `RATE_LIMITED` with `Retry-After`. `false` turns them off.
   */
  rateLimits?: RateLimitOptions | false;
  /**
   * Names the client for the per-client limits. Default: the socket address that
   * `toNodeHandler` passes. Behind your own proxy: `{ header: 'x-forwarded-for' }` (or a
   * function of the request).
   */
  clientKey?: ClientKeyOption;
  /** Channels to offer (default: all known); order `channels` narrow it further. */
  channels?: string[];
  channelLimits?: Record<string, ChannelLimits>;
  logger?: Partial<Logger>;
  forUserId?: string;
  /** fetch used for Xendit calls (default: global). */
  fetch?: typeof fetch;
  /** Per-attempt time limit for Xendit calls. Default 15 000 ms. */
  xenditTimeoutMs?: number;
  /**
   * Per-attempt time limit for creating a charge at Xendit (at least `xenditTimeoutMs`). Default
   * 60 000 ms. The companion waits this long rather than give up on a request Xendit may still carry
   * out: meanwhile the shopper's retry waits for the order's lock and then gets that same charge.
   */
  chargeTimeoutMs?: number;
  xenditMaxRetries?: number;
  /** Time limit for one channel's plans, retries included. Default 8 000 ms. */
  channelTimeoutMs?: number;
  /** How long a quote is valid. Default 15 minutes. */
  quoteTtlMs?: number;
  /** How long plans are cached per order and amount. Default 60 s. */
  plansCacheTtlMs?: number;
  /** Largest request body accepted, bytes. Default 16 KiB (webhooks: 256 KiB). */
  maxBodyBytes?: number;
  /** Status refresh from Xendit at most this often per charge while pending. Default 2 000 ms. */
  statusRefreshMs?: number;
  /** Enables paying Xendit Bill Payments (PLN) with PayLater: routes `bills/products`, `bills/inquiry`. */
  bills?: BillOptions;
  /**
   * More hosts a charge's checkout URL may point at (https only), besides the known providers'
   * (`KNOWN_CHECKOUT_HOSTS`). The host of `baseUrl` is allowed too, so the simulator works.
   */
  checkoutHosts?: string[];
  /**
   * Whose plans `GET {base}/terms` reads the providers' terms from: a preview customer created once
   * (`customer`, default `DEFAULT_PREVIEW_CUSTOMER`), the probe's order item, and how long the
   * terms stay fresh (`refreshMs`, default 6 hours).
   */
  preview?: PreviewOptions;
}

const urlString = z.string().refine(isHttpUrl, 'must be an absolute http(s) URL');

const OptionsSchema = z.object({
  secretKey: z.string({ error: '`secretKey` is required (your Xendit secret API key)' }).min(1, '`secretKey` is required'),
  callbackToken: z.string({ error: '`callbackToken` is required (Xendit dashboard → Callbacks → verification token)' }).min(1, '`callbackToken` is required'),
  signingSecret: z.string({ error: '`signingSecret` is required' }).min(32, '`signingSecret` must be at least 32 characters'),
  returnUrl: urlString,
  resolveCheckout: z.custom<CompanionOptions['resolveCheckout']>((v) => typeof v === 'function', '`resolveCheckout` must be a function'),
  onPaymentEvent: z.custom<NonNullable<CompanionOptions['onPaymentEvent']>>((v) => typeof v === 'function').optional(),
  baseUrl: urlString.optional(),
  allowedOrigins: z.array(urlString).optional(),
  rateLimits: z
    .union([
      z.literal(false),
      z.object({
        perClient: z.partialRecord(z.enum(['plans', 'charges', 'status', 'terms', 'bills/inquiry', 'bills/products']), z.number().int().nonnegative()).optional(),
        perOrder: z.partialRecord(z.enum(['plans', 'charges']), z.number().int().nonnegative()).optional(),
      }).strict(),
    ], { error: '`rateLimits` must be false or { perClient?, perOrder? } with requests per minute by route (plans, charges, status, terms, bills/inquiry, bills/products)' })
    .optional(),
  clientKey: z
    .union([
      z.custom<(...args: unknown[]) => unknown>((v) => typeof v === 'function'),
      z.object({ header: z.string().regex(/^[a-z0-9-]+$/i, 'must be a header name'), hops: z.number().int().positive().optional() }),
    ], { error: '`clientKey` must be a function or { header, hops? }' })
    .optional(),
  channels: z.array(z.string().min(1)).min(1).optional(),
  quoteTtlMs: z.number().positive().optional(),
  plansCacheTtlMs: z.number().nonnegative().optional(),
  maxBodyBytes: z.number().int().positive().optional(),
  channelTimeoutMs: z.number().positive().optional(),
  xenditTimeoutMs: z.number().positive().optional(),
  chargeTimeoutMs: z.number().positive().optional(),
  xenditMaxRetries: z.number().int().nonnegative().optional(),
  statusRefreshMs: z.number().nonnegative().optional(),
  checkoutHosts: z.array(z.string().regex(/^[a-z0-9.-]+(:\d+)?$/i, 'must be host names such as pay.example.com')).optional(),
  preview: z
    .object({
      // Checked against the order's customer rules when the companion starts (terms/engine.ts).
      customer: z.unknown().optional(),
      item: z
        .object({ type: z.enum(ORDER_ITEM_TYPES).optional(), name: z.string().min(1).max(255).optional(), url: urlString.optional(), category: z.string().min(1).max(255).optional() })
        .strict()
        .optional(),
      refreshMs: z.number().positive().optional(),
    })
    .strict()
    .optional(),
  bills: z
    .object({
      customer: z.custom<BillOptions['customer']>((v) => typeof v === 'function', '`bills.customer` must be a function'),
      itemUrl: urlString,
    })
    .loose()
    .optional(),
});

export function checkOptions(options: CompanionOptions) {
  const parsed = OptionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const name = `\`${first.path.join('.')}\``;
    // The message names the option itself already ("`secretKey` is required"): not twice.
    const where = first.path.length && !first.message.startsWith(name) ? `${name}: ` : '';
    throw new TypeError(`createCompanion: ${where}${first.message}`);
  }
  const key = secretKeyMode(options.secretKey);
  if ('problem' in key) throw new TypeError(`createCompanion: ${key.problem}`);
  const limits = { ...DEFAULT_CHANNEL_LIMITS, ...options.channelLimits };
  const channels = options.channels ?? [...PAYLATER_CHANNELS];
  for (const channel of channels) {
    if (!limits[channel]) throw new TypeError(`createCompanion: unknown channel "${channel}"; give its limits in \`channelLimits\``);
  }
  return {
    ...DEFAULTS,
    /** `test` with a development key, `live` with a production key. */
    mode: key.mode,
    channels,
    channelsExplicit: options.channels !== undefined,
    limits,
    /** Where the shop's pages are (the return page's origin) and every origin allowed besides. */
    allowedOrigins: new Set([new URL(options.returnUrl).origin, ...(options.allowedOrigins ?? []).map((o) => new URL(o).origin)]),
    quoteTtlMs: options.quoteTtlMs ?? DEFAULTS.quoteTtlMs,
    plansCacheTtlMs: options.plansCacheTtlMs ?? DEFAULTS.plansCacheTtlMs,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULTS.maxBodyBytes,
    maxWebhookBytes: Math.max(options.maxBodyBytes ?? 0, DEFAULTS.maxWebhookBytes),
    channelTimeoutMs: options.channelTimeoutMs ?? DEFAULTS.channelTimeoutMs,
    statusRefreshMs: options.statusRefreshMs ?? DEFAULTS.statusRefreshMs,
    xenditTimeoutMs: options.xenditTimeoutMs ?? DEFAULTS.xenditTimeoutMs,
    chargeTimeoutMs: Math.max(options.chargeTimeoutMs ?? DEFAULTS.chargeTimeoutMs, options.xenditTimeoutMs ?? DEFAULTS.xenditTimeoutMs),
    xenditMaxRetries: options.xenditMaxRetries ?? DEFAULTS.xenditMaxRetries,
    checkoutHosts: [...KNOWN_CHECKOUT_HOSTS, ...(options.checkoutHosts ?? []).map((h) => h.toLowerCase())],
    /** Xendit's (or the simulator's) host: its own test pages are served from there. */
    apiHost: options.baseUrl ? new URL(options.baseUrl).host : 'api.xendit.co',
  };
}
export type CheckedConfig = ReturnType<typeof checkOptions>;

/**
 * How long a holder may still be waiting for Xendit's answer to what it asked for (a charge, a bill
 * payment): the attempt's time limit, the pauses before the attempts Xendit's refusals (429, 503:
 * nothing made) allow, and the order lock's time on top. It also holds the others back that long
 * after an instance died while asking: the price of never asking twice for what Xendit may have made.
 */
export const askWindow = (config: Pick<CheckedConfig, 'chargeTimeoutMs' | 'xenditMaxRetries' | 'shopperRetryWaitMs' | 'orderLockTtlMs'>) =>
  config.chargeTimeoutMs + config.xenditMaxRetries * config.shopperRetryWaitMs + config.orderLockTtlMs;

/**
 * The same for a bill payment, whose every attempt may take `xenditTimeoutMs` (its retries, after a
 * 429 or 503, wait at most `shopperRetryWaitMs`): 63 s by default.
 */
export const billAskWindow = (config: Pick<CheckedConfig, 'xenditTimeoutMs' | 'xenditMaxRetries' | 'shopperRetryWaitMs' | 'orderLockTtlMs'>) =>
  (config.xenditMaxRetries + 1) * config.xenditTimeoutMs + config.xenditMaxRetries * config.shopperRetryWaitMs + config.orderLockTtlMs;
