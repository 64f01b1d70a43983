/**
 * The Xendit simulator: state, routes and rules from XENDIT_API.md (see DESIGN.md "The simulator").
 * The core (`router.ts` and the route modules under `routes/`) is one fetch-style function with no
 * `node:` imports, so it runs in the browser too (msw worker). This module wraps it in the
 * simulator object (`fetch`, state, faults). The faces live outside and reach the core through
 * `simulatorCore(simulator)`: msw handlers (`../msw.ts`) and the node:http server (`../node.ts`).
 */
import { clone, SimulatedError } from '../responses.js';
import { registerCore, type AttachedServer } from './access.js';
import { createContext, normaliseBase } from './context.js';
import { describeBusy, idleTimeout } from './idle.js';
import { createRouter } from './router.js';
import type { SimCharge, XenditSimulatorBase, XenditSimulatorOptions } from './types.js';

export { XENDIT_CALLBACK_RETRY_DELAYS_MS } from './context.js';
export { WHEN_IDLE_TIMEOUT_MS } from './idle.js';
export type * from './types.js';
export { simulatorCore } from './access.js';
export type { AttachedServer, SimulatorFaceAccess } from './access.js';

/** Creates a simulator. See DESIGN.md "The simulator" and XENDIT_API.md for the rules it follows. */
export function createXenditSimulator(options: XenditSimulatorOptions = {}): XenditSimulatorBase {
  const sim = createContext(options);
  const { scheduler, deliveries, holds, faults, baseUrl, checkoutBaseOption, customers, customerRefs, plans, charges, refunds, inquiries, bills, billRefs, idempotency, rateWindows, loadFixtures } = sim;
  const { core, settleCharge, settleBill } = createRouter(sim);
  let server: AttachedServer | undefined;

  function releaseHeld() {
    for (const release of [...holds]) release();
  }

  function stopBackground() {
    sim.generation += 1;
    scheduler.cancelAll();
    for (const controller of deliveries) controller.abort(new Error('simulator closed'));
    deliveries.clear();
    sim.pendingCallbacks.clear();
    releaseHeld();
  }

  function publicCharge(id: string, status: 'SUCCEEDED' | 'FAILED'): SimCharge {
    try {
      return settleCharge(id, status);
    } catch (error) {
      if (error instanceof SimulatedError) throw new Error(error.message);
      throw error;
    }
  }

  const simulator: XenditSimulatorBase = {
    async fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      const outcome = await core.handle(request);
      if (outcome.kind === 'response') return outcome.response;
      if (outcome.kind === 'drop') throw new TypeError('fetch failed', { cause: new Error('the simulator dropped the connection') });
      await outcome.released;
      if (request.signal.aborted) throw request.signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
      throw new TypeError('fetch failed', { cause: new Error('the simulator closed before answering') });
    },
    async close() {
      stopBackground();
      const current = server;
      server = undefined;
      sim.serverUrl = undefined;
      if (current) await current.close();
    },
    get url() {
      return sim.serverUrl;
    },
    setCallbackUrl(url: string | undefined) {
      if (url !== undefined) normaliseBase(url, 'callbackUrl');
      sim.callbackUrl = url;
    },
    setBillCallbackUrl(url: string | undefined) {
      if (url !== undefined) normaliseBase(url, 'billCallbackUrl');
      sim.billCallbackUrl = url;
    },
    approveCharge: (id) => publicCharge(id, 'SUCCEEDED'),
    rejectCharge: (id) => publicCharge(id, 'FAILED'),
    settleBillPayment(id, status) {
      const record = bills.get(id);
      if (!record) throw new Error(`Bill payment ${id} was not found.`);
      if (record.payment.properties.status !== 'PENDING') throw new Error(`Bill payment ${id} is ${record.payment.properties.status}, not PENDING.`);
      settleBill(record, status);
      return clone(record.payment);
    },
    injectFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    customers: () => [...customers.values()].filter((c) => !c.fixture).map((c) => clone(c.json)),
    plans: () => [...plans.values()].filter((p) => !p.fixture).map((p) => clone(p.plan)),
    charges: () => [...charges.values()].map((c) => clone(c.charge)),
    refunds: () => [...refunds.values()].map((r) => clone(r)),
    billPayments: () => [...bills.values()].map((b) => clone(b.payment)),
    requests: () => clone(sim.requestLog),
    callbacks: () => clone(sim.callbackLog),
    whenIdle(options) {
      const timeoutMs = idleTimeout(options);
      return scheduler.whenIdle(timeoutMs, () => describeBusy(sim, timeoutMs));
    },
    flush: () => scheduler.flush(),
    reset() {
      stopBackground();
      faults.clear();
      customers.clear();
      customerRefs.clear();
      plans.clear();
      charges.clear();
      refunds.clear();
      inquiries.clear();
      bills.clear();
      billRefs.clear();
      idempotency.clear();
      rateWindows.clear();
      sim.requestLog = [];
      sim.callbackLog = [];
      loadFixtures();
    },
  };

  registerCore(simulator, {
    handle: core.handle,
    bases: [baseUrl, ...(checkoutBaseOption && checkoutBaseOption !== baseUrl ? [checkoutBaseOption] : [])],
    releaseHeld,
    get server() {
      return server;
    },
    attachServer(attached) {
      if (server) throw new Error('The simulator is already listening at ' + server.url);
      server = attached;
      sim.serverUrl = attached.url;
      return () => {
        if (server !== attached) return;
        server = undefined;
        sim.serverUrl = undefined;
      };
    },
  });
  return simulator;
}

