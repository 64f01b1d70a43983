import { DEFAULT_STORE_PREFIX, normalizeTtl, StoreUnavailableError, type SetOptions, type Store, type StoreProblem } from './store.js';

import {
  COMPARE_AND_DELETE,
  COMPARE_AND_SET,
  INCREMENT,
  READY_POLL_MS,
  isClientReady,
  redactUrl,
  sha1Hex,
  toStringOrNull,
  withTimeout,
  type RedisClientLike,
  type Script,
} from './redis-protocol.js';

export type { RedisClientLike, RedisScriptArguments } from './redis-protocol.js';

interface CommonOptions {
  /** Put before every key, so several apps (or environments) can share one Redis. Default `paylater:`. */
  prefix?: string;
  /**
   * How long an operation waits for the first connection (with `client`: for the client to be
   * ready, e.g. a cluster client to discover its slots) before it fails. Default 5,000 ms.
   */
  connectTimeoutMs?: number;
}

export interface RedisStoreUrlOptions extends CommonOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://...` (TLS). The store creates, connects and closes its own client. */
  url: string;
  /**
   * Receives the client's connection errors (it reconnects by itself; operations meanwhile fail
   * or wait). Default: ignored, since the failing operations already surface them.
   */
  onError?: (error: unknown) => void;
  client?: never;
}

export interface RedisStoreClientOptions extends CommonOptions {
  /**
   * A node-redis client you created, from `createClient()` or `createCluster()`: connected, still
   * connecting, or not connected (the store connects it on first use when it is not open). Before
   * its first command the store waits, once, until the client is ready (a cluster client: its
   * slots discovered), at most `connectTimeoutMs`. You keep owning it: `close()` leaves it open.
   */
  client: RedisClientLike;
  url?: never;
  onError?: never;
}

export type RedisStoreOptions = RedisStoreUrlOptions | RedisStoreClientOptions;

/**
 * A `Store` in Redis, shared by every server instance that points at the same Redis: locks,
 * customer ids, charge records and webhook dedup then hold across instances.
 *
 * Built on node-redis (the `redis` package, an optional peer dependency, loaded only when the
 * store creates its own client from `url`). `setIfAbsent` is `SET key value NX PX ttl`;
 * `compareAndSet` and `compareAndDelete` are Lua scripts (run with EVALSHA, falling back to EVAL
 * when Redis does not know the script yet), so each is atomic on the server.
 */
export class RedisStore implements Store {
  readonly prefix: string;
  private readonly url: string | undefined;
  private readonly connectTimeoutMs: number;
  private readonly onError: (error: unknown) => void;
  private readonly given: RedisClientLike | undefined;
  /** The client this store created from `url`: the only one `close()` closes. */
  private owned: RedisClientLike | undefined;
  /** The first connection (or wait for a given client to be ready), shared by concurrent callers. */
  private connecting: Promise<RedisClientLike> | undefined;
  /** Set once that succeeded: from then on operations use the client directly. */
  private connected: RedisClientLike | undefined;
  private closed = false;

  constructor(options: RedisStoreOptions) {
    const { url, client } = options as { url?: unknown; client?: unknown };
    if ((url === undefined) === (client === undefined)) {
      throw new TypeError('RedisStore needs exactly one of `url` (a redis:// URL) or `client` (a node-redis client)');
    }
    if (url !== undefined && (typeof url !== 'string' || !/^rediss?:\/\//.test(url))) {
      throw new TypeError('RedisStore `url` must start with redis:// or rediss://');
    }
    if (client !== undefined && (typeof client !== 'object' || client === null || typeof (client as RedisClientLike).get !== 'function')) {
      throw new TypeError('RedisStore `client` must be a node-redis client (from createClient() or createCluster())');
    }
    this.prefix = options.prefix ?? DEFAULT_STORE_PREFIX;
    this.url = url as string | undefined;
    this.given = client as RedisClientLike | undefined;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    this.onError = options.onError ?? (() => {});
  }

  async get(key: string): Promise<string | null> {
    return this.command(async (client) => toStringOrNull(await client.get(this.prefix + key)));
  }

  async set(key: string, value: string, options?: SetOptions): Promise<void> {
    const ttl = normalizeTtl(options);
    return this.command(async (client) => {
      await client.set(this.prefix + key, value, ttl === undefined ? undefined : { expiration: { type: 'PX', value: ttl } });
    });
  }

  async setIfAbsent(key: string, value: string, options?: SetOptions): Promise<boolean> {
    const ttl = normalizeTtl(options);
    return this.command(async (client) => {
      const reply = await client.set(this.prefix + key, value, {
        condition: 'NX',
        ...(ttl === undefined ? {} : { expiration: { type: 'PX', value: ttl } }),
      });
      return reply !== null && reply !== undefined;
    });
  }

  async compareAndSet(key: string, expected: string | null, value: string, options?: SetOptions): Promise<boolean> {
    const ttl = normalizeTtl(options);
    return this.command(async (client) => {
      const reply = await this.run(client, COMPARE_AND_SET, this.prefix + key, [expected === null ? '0' : '1', expected ?? '', value, ttl === undefined ? '' : String(ttl)]);
      return Number(reply) === 1;
    });
  }

  async compareAndDelete(key: string, expected: string): Promise<boolean> {
    return this.command(async (client) => Number(await this.run(client, COMPARE_AND_DELETE, this.prefix + key, [expected])) === 1);
  }

  async increment(key: string, options: SetOptions & { ttlMs: number }): Promise<number> {
    const ttl = normalizeTtl(options)!;
    return this.command(async (client) => Number(await this.run(client, INCREMENT, this.prefix + key, [String(ttl)])));
  }

  async delete(key: string): Promise<void> {
    return this.command(async (client) => {
      await client.del(this.prefix + key);
    });
  }

  /**
   * What in this Redis's settings can lose the companion's records: an evicting
   * `maxmemory-policy` with a memory limit (the records are the keys with a TTL that `volatile-*`
   * policies drop first): an error; no append-only file (a crash loses the writes since the last
   * snapshot; a managed service may offer replicas with failover instead): a warning. Read with
   * `INFO` (allowed where `CONFIG` is not); empty when it cannot be read (a cluster client).
   */
  async problems(): Promise<StoreProblem[]> {
    const client = await this.ready();
    if (!client.info) return [];
    const text = `${String(await client.info('memory'))}\n${String(await client.info('persistence'))}`;
    const field = (name: string) => text.match(new RegExp(`^${name}:(.*)$`, 'm'))?.[1]?.trim();
    const found: StoreProblem[] = [];
    const policy = field('maxmemory_policy');
    if (policy && policy !== 'noeviction' && field('maxmemory') !== '0') {
      found.push({ level: 'error', message: `Redis evicts keys (maxmemory-policy ${policy}): orders, charges and payments the companion records may be dropped before their time, and with them its guarantees against paying twice. Set maxmemory-policy noeviction (managed services often default to volatile-lru).` });
    }
    if (field('aof_enabled') === '0') {
      found.push({ level: 'warn', message: 'Redis keeps no append-only file (appendonly no): a Redis crash or restart loses the writes since its last snapshot, and with them payments the companion recorded. Set appendonly yes (appendfsync everysec or always), or run replicas with automatic failover.' });
    }
    return found;
  }

  /** A command on the ready client; a failure of Redis (or of the connection) is a `StoreUnavailableError`. */
  private async command<T>(fn: (client: RedisClientLike) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.ready());
    } catch (error) {
      throw new StoreUnavailableError(`Redis: ${String((error as { message?: unknown } | null)?.message ?? error) || (error as Error)?.name || 'the command failed'}`, { cause: error });
    }
  }

  /** Closes the client the store created from `url`; a client passed in stays open. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.connecting = undefined;
    this.connected = undefined;
    const client = this.owned;
    this.owned = undefined;
    if (!client) return;
    try {
      await client.close?.();
    } catch {
      try {
        client.destroy?.();
      } catch {
        // Nothing left to release.
      }
    }
  }

  /** Runs a one-key script (one key: one hash slot, so it runs on a Redis Cluster too). */
  private async run(client: RedisClientLike, s: Script, key: string, args: string[]): Promise<unknown> {
    const call = { keys: [key], arguments: args };
    try {
      s.sha ??= sha1Hex(s.lua);
      return await client.evalSha(await s.sha, call);
    } catch (error) {
      if (!String((error as { message?: unknown } | null)?.message ?? error).includes('NOSCRIPT')) throw error;
      return client.eval(s.lua, call);
    }
  }

  /**
   * The client, ready for commands. The first call connects (or, for a given client, waits until
   * it is ready) once for all concurrent callers, each bounded by `connectTimeoutMs`; a failure
   * is forgotten so that a later call tries again. After that, operations use the client directly
   * (a single-node client queues commands while it reconnects; a cluster client stays ready).
   */
  private ready(): Promise<RedisClientLike> {
    if (this.closed) return Promise.reject(new Error('RedisStore is closed'));
    if (this.connected) return Promise.resolve(this.connected);
    const connecting = (this.connecting ??= (this.given ? this.whenReady(this.given) : this.connect()).then(
      (client) => {
        if (this.connecting === connecting && !this.closed) this.connected = client;
        return client;
      },
      (error: unknown) => {
        if (this.connecting === connecting) this.connecting = undefined;
        throw error;
      },
    ));
    return withTimeout(connecting, this.connectTimeoutMs, () => this.timeoutError());
  }

  private timeoutError(): Error {
    return this.url === undefined
      ? new Error(
          `RedisStore could not connect: the Redis client it was given was not ready within ${this.connectTimeoutMs} ms ` +
            '(still connecting, or a cluster client still discovering its slots)',
        )
      : new Error(`RedisStore could not connect to ${redactUrl(this.url)} within ${this.connectTimeoutMs} ms`);
  }

  /**
   * Waits until a given client can take commands. Not open: connects it (node-redis's `connect()`
   * resolves once the client is ready; a cluster's rejects when no root node answers). Open but
   * not ready (connecting on its owner's call, or a cluster discovering its slots, which refuses
   * commands meanwhile): polls `isReady` until it is true, the client closes, or the time is up.
   */
  private async whenReady(client: RedisClientLike): Promise<RedisClientLike> {
    const deadline = Date.now() + this.connectTimeoutMs;
    if (client.isOpen === false && client.connect) await client.connect();
    while (!isClientReady(client)) {
      if (this.closed) throw new Error('RedisStore is closed');
      if (client.isOpen === false) throw new Error('RedisStore could not connect: the Redis client it was given is closed');
      if (Date.now() >= deadline) throw this.timeoutError();
      await new Promise<void>((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
    if (this.closed) throw new Error('RedisStore is closed');
    return client;
  }

  /** Creates, connects and returns the store's own client (from `url`). */
  private async connect(): Promise<RedisClientLike> {
    let createClient: (options: { url: string }) => RedisClientLike;
    try {
      ({ createClient } = (await import('redis')) as unknown as { createClient: typeof createClient });
    } catch (error) {
      throw new Error('RedisStore with `url` needs the "redis" package (node-redis 5 or 6): npm install redis', { cause: error });
    }
    // The client retries a refused connection by itself; callers are bounded by connectTimeoutMs.
    const client = createClient({ url: this.url! });
    client.on?.('error', (error) => this.onError(error));
    this.owned = client;
    try {
      await client.connect?.();
    } catch (error) {
      if (this.owned === client) {
        this.owned = undefined;
        try {
          client.destroy?.();
        } catch {
          // Already torn down by the failure itself.
        }
      }
      throw error;
    }
    if (this.closed) {
      // close() ran while connecting; it already closed (or destroyed) this client.
      throw new Error('RedisStore is closed');
    }
    return client;
  }
}

/** How often the store looks whether a given client became ready, while it waits for that once. */