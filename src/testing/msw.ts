/**
 * `paylater-checkout/testing/msw`, the msw face: `http.all` handlers that route every request under
 * the simulator's base URL(s) to the core. Works with `setupServer` (node) and `setupWorker`
 * (browser). msw 2 is an optional peer dependency of paylater-checkout; whoever imports this module
 * has it installed.
 * Faults: "dropped connection" → `HttpResponse.error()`; "no answer" → the handler waits until the
 * request's signal aborts (the client gives up) or the simulator closes, then errors.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { simulatorCore, type XenditSimulatorBase } from './simulator/index.js';

/**
 * msw 2 handlers that answer for the simulator at its `baseUrl` (and `checkoutBaseUrl`):
 * `setupServer(...simulatorHandlers(simulator))`, `setupWorker(...simulatorHandlers(simulator))`.
 */
export function simulatorHandlers(simulator: XenditSimulatorBase): HttpHandler[] {
  const core = simulatorCore(simulator);
  return core.bases.map((base) =>
    http.all(`${base}/*`, async ({ request }) => {
      const outcome = await core.handle(request);
      if (outcome.kind === 'response') return outcome.response;
      if (outcome.kind === 'drop') return HttpResponse.error();
      await outcome.released;
      return HttpResponse.error();
    }),
  );
}
