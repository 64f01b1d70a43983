/**
 * What `RedisStore` needs of a node-redis client, its Lua scripts (each touches one key, so it runs
 * on a Redis Cluster too), and small helpers for waiting on a client. No `node:` imports.
 */
/** Arguments of a script call in node-redis's shape. */
export interface RedisScriptArguments {
  keys: string[];
  arguments: string[];
}

/**
 * The part of a node-redis (`redis` v5 or v6) client that `RedisStore` uses: what
 * `createClient()` and `createCluster()` return fits. Declared here so that this module's types
 * do not depend on the optional `redis` package.
 */
export interface RedisClientLike {
  /** node-redis: true from `connect()` on (also while it is still connecting) until `close()`/`destroy()`. */
  readonly isOpen?: boolean;
  /**
   * node-redis: true once the client can take commands. A single-node client queues commands
   * until then; a cluster client (node-redis 6) refuses them with "The client is offline" until
   * its slots are discovered, so the store waits for this before its first command.
   */
  readonly isReady?: boolean;
  /** A cluster client's masters: node-redis 5's cluster has no `isReady`; it lists masters once its slots are known. */
  readonly masters?: readonly unknown[];
  /** node-redis: resolves once the client can take commands (a cluster: after slot discovery). */
  connect?(): Promise<unknown>;
  get(key: string): Promise<unknown>;
  set(
    key: string,
    value: string,
    options?: { condition?: 'NX'; expiration?: { type: 'PX'; value: number } },
  ): Promise<unknown>;
  del(key: string): Promise<unknown>;
  /** node-redis `INFO [section]` (a single-node client; a cluster client has none without a node). */
  info?(section?: string): Promise<unknown>;
  eval(script: string, options: RedisScriptArguments): Promise<unknown>;
  evalSha(sha1: string, options: RedisScriptArguments): Promise<unknown>;
  close?(): Promise<unknown>;
  destroy?(): unknown;
  on?(event: 'error', listener: (error: unknown) => void): unknown;
}

export interface Script {
  lua: string;
  /** SHA-1 of `lua`, computed once with Web Crypto (no `node:crypto`, so this module loads anywhere). */
  sha?: Promise<string>;
}

function script(lua: string): Script {
  return { lua };
}

export async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

// Each script touches exactly one key, KEYS[1], and is called with that key alone (see `run`): on a
// Redis Cluster a script's keys must share one hash slot (else CROSSSLOT), which one key always does.

/** KEYS: the key. ARGV: hasExpected ('1' | '0'), expected, value, ttlMs ('' = none). */
export const COMPARE_AND_SET = script(`
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current ~= ARGV[2] then return 0 end
elseif current then
  return 0
end
if ARGV[4] == '' then
  redis.call('SET', KEYS[1], ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
end
return 1
`);

/** KEYS: the key. ARGV: expected. */
export const COMPARE_AND_DELETE = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);

/** KEYS: the counter. ARGV: ttlMs, set only when this call creates it (a fixed window). */
export const INCREMENT = script(`
local value = redis.call('INCR', KEYS[1])
if value == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return value
`);

export function toStringOrNull(reply: unknown): string | null {
  if (reply === null || reply === undefined) return null;
  return typeof reply === 'string' ? reply : String(reply); // a Buffer under a custom typeMapping
}


export const READY_POLL_MS = 5;

/**
 * Whether `client` takes commands now. node-redis clients (single-node, and cluster from v6) say
 * so with `isReady`; node-redis 5's cluster client has no `isReady` but fills `masters` together
 * with its slot table once discovery is done; any other client is trusted once open.
 */
export function isClientReady(client: RedisClientLike): boolean {
  if (client.isOpen === false) return false;
  if (typeof client.isReady === 'boolean') return client.isReady;
  if (Array.isArray(client.masters)) return client.masters.length > 0;
  return true;
}

export function withTimeout<T>(promise: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timeoutError()), ms);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error: unknown) => { clearTimeout(timer); reject(error); },
    );
  });
}

/** The URL without its password, for error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the Redis URL';
  }
}
