/**
 * The msw face: `http.all` handlers that route every request under the simulator's base URL(s) to
 * the core. Works with `setupServer` (node) and `setupWorker` (browser).
 * Faults: "dropped connection" → `HttpResponse.error()`; "no answer" → the handler waits until the
 * request's signal aborts (the client gives up) or the simulator closes, then errors.
 */
import type { HttpHandler } from 'msw';
import type { SimulatorCore } from './simulator/types.js';

/**
 * msw, when it is installed: an optional peer dependency, which only `simulator.handlers` needs
 * (the `fetch` and node:http faces run without it).
 */
let missing: unknown;
const msw = await import('msw').catch((error: unknown) => {
  missing = error;
  return undefined;
});

export function createMswHandlers(core: SimulatorCore, bases: string[]): HttpHandler[] {
  if (!msw) {
    throw new Error('simulator.handlers needs msw 2, an optional peer dependency of paylater-checkout: npm install --save-dev msw', { cause: missing });
  }
  const { http, HttpResponse } = msw;
  return bases.map((base) =>
    http.all(`${base}/*`, async ({ request }) => {
      const outcome = await core.handle(request);
      if (outcome.kind === 'response') return outcome.response;
      if (outcome.kind === 'drop') return HttpResponse.error();
      await outcome.released;
      return HttpResponse.error();
    }),
  );
}
