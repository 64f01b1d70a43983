/**
 * Timers and background work of the simulator (settle timers, callback deliveries and retries),
 * tracked so tests can wait for them (`whenIdle`), fast-forward them (`flush`) and stop them all
 * (`cancelAll`, used by `close()` and `reset()`).
 */
type Task = () => unknown;

export class Scheduler {
  private readonly timers = new Map<ReturnType<typeof setTimeout>, Task>();
  private readonly inflight = new Set<Promise<void>>();
  private waiters: Array<() => void> = [];

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Runs `task` after `ms` milliseconds. */
  schedule(ms: number, task: Task): void {
    const handle = setTimeout(() => {
      this.timers.delete(handle);
      this.run(task);
    }, ms);
    this.timers.set(handle, task);
  }

  /** Counts `promise` as pending work until it settles. */
  track<T>(promise: Promise<T>): Promise<T> {
    const tracked: Promise<void> = promise.then(
      () => undefined,
      (error) => this.onError(error),
    );
    const done = tracked.finally(() => {
      this.inflight.delete(done);
      this.check();
    });
    this.inflight.add(done);
    return promise;
  }

  get busy(): boolean {
    return this.timers.size > 0 || this.inflight.size > 0;
  }

  whenIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Runs every pending timer now (and the ones they schedule) until nothing is pending. */
  async flush(): Promise<void> {
    for (let guard = 0; this.busy && guard < 10_000; guard += 1) {
      const due = [...this.timers];
      for (const [handle, task] of due) {
        clearTimeout(handle);
        this.timers.delete(handle);
        this.run(task);
      }
      if (this.inflight.size > 0) await Promise.race(this.inflight);
      else await Promise.resolve();
    }
  }

  /** Stops every timer. In-flight work is stopped by its owner (abort); waiters resolve once it settles. */
  cancelAll(): void {
    for (const handle of this.timers.keys()) clearTimeout(handle);
    this.timers.clear();
    this.check();
  }

  private run(task: Task) {
    try {
      const result = task();
      if (result && typeof (result as Promise<unknown>).then === 'function') this.track(result as Promise<unknown>);
    } catch (error) {
      this.onError(error);
    } finally {
      this.check();
    }
  }

  private check() {
    if (this.busy) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
