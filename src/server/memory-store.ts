import { DEFAULT_STORE_PREFIX, normalizeTtl, type SetOptions, type Store } from './store.js';

export interface MemoryStoreOptions {
  /** Put before every key. Default `paylater:`. */
  prefix?: string;
  /**
   * Most cache entries (`{ cache: true }`) kept at once. Default 10,000. When a new one would
   * exceed it, expired entries are swept first; if none can go, the least recently set cache entry
   * is evicted. Durable records do not count and are never evicted: they leave only by their TTL.
   */
  maxEntries?: number;
  /** How often, at most, an operation sweeps every expired key. Default 60,000 ms. */
  sweepIntervalMs?: number;
  /** Called with the key (without prefix) of each live cache entry evicted because the cache was full. */
  onEvict?: (key: string) => void;
}

interface Entry {
  value: string;
  /** `Date.now()` at which the key expires; `undefined` = never. */
  expiresAt: number | undefined;
}

/**
 * A `Store` in this process's memory: the default, fine for one server instance. Several
 * instances behind a load balancer each have their own memory, so they need `RedisStore`.
 *
 * - Atomic by construction: every operation runs to completion synchronously inside one call
 *   (JavaScript is single-threaded), there is no `await` between a read and the write it decides.
 * - TTLs: an expired key is invisible at once and removed when touched, plus a full sweep at most
 *   every `sweepIntervalMs` (on access, no timer: nothing keeps the process alive, and it works on
 *   edge runtimes that forbid timers outside a request).
 * - Caches are bounded: at most `maxEntries` cache entries, the least recently set evicted first,
 *   so a flood of anonymous requests (bill inquiries, plans) cannot grow memory without end.
 * - Durable records (orders, charges, status tokens, event markers, locks) are never evicted: the
 *   companion's guarantees rest on them. They leave when their TTL ends (30 days for the
 *   companion's records), so memory grows with the charges made in that time: for a busy shop or
 *   several instances, use `RedisStore`.
 *
 * Imports nothing from `node:`.
 */
export class MemoryStore implements Store {
  readonly prefix: string;
  readonly maxEntries: number;
  private readonly sweepIntervalMs: number;
  private readonly onEvict: ((key: string) => void) | undefined;
  /** Durable records: never evicted, gone only when expired. */
  private readonly records = new Map<string, Entry>();
  /** Cache entries, bounded. Map order = order of the last write: the first is the least recently set. */
  private readonly caches = new Map<string, Entry>();
  private lastSweep = Date.now();
  private writesSinceSweep = 0;

  constructor(options: MemoryStoreOptions = {}) {
    this.prefix = options.prefix ?? DEFAULT_STORE_PREFIX;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
    this.onEvict = options.onEvict;
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${String(options.maxEntries)}`);
    }
  }

  /** Live (unexpired) keys currently held, durable records and cache entries. */
  get size(): number {
    this.sweep(Date.now());
    return this.records.size + this.caches.size;
  }

  async get(key: string): Promise<string | null> {
    return this.read(this.prefix + key, Date.now())?.value ?? null;
  }

  async set(key: string, value: string, options?: SetOptions): Promise<void> {
    this.write(this.prefix + key, value, normalizeTtl(options), Date.now(), options?.cache === true);
  }

  async setIfAbsent(key: string, value: string, options?: SetOptions): Promise<boolean> {
    const ttl = normalizeTtl(options);
    const now = Date.now();
    const full = this.prefix + key;
    if (this.read(full, now)) return false;
    this.write(full, value, ttl, now, options?.cache === true);
    return true;
  }

  async compareAndSet(key: string, expected: string | null, value: string, options?: SetOptions): Promise<boolean> {
    const ttl = normalizeTtl(options);
    const now = Date.now();
    const full = this.prefix + key;
    if ((this.read(full, now)?.value ?? null) !== expected) return false;
    this.write(full, value, ttl, now, options?.cache === true);
    return true;
  }

  async compareAndDelete(key: string, expected: string): Promise<boolean> {
    const full = this.prefix + key;
    if (this.read(full, Date.now())?.value !== expected) return false;
    this.remove(full);
    return true;
  }

  async delete(key: string): Promise<void> {
    this.remove(this.prefix + key);
  }

  async increment(key: string, options: SetOptions & { ttlMs: number }): Promise<number> {
    const ttl = normalizeTtl(options)!;
    const now = Date.now();
    const full = this.prefix + key;
    const entry = this.read(full, now);
    if (entry) {
      entry.value = String((Number(entry.value) || 0) + 1);
      return Number(entry.value);
    }
    this.write(full, '1', ttl, now, options.cache === true);
    return 1;
  }

  async close(): Promise<void> {
    this.records.clear();
    this.caches.clear();
  }

  private remove(full: string): void {
    if (!this.records.delete(full)) this.caches.delete(full);
  }

  /** The live entry under the full key, deleting it when it has expired. */
  private read(full: string, now: number): Entry | undefined {
    this.maybeSweep(now);
    const entry = this.records.get(full) ?? this.caches.get(full);
    if (entry && entry.expiresAt !== undefined && entry.expiresAt <= now) {
      this.remove(full);
      return undefined;
    }
    return entry;
  }

  private write(full: string, value: string, ttl: number | undefined, now: number, cache: boolean): void {
    this.maybeSweep(now);
    this.writesSinceSweep += 1;
    // Delete first so the key moves to the end: Map order then stays "least recently set first".
    this.remove(full);
    const entry = { value, expiresAt: ttl === undefined ? undefined : now + ttl };
    if (!cache) {
      this.records.set(full, entry);
      return;
    }
    if (this.caches.size >= this.maxEntries) this.makeRoom(now);
    this.caches.set(full, entry);
  }

  private makeRoom(now: number): void {
    // Expired keys go before a live one is evicted, but a full sweep runs at most once per tenth
    // of maxEntries writes (or per sweepIntervalMs): a sweep on every write once full made each
    // write scan the whole store. The oldest-first walk below drops expired entries it meets.
    if (this.writesSinceSweep >= this.maxEntries / 10) this.sweep(now);
    else this.maybeSweep(now);
    for (const [full, entry] of this.caches) {
      if (this.caches.size < this.maxEntries) break;
      this.caches.delete(full);
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) continue;
      try {
        this.onEvict?.(full.slice(this.prefix.length));
      } catch {
        // A failing observer must not break the write that made room.
      }
    }
  }

  private maybeSweep(now: number): void {
    if (now - this.lastSweep >= this.sweepIntervalMs) this.sweep(now);
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    this.writesSinceSweep = 0;
    for (const map of [this.records, this.caches]) {
      for (const [full, entry] of map) {
        if (entry.expiresAt !== undefined && entry.expiresAt <= now) map.delete(full);
      }
    }
  }
}
