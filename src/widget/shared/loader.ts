/**
 * Async data for an element, in the manner of `@lit/task` and in the few lines this widget needs
 * (the CDN bundle has a size budget): runs when the arguments change, passes an `AbortSignal` and
 * aborts the previous run, drops stale results, and holds one of four states to render.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type LoadState<T> =
  | { status: 'initial' }
  | { status: 'pending' }
  | { status: 'complete'; value: T }
  | { status: 'error'; error: unknown };

export interface LoaderOptions<A extends readonly unknown[], T> {
  /** The arguments; a run starts when they change (compared as JSON). */
  args: () => A;
  /** Starts loading, or returns undefined for "nothing to load" (the initial state). */
  load: (args: A, signal: AbortSignal) => Promise<T> | undefined;
  onComplete?: (value: T) => void;
  onError?: (error: unknown) => void;
}

export class Loader<A extends readonly unknown[], T> implements ReactiveController {
  state: LoadState<T> = { status: 'initial' };
  // ES private members: the minifier may shorten their names.
  #key: string | undefined;
  #abort: AbortController | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #options: LoaderOptions<A, T>;

  constructor(host: ReactiveControllerHost, options: LoaderOptions<A, T>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get value(): T | undefined {
    return this.state.status === 'complete' ? this.state.value : undefined;
  }

  hostUpdate(): void {
    const args = this.#options.args();
    const key = JSON.stringify(args);
    if (key !== this.#key) {
      this.#key = key;
      void this.run(args);
    }
  }

  hostDisconnected(): void {
    // Connected again later: load afresh.
    if (this.state.status === 'pending') this.#key = undefined;
    this.#abort?.abort();
  }

  /**
   * Takes `value` as the answer for the current arguments, without loading (the plans a server
   * rendered into the page), as a run that completed.
   */
  set(value: T): void {
    this.#key = JSON.stringify(this.#options.args());
    this.state = { status: 'complete', value };
    this.#options.onComplete?.(value);
    this.#host.requestUpdate();
  }

  /** Runs now (again), with the current arguments unless others are given. */
  async run(args: A = this.#options.args()): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const promise = this.#options.load(args, abort.signal);
    this.state = promise ? { status: 'pending' } : { status: 'initial' };
    this.#host.requestUpdate();
    if (!promise) return;
    try {
      const value = await promise;
      if (abort.signal.aborted) return;
      this.state = { status: 'complete', value };
      this.#options.onComplete?.(value);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.state = { status: 'error', error };
      this.#options.onError?.(error);
    }
    this.#host.requestUpdate();
  }
}
