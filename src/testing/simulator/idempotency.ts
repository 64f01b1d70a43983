/** Idempotency-Key handling: a stored 2xx answer replays for the same key and body. */
import { canonicalJson, SimulatedError, validationError } from '../responses.js';
import type { Ctx, Reply, Sim } from './context.js';

export function idempotencyKey(ctx: Ctx): string | null {
  const key = ctx.headers.get('idempotency-key') ?? ctx.headers.get('x-idempotency-key');
  return key === null ? null : key;
}

/** Replays a stored 2xx answer for the same key and body; 409 IDEMPOTENCY_ERROR for another body; else runs and stores a 2xx. */
export function idempotent(sim: Sim, ctx: Ctx, scope: string, body: unknown, run: () => Reply): Reply {
  const key = idempotencyKey(ctx);
  if (key === null) return run();
  if (key.length < 1 || key.length > 100) throw validationError([{ path: 'Idempotency-Key', message: 'must be 1 to 100 characters' }]);
  const slot = `${scope}\u0000${key}`;
  const fingerprint = canonicalJson(body);
  const stored = sim.idempotency.get(slot);
  if (stored) {
    if (stored.fingerprint !== fingerprint) {
      throw new SimulatedError(409, 'IDEMPOTENCY_ERROR', 'This Idempotency-Key was already used with a different request body.');
    }
    return new Response(stored.body, { status: stored.status, headers: stored.headers });
  }
  const reply = run();
  if (!(reply instanceof Response) && reply.status >= 200 && reply.status < 300) {
    sim.remember(sim.idempotency, slot, { fingerprint, status: reply.status, body: JSON.stringify(reply.body), headers: { 'content-type': 'application/json; charset=utf-8', ...reply.headers } });
  }
  return reply;
}
