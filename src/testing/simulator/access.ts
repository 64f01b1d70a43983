/**
 * How a face (the msw handlers, the node:http server) reaches a simulator's core. A face imports
 * `simulatorCore` from here and calls it with the simulator it was given; the core imports no face.
 */
import type { SimulatorCore, XenditSimulatorBase } from './types.js';

/** A server put in front of a simulator by a face. */
export interface AttachedServer {
  readonly url: string;
  close(): Promise<void>;
}

/** What a face may do with a simulator's core. */
export interface SimulatorFaceAccess extends SimulatorCore {
  /** The origins (+ base paths) answered without a server: `baseUrl`, and `checkoutBaseUrl` when it differs. */
  readonly bases: readonly string[];
  /** Ends every request the core is holding (a "no answer" fault, an injected latency). */
  releaseHeld(): void;
  /** The server attached now, if any. */
  readonly server: AttachedServer | undefined;
  /**
   * Attaches a server: its url becomes `simulator.url` and the checkout pages' base, and
   * `simulator.close()` closes it. Throws when one is attached already. Returns `detach`, for the
   * server to call when it closes by itself.
   */
  attachServer(server: AttachedServer): () => void;
}

const cores = new WeakMap<object, SimulatorFaceAccess>();

/** Called once by `createXenditSimulator` for the object it returns. */
export function registerCore(simulator: XenditSimulatorBase, access: SimulatorFaceAccess): void {
  cores.set(simulator, access);
}

/** The core behind a simulator made by `createXenditSimulator`. */
export function simulatorCore(simulator: XenditSimulatorBase): SimulatorFaceAccess {
  const access = cores.get(simulator);
  if (!access) throw new TypeError('Expected a simulator made by createXenditSimulator.');
  return access;
}
