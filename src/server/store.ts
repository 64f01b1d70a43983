/**
 * The small key/value store the companion keeps its state in. Two kinds of entries:
 * - **durable records** (orders, charges, status tokens, payment-event markers, bill payments,
 *   locks): the guarantees rest on them, so a store never drops one to make room; they expire only
 *   by their TTL (30 days for records; seconds for locks);
 * - **caches** (`{ cache: true }`: customer ids, plans, bill inquiries, the product list): cheap to
 *   lose, so a bounded store may evict them first.
 *
 * Values are strings (callers serialise JSON themselves); every write may carry a TTL. The
 * conditional operations are atomic in every implementation, which is what makes "exactly one
 * charge per order and plan" hold across concurrent requests and across server instances that
 * share one store (`RedisStore`).
 *
 * This module imports nothing from `node:`: it runs on every fetch runtime.
 */

export interface SetOptions {
  /**
   * Time to live in milliseconds: a positive, finite number (fractions round up). Without it the
   * key never expires. A write replaces the TTL of the key it writes: a write without `ttlMs`
   * leaves a key that never expires.
   */
  ttlMs?: number;
  /**
   * A cache entry: the store may drop it before its TTL to make room (`MemoryStore` bounds these
   * by `maxEntries`). Without it the entry is a durable record, which is never evicted.
   */
  cache?: boolean;
}

export interface Store {
  /** The current value, or `null` when the key is absent or expired. */
  get(key: string): Promise<string | null>;
  /** Sets the value unconditionally. */
  set(key: string, value: string, options?: SetOptions): Promise<void>;
  /** Sets only when the key is absent. True when this call set it. Atomic. */
  setIfAbsent(key: string, value: string, options?: SetOptions): Promise<boolean>;
  /** Replaces the value only when the current value equals `expected` (null = absent). True on success. Atomic. */
  compareAndSet(key: string, expected: string | null, value: string, options?: SetOptions): Promise<boolean>;
  /** Deletes only when the current value equals `expected`. True when deleted. Atomic (for releasing a lock you own). */
  compareAndDelete(key: string, expected: string): Promise<boolean>;
  /** Deletes the key; absent keys are fine. */
  delete(key: string): Promise<void>;
  /**
   * Adds one to a counter and returns its new value. The TTL applies when this call creates the
   * counter and is kept as it is afterwards (a fixed window). Atomic. Optional: without it,
   * `increment()` below does the same with `compareAndSet`.
   */
  increment?(key: string, options: SetOptions & { ttlMs: number }): Promise<number>;
  /** Releases what the store owns (timers, connections it opened). */
  close?(): Promise<void>;
  /** What in the store's settings can lose records (logged by the companion on its first request). */
  problems?(): Promise<StoreProblem[]>;
}

/**
 * Changes the JSON record at `key` atomically: `change` gets it as it is now (null when absent)
 * and returns what to write, or null to leave it; it is called again after a concurrent write
 * (compare-and-set against the very text read). Returns what is stored then, or null when absent
 * and left. `conflict()` is thrown when the record kept changing (50 tries).
 */
export async function updateJson<T>(store: Store, key: string, change: (current: T | null) => T | null, options: SetOptions, conflict: () => Error): Promise<T | null> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const raw = await store.get(key);
    const current = raw ? (JSON.parse(raw) as T) : null;
    const next = change(current);
    if (!next) return current;
    if (await store.compareAndSet(key, raw, JSON.stringify(next), options)) return next;
  }
  throw conflict();
}

/**
 * Adds one to the counter `key` (created with `options.ttlMs`, which later calls keep) and returns
 * its new value: the store's own `increment` when it has one, else a `compareAndSet` loop.
 */
export async function increment(store: Store, key: string, options: SetOptions & { ttlMs: number }): Promise<number> {
  if (store.increment) return store.increment(key, options);
  for (;;) {
    const current = await store.get(key);
    // The window's TTL is only set with the first count, so later counts must not extend it: the
    // value `count|expiresAt` keeps its end time.
    const [count, end] = (current ?? '').split('|');
    const next = (Number(count) || 0) + 1;
    const expiresAt = Number(end) || Date.now() + options.ttlMs;
    const ttlMs = Math.max(1, expiresAt - Date.now());
    if (await store.compareAndSet(key, current, `${next}|${expiresAt}`, { ...options, ttlMs })) return next;
  }
}

/** The prefix every store puts before its keys unless told otherwise. */
export const DEFAULT_STORE_PREFIX = 'paylater:';

/**
 * Checks a `ttlMs` option and returns it as whole milliseconds, or `undefined` for "no TTL".
 * Throws a `RangeError` for zero, negative, NaN or infinite values: such a TTL is a caller bug
 * (a key that expires at once, or never when it was meant to), never something to guess about.
 */
export function normalizeTtl(options?: SetOptions): number | undefined {
  const ttl = options?.ttlMs;
  if (ttl === undefined) return undefined;
  if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0) {
    throw new RangeError(`ttlMs must be a positive finite number of milliseconds, got ${String(ttl)}`);
  }
  return Math.ceil(ttl);
}

/** Thrown by `withLock` when the lock stayed held by someone else for `waitMs`. */
export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
  readonly code = 'LOCK_TIMEOUT' as const;
  /** The key passed to `withLock` (without the `lock:` part and the store's prefix). */
  readonly key: string;
  readonly waitedMs: number;

  constructor(key: string, waitedMs: number) {
    super(`Lock "${key}" still held by another holder after waiting ${waitedMs} ms`);
    this.key = key;
    this.waitedMs = waitedMs;
  }
}

export interface LockOptions {
  /**
   * How long the lock lives if its holder never renews or releases it (a crash, a lost
   * connection). While `fn` runs, the holder renews it every third of this time, so `fn` may take
   * longer; a holder that died frees it within this time. Default 30,000 ms.
   */
  ttlMs?: number;
  /** How long to wait for a held lock before throwing `LockTimeoutError`. 0 = try once. Default 10,000 ms. */
  waitMs?: number;
  /** Mean pause between attempts while the lock is held (each pause is jittered ±50%). Default 25 ms. */
  pollMs?: number;
}

const LOCK_DEFAULTS = { ttlMs: 30_000, waitMs: 10_000, pollMs: 25 } as const;

/** The store key `withLock` uses for `key`, so a lock never collides with a data key of the same name. */
/** A setting of the store that can lose records, and how loudly to say so. */
export interface StoreProblem {
  level: 'error' | 'warn';
  message: string;
}

/** The store could not be reached or failed a command (Redis down, restarting, a lost connection): the request may be tried again. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

export function lockKey(key: string): string {
  return `lock:${key}`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` while holding the lock `key` in `store`, so callers that share the store (also across
 * server instances sharing Redis) run it one at a time.
 *
 * Acquires with `setIfAbsent(lock:key, randomToken, { ttlMs })` and renews the TTL every third of
 * it while `fn` runs (`compareAndSet` with its own token); while someone else holds it,
 * polls with small jittered pauses until it is free or `waitMs` elapsed (then throws
 * `LockTimeoutError`, code `LOCK_TIMEOUT`, without running `fn`). Releases with
 * `compareAndDelete(lock:key, token)`, so a holder whose lock already lapsed never deletes the
 * next holder's lock. An error from `fn` is rethrown after the release; an error from the release
 * itself is ignored (the TTL frees the lock) so that it never hides `fn`'s outcome.
 */
export async function withLock<T>(
  store: Store,
  key: string,
  fn: () => T | Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const ttlMs = options.ttlMs ?? LOCK_DEFAULTS.ttlMs;
  const waitMs = options.waitMs ?? LOCK_DEFAULTS.waitMs;
  const pollMs = options.pollMs ?? LOCK_DEFAULTS.pollMs;
  if (!(waitMs >= 0) || !(pollMs > 0)) throw new RangeError('waitMs must be >= 0 and pollMs > 0');

  const storeKey = lockKey(key);
  const token = crypto.randomUUID();
  const started = Date.now();
  while (!(await store.setIfAbsent(storeKey, token, { ttlMs }))) {
    const remaining = waitMs - (Date.now() - started);
    if (remaining <= 0) throw new LockTimeoutError(key, Date.now() - started);
    await sleep(Math.min(remaining, pollMs * (0.5 + Math.random())));
  }
  // Renewed while fn runs, so a short TTL frees the lock soon after a crash without ever lapsing
  // under a live holder that merely takes long (a biller being polled, a slow Xendit).
  const renewal = setInterval(() => {
    store.compareAndSet(storeKey, token, token, { ttlMs }).catch(() => {
      // The next renewal (or the TTL) settles it.
    });
  }, Math.max(10, Math.floor(ttlMs / 3)));
  (renewal as { unref?: () => void }).unref?.();
  try {
    return await fn();
  } finally {
    clearInterval(renewal);
    try {
      await store.compareAndDelete(storeKey, token);
    } catch {
      // The lock expires by its TTL; the caller cares about fn's outcome, not the release.
    }
  }
}
