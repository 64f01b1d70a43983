import { DEFAULT_STORE_PREFIX, normalizeTtl, type SetOptions, type Store } from './store.js';

export interface MemoryStoreOptions {
  /** Put before every key. Default `paylater:`. */
  prefix?: string;
  /**
   * Most keys kept at once. Default 10,000. When a new key would exceed it, expired keys are
   * swept first; if none can go, the least recently set key is evicted.
   */
  maxEntries?: number;
  /** How often, at most, an operation sweeps every expired key. Default 60,000 ms. */
  sweepIntervalMs?: number;
  /** Called with the key (without prefix) of each live key evicted because the store was full. */
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
 * - Bounded: at most `maxEntries` keys. Evicting a live key is a last resort that can weaken the
 *   guarantees built on the store (an evicted lock or webhook dedup key is forgotten), so size
 *   `maxEntries` well above the working set and give keys TTLs; `onEvict` tells you it happens.
 *
 * Imports nothing from `node:`.
 */
export class MemoryStore implements Store {
  readonly prefix: string;
  readonly maxEntries: number;
  private readonly sweepIntervalMs: number;
  private readonly onEvict: ((key: string) => void) | undefined;
  /** Map order = order of the last write: the first entry is the least recently set. */
  private readonly entries = new Map<string, Entry>();
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

  /** Live (unexpired) keys currently held. */
  get size(): number {
    this.sweep(Date.now());
    return this.entries.size;
  }

  async get(key: string): Promise<string | null> {
    return this.read(this.prefix + key, Date.now())?.value ?? null;
  }

  async set(key: string, value: string, options?: SetOptions): Promise<void> {
    this.write(this.prefix + key, value, normalizeTtl(options), Date.now());
  }

  async setIfAbsent(key: string, value: string, options?: SetOptions): Promise<boolean> {
    const ttl = normalizeTtl(options);
    const now = Date.now();
    const full = this.prefix + key;
    if (this.read(full, now)) return false;
    this.write(full, value, ttl, now);
    return true;
  }

  async compareAndSet(key: string, expected: string | null, value: string, options?: SetOptions): Promise<boolean> {
    const ttl = normalizeTtl(options);
    const now = Date.now();
    const full = this.prefix + key;
    if ((this.read(full, now)?.value ?? null) !== expected) return false;
    this.write(full, value, ttl, now);
    return true;
  }

  async compareAndDelete(key: string, expected: string): Promise<boolean> {
    const full = this.prefix + key;
    if (this.read(full, Date.now())?.value !== expected) return false;
    this.entries.delete(full);
    return true;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(this.prefix + key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  /** The live entry under the full key, deleting it when it has expired. */
  private read(full: string, now: number): Entry | undefined {
    this.maybeSweep(now);
    const entry = this.entries.get(full);
    if (entry && entry.expiresAt !== undefined && entry.expiresAt <= now) {
      this.entries.delete(full);
      return undefined;
    }
    return entry;
  }

  private write(full: string, value: string, ttl: number | undefined, now: number): void {
    this.maybeSweep(now);
    this.writesSinceSweep += 1;
    // Delete first so the key moves to the end: Map order then stays "least recently set first".
    const existed = this.entries.delete(full);
    if (!existed && this.entries.size >= this.maxEntries) this.makeRoom(now);
    this.entries.set(full, { value, expiresAt: ttl === undefined ? undefined : now + ttl });
  }

  private makeRoom(now: number): void {
    // Expired keys go before a live one is evicted, but a full sweep runs at most once per tenth
    // of maxEntries writes (or per sweepIntervalMs): a sweep on every write once full made each
    // write scan the whole store. The oldest-first walk below drops expired entries it meets.
    if (this.writesSinceSweep >= this.maxEntries / 10) this.sweep(now);
    else this.maybeSweep(now);
    for (const [full, entry] of this.entries) {
      if (this.entries.size < this.maxEntries) break;
      this.entries.delete(full);
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
    for (const [full, entry] of this.entries) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.entries.delete(full);
    }
  }
}
