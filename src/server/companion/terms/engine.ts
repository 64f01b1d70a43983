/**
 * The eligibility engine: which providers are offered for an amount and currency, and on what
 * terms. The checkout's plans ask it whether a provider takes the order (`eligibility`); the terms
 * answer (`GET {base}/terms`) is made of the same ranges plus the tenors read from real plans
 * answers for a preview customer. One source, so a message never promises what the checkout then
 * refuses.
 *
 * Terms are kept per channel in the store (several instances share them with a `RedisStore`), fresh
 * for `preview.refreshMs`; after that the last terms are still served while one instance derives
 * them again (single flight, across instances). When Xendit fails, the last good terms stay (for a
 * week) and the next attempt waits a minute.
 */
import { eligibility as rangeRule, PROVIDER_NAMES, type AmountRange, type ProviderTerms, type TenorTerms, type TermsResponseBody, type UnavailableReason } from '../../../contract/index.js';
import type { XenditClient } from '../../../xendit/client.js';
import { XenditError } from '../../../xendit/errors.js';
import type { OrderItem } from '../../../xendit/schemas.js';
import { CompanionError, describeError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Flights } from '../../single-flight.js';
import type { Store } from '../../store.js';
import type { CheckedConfig, CompanionOptions } from '../options.js';
import { ensureCustomer, TrustedOrder, withE164Mobile } from '../order.js';
import { deriveTenors, type AnswerOption } from './derive.js';

/** What `createCompanion`'s `preview` option holds: whose plans the terms are read from. */
export interface PreviewOptions {
  /**
   * The Xendit customer the terms' plans are asked for, created once (your own data, if you like;
   * default `DEFAULT_PREVIEW_CUSTOMER`, in Indonesia, or in the Philippines when you offer no IDR
   * provider). Its data never appears in the terms answer.
   */
  customer?: TrustedOrder['customer'];
  /** The one order item of those plans requests (default: "Price preview", your shop's home page, category "General"). */
  item?: Partial<Pick<OrderItem, 'type' | 'name' | 'url' | 'category'>>;
  /** How long derived terms are fresh; older ones are served while they are derived again. Default 6 hours. */
  refreshMs?: number;
}

/** The preview customer when `preview.customer` is not given: the details PayLater providers ask for. */
export const DEFAULT_PREVIEW_CUSTOMER: Record<'ID' | 'PH', TrustedOrder['customer']> = {
  ID: {
    reference_id: 'paylater-terms-preview',
    given_names: 'Pratinjau',
    surname: 'Harga',
    email: 'terms-preview@example.com',
    mobile_number: '+6281100000000',
    addresses: [{ country: 'ID', street_line1: 'Jl. Medan Merdeka Barat 1', city: 'Jakarta Pusat', postal_code: '10110' }],
  },
  PH: {
    reference_id: 'paylater-terms-preview',
    given_names: 'Price',
    surname: 'Preview',
    email: 'terms-preview@example.com',
    mobile_number: '+639170000000',
    addresses: [{ country: 'PH', street_line1: '1 Ayala Avenue', city: 'Makati', postal_code: '1226' }],
  },
};

const MINUTE = 60_000;
/** Terms are fresh this long by default. */
export const TERMS_REFRESH_MS = 6 * 60 * MINUTE;
/** After a failed derivation, the next attempt waits this long (whatever the number of requests). */
const RETRY_MS = MINUTE;
/** Last good terms are kept this long for when Xendit fails. */
const KEEP_MS = 7 * 24 * 60 * MINUTE;
/** How long a request waits for a derivation another request (or instance) is doing. */
const DERIVE_WAIT_MS = 30_000;

/** Stored per channel: its tenors, `null` when it offers none (not activated for the account). */
interface ChannelRecord {
  derived_at: number;
  tenors: TenorTerms[] | null;
}

export interface TermsAnswer {
  body: TermsResponseBody;
  /** False when a channel's terms are missing (its derivation failed and none were kept). */
  complete: boolean;
}

export type TermsEngine = ReturnType<typeof createTermsEngine>;

interface EngineDeps {
  options: CompanionOptions;
  config: CheckedConfig;
  store: Store;
  xendit: XenditClient;
  logger: Logger;
  flights: Flights;
}

export function createTermsEngine({ options, config, store, xendit, logger, flights }: EngineDeps) {
  const refreshMs = options.preview?.refreshMs ?? TERMS_REFRESH_MS;
  const currencies = [...new Set(config.channels.map((channel) => config.limits[channel]!.currency))];
  const customer = previewCustomer(options, currencies);
  const item = {
    type: 'PRODUCT' as const,
    reference_id: 'paylater-terms-preview',
    name: 'Price preview',
    url: new URL('/', options.returnUrl).href,
    category: 'General',
    ...options.preview?.item,
  };

  /** The amounts and currency a channel takes: the companion's channel limits. */
  function range(channel: string): AmountRange {
    const limits = config.limits[channel]!;
    return { currency: limits.currency, min_amount: limits.min, max_amount: limits.max };
  }

  /** Whether `channel` takes an order of `amount` in `currency`: null, or why not (the checkout's rule). */
  function eligibility(channel: string, currency: string, amount: number): UnavailableReason | null {
    return rangeRule(range(channel), currency, amount);
  }

  const keyOf = (channel: string) => {
    const r = range(channel);
    return `terms:${channel}:${r.currency}:${r.min_amount}:${r.max_amount}`;
  };
  const read = async (key: string): Promise<ChannelRecord | null> => {
    const raw = await store.get(key);
    return raw === null ? null : (JSON.parse(raw) as ChannelRecord);
  };
  const fresh = (record: ChannelRecord | null): boolean => record !== null && Date.now() - record.derived_at < refreshMs;

  /** Plans answers for `channel` at any amount, for the preview customer. */
  async function derive(channel: string): Promise<ChannelRecord> {
    const customerId = await ensureCustomer({ xendit, store, flights, ttlMs: config.customerTtlMs, waitMs: DERIVE_WAIT_MS }, customer);
    const r = range(channel);
    const run = crypto.randomUUID().slice(0, 8);
    const ask = async (amount: number): Promise<AnswerOption[]> => {
      const plans = await xendit.paylater.initiatePlans(
        { customer_id: customerId, channel_code: channel, currency: r.currency, amount, order_items: [{ ...item, net_unit_amount: amount, quantity: 1 }] },
        { idempotencyKey: `terms-${run}-${channel}-${amount}`, maxRetryDelayMs: config.shopperRetryWaitMs },
      );
      return plans.options.map((o) => ({ ...o, interval: String(o.interval) }));
    };
    try {
      const { tenors, answers } = await deriveTenors(ask, r);
      const estimates = tenors.filter((t) => t.estimate).map((t) => t.total_recurrence);
      logger.info('terms derived', { channel, currency: r.currency, xendit_calls: answers.length, tenors: tenors.map((t) => t.total_recurrence), estimates });
      return { derived_at: Date.now(), tenors };
    } catch (error) {
      if (error instanceof XenditError && error.code === 'CHANNEL_NOT_ACTIVATED') return { derived_at: Date.now(), tenors: null };
      throw error;
    }
  }

  /** Derives the channel's terms once for everyone asking now (all instances); the last good ones when that fails. */
  function refresh(channel: string): Promise<ChannelRecord | null> {
    const key = keyOf(channel);
    return flights(
      key,
      async () => {
        const current = await read(key);
        if (fresh(current)) return current;
        if (await store.get(`${key}:failed`)) return current;
        try {
          const record = await derive(channel);
          // Kept as a record, not a cache entry: a flood that fills a bounded store's cache must not
          // push the terms out and make every request derive them again. One per channel and range.
          await store.set(key, JSON.stringify(record), { ttlMs: KEEP_MS });
          return record;
        } catch (error) {
          await store.set(`${key}:failed`, '1', { ttlMs: RETRY_MS });
          const fields = { channel, retry_in_ms: RETRY_MS, error: describeError(error) };
          if (current) logger.warn('terms refresh failed: serving the last good terms', { ...fields, derived_at: new Date(current.derived_at).toISOString() });
          else logger.warn('terms derivation failed: the provider is left out of the terms for now', fields);
          return current;
        }
      },
      { waitMs: DERIVE_WAIT_MS },
    ).catch((error: unknown) => {
      // Waited longer than a derivation may take, or the store failed.
      logger.warn('terms not available', { channel, error: describeError(error) });
      return read(key).catch(() => null);
    });
  }

  async function channelTerms(channel: string): Promise<ChannelRecord | null> {
    const key = keyOf(channel);
    const record = await read(key);
    if (fresh(record)) return record;
    // After a failure the next attempt waits: until then the last good terms (or none) answer alone.
    if (await store.get(`${key}:failed`)) return record;
    // Stale terms answer now; the refresh runs behind them (the next request sees its result).
    if (record) {
      void refresh(channel);
      return record;
    }
    return refresh(channel);
  }

  /** The terms of every enabled provider of `currency` (one of `currencies`). */
  async function terms(currency: string): Promise<TermsAnswer> {
    const channels = config.channels.filter((channel) => range(channel).currency === currency);
    const records = await Promise.all(channels.map(channelTerms));
    const providers: ProviderTerms[] = [];
    channels.forEach((channel, i) => {
      const tenors = records[i]?.tenors;
      if (!tenors?.length) return;
      const r = range(channel);
      providers.push({ channel_code: channel, name: PROVIDER_NAMES[channel] ?? channel, min_amount: r.min_amount, max_amount: r.max_amount, tenors });
    });
    const known = records.filter((record): record is ChannelRecord => record !== null);
    if (known.length === 0) {
      throw new CompanionError(503, 'UPSTREAM_ERROR', 'The providers\u2019 terms are not available right now. Please try again shortly.', { 'retry-after': String(RETRY_MS / 1000) });
    }
    const updated = Math.min(...known.map((record) => record.derived_at));
    return { body: { currency, updated_at: new Date(updated).toISOString(), providers }, complete: known.length === records.length };
  }

  return { range, eligibility, terms, currencies: () => [...currencies] };
}

/** The merchant's preview customer, checked now (a clear error at start), or the default. */
function previewCustomer(options: CompanionOptions, currencies: string[]): TrustedOrder['customer'] {
  const given = options.preview?.customer;
  if (given === undefined) return DEFAULT_PREVIEW_CUSTOMER[currencies.includes('IDR') || !currencies.includes('PHP') ? 'ID' : 'PH'];
  const parsed = TrustedOrder.shape.customer.safeParse(given);
  const fail = (path: PropertyKey[], message: string) => new TypeError(`createCompanion: \`preview.customer${path.length ? `.${path.join('.')}` : ''}\`: ${message}`);
  if (!parsed.success) throw fail(parsed.error.issues[0]!.path, parsed.error.issues[0]!.message);
  const customer = withE164Mobile(parsed.data, currencies.includes('IDR') ? 'IDR' : (currencies[0] ?? 'IDR'));
  if (parsed.data.mobile_number !== undefined && !customer.mobile_number) throw fail(['mobile_number'], 'not a phone number (E.164, +6281234567890, or as written locally, 0812-3456-7890)');
  return customer;
}
