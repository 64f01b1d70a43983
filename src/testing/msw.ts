/**
 * The msw face: `http.all` handlers that route every request under the simulator's base URL(s) to
 * the core. Works with `setupServer` (node) and `setupWorker` (browser).
 * Faults: "dropped connection" → `HttpResponse.error()`; "no answer" → the handler waits until the
 * request's signal aborts (the client gives up) or the simulator closes, then errors.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { SimulatorCore } from './simulator.js';

export function createMswHandlers(core: SimulatorCore, bases: string[]): HttpHandler[] {
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
