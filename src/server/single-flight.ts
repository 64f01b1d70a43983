/**
 * Single flight: concurrent identical requests share one upstream call and its answer, in one
 * process (they join the same promise) and across instances that share a store (one holds the
 * flight's lock and publishes the answer; the others wait for it). No `node:` imports.
 */
import { withLock, type Store } from './store.js';

export interface FlightOptions {
  /** How long the others may wait for the one doing the work (then `LockTimeoutError`). */
  waitMs: number;
}

export type Flights = <T>(key: string, work: () => Promise<T>, options: FlightOptions) => Promise<T>;

/** Lives as long as the lock of a flight whose holder died; renewed while the work runs. */
const FLIGHT_LOCK_TTL_MS = 3_000;
const FLIGHT_POLL_MS = 20;

/**
 * The answer of the last flight, kept only for those who were already waiting when it finished: a
 * request that arrives after a flight ended never takes its answer (it is not a cache), so
 * sequential requests still reach Xendit and caching stays the caller's choice.
 */
interface Published<T> {
  value: T;
  finishedAt: number;
}

/**
 * `shared: false` for a store that only this process uses (`MemoryStore`): joining the promise in
 * memory is then exact, and the store's lock would only cost time.
 */
export function createFlights(store: Store, { shared = true }: { shared?: boolean } = {}): Flights {
  const local = new Map<string, Promise<unknown>>();

  return function flight<T>(key: string, work: () => Promise<T>, { waitMs }: FlightOptions): Promise<T> {
    const joined = local.get(key);
    if (joined) return joined as Promise<T>;
    const answerKey = `flight:${key}`;
    const arrived = Date.now();
    const run = !shared ? work() : withLock(
      store,
      answerKey,
      async () => {
        // Another instance finished the same work while this one waited for the lock.
        const raw = await store.get(answerKey);
        const done = raw === null ? undefined : (JSON.parse(raw) as Published<T>);
        if (done && done.finishedAt >= arrived) return done.value;
        const value = await work();
        const published: Published<T> = { value, finishedAt: Date.now() };
        await store.set(answerKey, JSON.stringify(published), { ttlMs: waitMs + FLIGHT_LOCK_TTL_MS, cache: true });
        return value;
      },
      { ttlMs: FLIGHT_LOCK_TTL_MS, waitMs, pollMs: FLIGHT_POLL_MS },
    );
    local.set(key, run);
    void run.then(
      () => local.delete(key),
      () => local.delete(key),
    );
    return run;
  };
}
