/**
 * Timers and background work of the simulator (settle timers, callback deliveries and retries),
 * tracked so tests can wait for them (`whenIdle`), fast-forward them (`flush`) and stop them all
 * (`cancelAll`, used by `close()` and `reset()`). Each piece of work carries a label ("callback",
 * "refund settlement") so a `whenIdle` that gives up can say what was still pending.
 */
type Task = () => unknown;

export class Scheduler {
  private readonly timers = new Map<ReturnType<typeof setTimeout>, { task: Task; label: string }>();
  private readonly inflight = new Map<Promise<void>, string>();
  private waiters: Array<() => void> = [];

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Runs `task` after `ms` milliseconds. */
  schedule(ms: number, task: Task, label = 'timer'): void {
    const handle = setTimeout(() => {
      this.timers.delete(handle);
      this.run(task, label);
    }, ms);
    this.timers.set(handle, { task, label });
  }

  /** Counts `promise` as pending work until it settles. */
  track<T>(promise: Promise<T>, label = 'task'): Promise<T> {
    const tracked: Promise<void> = promise.then(
      () => undefined,
      (error) => this.onError(error),
    );
    const done = tracked.finally(() => {
      this.inflight.delete(done);
      this.check();
    });
    this.inflight.set(done, label);
    return promise;
  }

  get busy(): boolean {
    return this.timers.size > 0 || this.inflight.size > 0;
  }

  /** Pending timers and in-flight work, counted by label. */
  pending(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const label of [...[...this.timers.values()].map((t) => t.label), ...this.inflight.values()]) {
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    return counts;
  }

  /**
   * Resolves when nothing is pending. With a finite `timeoutMs`, rejects after that long with an
   * Error whose message `explain` writes (what is still pending, and why).
   */
  whenIdle(timeoutMs = Infinity, explain: () => string = () => 'whenIdle: still busy'): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waiter = () => {
        if (timer !== undefined) clearTimeout(timer);
        resolve();
      };
      this.waiters.push(waiter);
      if (Number.isFinite(timeoutMs)) {
        timer = setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(explain()));
        }, timeoutMs);
      }
    });
  }

  /** Runs every pending timer now (and the ones they schedule) until nothing is pending. */
  async flush(): Promise<void> {
    for (let guard = 0; this.busy && guard < 10_000; guard += 1) {
      const due = [...this.timers];
      for (const [handle, { task, label }] of due) {
        clearTimeout(handle);
        this.timers.delete(handle);
        this.run(task, label);
      }
      if (this.inflight.size > 0) await Promise.race(this.inflight.keys());
      else await Promise.resolve();
    }
  }

  /** Stops every timer. In-flight work is stopped by its owner (abort); waiters resolve once it settles. */
  cancelAll(): void {
    for (const handle of this.timers.keys()) clearTimeout(handle);
    this.timers.clear();
    this.check();
  }

  private run(task: Task, label: string) {
    try {
      const result = task();
      if (result && typeof (result as Promise<unknown>).then === 'function') this.track(result as Promise<unknown>, label);
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
