/** The deprecated spellings of the simulator's faces, for both `testing` entry files (`index.ts`, `portable.ts`). */
import type { XenditSimulator } from './portable.js';
import type { XenditSimulatorBase } from './simulator/index.js';

/** Gives `simulator` the deprecated spellings of its faces (`handlers`, `listen`). */
export function withOlderFaces(simulator: XenditSimulatorBase, handlers: () => unknown[], listen: (port: number, host: string) => Promise<{ url: string }>): XenditSimulator {
  let made: unknown[] | undefined;
  return Object.defineProperties(simulator, {
    handlers: {
      enumerable: true,
      get: () => (made ??= handlers()),
    },
    listen: {
      enumerable: true,
      value: (port = 0, host = '127.0.0.1') => listen(port, host),
    },
  }) as XenditSimulator;
}

