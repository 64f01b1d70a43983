/**
 * `paylater-checkout/testing`: an offline simulator of the Xendit API (Customers, PayLater, Bill
 * Payments) and of the providers' checkout pages. Its faces have entry points of their own:
 * `paylater-checkout/testing/msw` (`simulatorHandlers`) and `paylater-checkout/testing/node`
 * (`listenSimulator`). This module, which Node's `import` gets, adds the older spellings of both to
 * the simulator it makes; `require()` and browser bundles get `portable.ts`, the same without them.
 */
import { createXenditSimulator as createSimulator, type XenditSimulatorOptions } from './simulator/index.js';
import { withOlderFaces } from './older-faces.js';
import type { XenditSimulator } from './portable.js';

export * from './portable.js';

/**
 * The msw face, when msw is installed (an optional peer dependency): only the deprecated
 * `simulator.handlers` needs it here.
 */
let mswMissing: unknown;
const mswFace = await import('./msw.js').catch((error: unknown) => {
  mswMissing = error;
  return undefined;
});

/** Creates a simulator. See DESIGN.md "The simulator" and XENDIT_API.md for the rules it follows. */
export function createXenditSimulator(options: XenditSimulatorOptions = {}): XenditSimulator {
  const simulator = createSimulator(options);
  return withOlderFaces(
    simulator,
    () => {
      if (!mswFace) {
        throw new Error('simulator.handlers needs msw 2, an optional peer dependency of paylater-checkout: npm install --save-dev msw', { cause: mswMissing });
      }
      return mswFace.simulatorHandlers(simulator);
    },
    async (port, host) => {
      // The node:http face, loaded only when asked for.
      const { listenSimulator } = await import('./node.js');
      const { url } = await listenSimulator(simulator, { port, host });
      return { url };
    },
  );
}
