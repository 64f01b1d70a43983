/**
 * Crash consistency: two companion instances (test/crash/companion-child.ts, sharing one real
 * redis-server through `RedisStore`) are SIGKILLed at random moments while shoppers go through
 * plans → charge (one or two providers) → the provider's page → callback → bill fulfilment, and
 * restarted on the same port. Half the kills are blind, half aimed: the killer waits up to 200 ms
 * for an instance busy with a chosen step (plans, charges, inquiry, a callback, a bill's paid
 * callback, a status poll) and strikes 0–30 ms later. Shoppers retry network errors, time-outs and
 * 5xx with backoff, as a shopper reloading would. Callbacks reach the instances through a
 * round-robin balancer in this process.
 *
 * Afterwards both instances are restarted cleanly, the simulator's callback retries and the
 * shoppers' status polls are let finish (until every token agrees with the simulator, or nothing
 * has moved for three rounds with the simulator idle, or CRASH_SETTLE_MS), and the SIMULATOR's
 * state (where the money really went) is checked:
 *
 *   1. no order keeps two payments: per order reference, at most one charge SUCCEEDED and not
 *      refunded in full (REFUNDED, or refunds PENDING/SUCCEEDED covering the amount, count as
 *      refunded). Counted apart: orders where one of the kept charges is at a provider that takes
 *      no refunds by API (Atome, UangMe), where the companion may have picked that one as the
 *      duplicate and could only log "refund by hand";
 *   2. bills, per bill order (an inquiry; matched to bill payments by the payment's reference,
 *      which must name the order or one of its charges, else by the test's unique customer
 *      number): at most one bill payment that did not FAIL ("paid twice"); no kept PayLater charge
 *      without a SUCCEEDED bill payment ("unpaid, charge kept"); no SUCCEEDED bill payment while
 *      no charge of the order is kept ("paid, no charge kept": the merchant paid the biller for
 *      nothing); no bill payment of an unknown order;
 *   3. no status is lost: every status token a shopper received answers 200 on GET /status, for
 *      the charge it was given with ("answers another charge" otherwise), with the simulator's
 *      status for it. Strict equality once settled: a companion that still says SUCCEEDED for a
 *      charge the simulator has REFUNDED counts (every refund callback was delivered by then);
 *      SUCCEEDED with a refund still PENDING is SUCCEEDED at the simulator too, so it matches.
 *
 * Also printed, not asserted: kills per step in flight, onPaymentEvent/onBillEvent calls (from the
 * children's event file: repeats after a kill, final statuses never announced), callbacks given up,
 * journeys not finished and why, charges kept for a cart that grew afterwards. The run fails when
 * it did too little to prove anything (few payments, no kill during plans/charges/inquiry/a
 * callback/bill fulfilment).
 *
 * Only public entry points are used: `createCompanion`, `RedisStore`, `toNodeHandler` (in the
 * child) and `createXenditSimulator` (here). Nothing reads the companion's keys in Redis.
 *
 * Time: about 2 minutes (kills ~50 s; settling ~60 s, because a lock left by a killed process
 * lives for its TTL: 61 s for a bill's fulfilment). `npm test` picks this file up too.
 *
 * Environment:
 *   CRASH_KILLS=200          SIGKILLs in total (fewer when CRASH_KILL_PHASE_MS=75000 runs out
 *                            first; fewer than a quarter fails the run)
 *   CRASH_SEED=<n>           replays the random choices (journeys, kill delays, victims); the
 *                            interleaving with real processes still varies
 *   CRASH_SHOPPERS=16        concurrent shoppers
 *   CRASH_SETTLE_MS=70000    how long to wait for callbacks and status polls after the kills
 *   CRASH_DEADLINE_MS=175000 the whole run; past it the test fails saying in which phase it was
 *   CRASH_CHILD_RUNTIME=bundle | tsx   how children run: an esbuild bundle of companion-child.ts
 *                            (starts in ~0.15 s; default) or `node --import tsx` (~0.5 s)
 *   CRASH_MIN_UPTIME_MS=100  a restarted instance serves at least this long before the next kill
 *                            may pick it (1000 with tsx; by default at least twice the
 *                            instances' first start)
 *   CRASH_KEEP=1             keep the run folder (children's stderr, events) even on success
 *   CRASH_DRY=1              control run: same shoppers and killer rhythm, no kill (what fails
 *                            then is not caused by crashes)
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createXenditSimulator, SIMULATOR_CHANNELS, type SimCharge, type SimBillPayment, type SimRefund } from '../../src/testing/index.js';
import { listenSimulator } from '../../src/testing/node.js';
import { findRedisServer, startRedis, type RedisServer } from '../helpers/redis.js';
import { CRASH_CALLBACK_TOKEN, CRASH_SECRET_KEY, cartAmount } from './companion-child.js';
import { prng } from '../helpers/random.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 200);
const SEED = process.env.CRASH_SEED !== undefined ? Number(process.env.CRASH_SEED) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
const SHOPPERS = Number(process.env.CRASH_SHOPPERS ?? 16);
const SETTLE_MS = Number(process.env.CRASH_SETTLE_MS ?? 70_000);
const DEADLINE_MS = Number(process.env.CRASH_DEADLINE_MS ?? 175_000);
/**
 * The kills stop at CRASH_KILLS or after this long, whichever comes first (a slow machine, whose
 * instances start slowly, gets fewer kills rather than a run past the deadline); fewer than a quarter of
 * CRASH_KILLS fails the run.
 */
const KILL_PHASE_MS = Number(process.env.CRASH_KILL_PHASE_MS ?? 75_000);
const RUNTIME = process.env.CRASH_CHILD_RUNTIME ?? 'bundle';
/**
 * How long a (re)started instance serves before it may be killed again: at least this, and by
 * default at least twice the instances' first start on this machine (on a slow one, a fixed
 * 100 ms left them down most of the run, and too few journeys ended to prove anything).
 */
const MIN_UPTIME_MS = Number(process.env.CRASH_MIN_UPTIME_MS ?? (RUNTIME === 'tsx' ? 1_000 : 100));
const KEEP = process.env.CRASH_KEEP === '1';
/** CRASH_DRY=1: the same load and the same killer's rhythm, but nobody is killed (a control run). */
const DRY = process.env.CRASH_DRY === '1';

const CHILD_TS = fileURLToPath(new URL('./companion-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** A shopper gives up on a journey after this long (a reload that never comes back). */
const JOURNEY_BUDGET_MS = 10_000;
/** One HTTP request to a companion: past this, the shopper reloads. */
const REQUEST_TIMEOUT_MS = 4_000;
/**
 * Xendit's retries, shortened: together about 66 s, longer than the longest lock a dead process
 * leaves behind (61 s, a bill's fulfilment), and never more than 5 s apart, so that a callback
 * goes through soon after such a lock lapses.
 */
const CALLBACK_RETRY_DELAYS_MS = [50, 100, 200, 400, 800, 1_500, 3_000, ...Array.from({ length: 12 }, () => 5_000)];

// ---------------------------------------------------------------- small tools

type Rng = ReturnType<typeof prng>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** A pause that does not keep the process alive (for "at most this long" races). */
const atMost = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// ---------------------------------------------------------------- the run

interface InFlight {
  route: string;
  tag: string;
}

interface Child {
  name: string;
  port: number;
  proc: ChildProcess | undefined;
  ready: boolean;
  /** When it last printed "ready". */
  readySince: number;
  /** Set when we kill it: its exit is expected. */
  killing: boolean;
  inflight: Set<InFlight>;
  starting: Promise<void> | undefined;
}

interface TokenInfo {
  token: string;
  chargeId: string;
  kind: 'cart' | 'bill';
  journey: number;
}

interface BillJourney {
  journey: number;
  product: string;
  number: string;
  checkout: string;
  chargeIds: Set<string>;
}

interface Violation {
  invariant: string;
  detail: string;
}

interface Control {
  /** Where the run is, for the deadline's message. */
  phase: string;
  /** Set by the run: stops everything (the deadline calls it). */
  abort?: () => Promise<void>;
}

async function runCrash(log: (line: string) => void, control: Control) {
  const started = Date.now();
  let stopping = false;
  const setPhase = (name: string) => {
    control.phase = name;
  };
  setPhase('setup');
  const dir = mkdtempSync(join(tmpdir(), 'paylater-crash-'));
  const eventsFile = join(dir, 'events.jsonl');
  const cartsFile = join(dir, 'carts.json');
  writeFileSync(eventsFile, '');
  writeFileSync(cartsFile, JSON.stringify({ versions: {} }));
  const childLog: WriteStream = createWriteStream(join(dir, 'children.log'));
  childLog.on('error', () => {}); // a dying child's last bytes after the end: not worth a crash
  const writeLog = (chunk: string | Buffer) => {
    if (!childLog.writableEnded) childLog.write(chunk);
  };
  log(`crash: seed=${SEED} kills=${KILLS} shoppers=${SHOPPERS} runtime=${RUNTIME} folder=${dir} (replay: CRASH_SEED=${SEED})`);

  let redis: RedisServer | undefined;
  let proxy: Server | undefined;
  const simulator = createXenditSimulator({
    secretKey: CRASH_SECRET_KEY,
    callbackToken: CRASH_CALLBACK_TOKEN,
    callbackRetryDelaysMs: CALLBACK_RETRY_DELAYS_MS,
    callbackTimeoutMs: 5_000,
    billSettleMs: 40,
    refundSettleMs: 40,
  });
  const children: Child[] = [];
  const background = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>) => {
    const tracked = p.finally(() => background.delete(tracked));
    background.add(tracked);
    return tracked;
  };

  // What the run saw.
  const tokens = new Map<string, TokenInfo>();
  const billJourneys: BillJourney[] = [];
  const billChargeIds = new Set<string>();
  const cartVersions = new Map<number, number>();
  const stats = {
    journeys: 0,
    cartJourneys: 0,
    billJourneys: 0,
    completed: 0,
    abandoned: new Map<string, number>(),
    kills: 0,
    killsInFlight: 0,
    killsByRoute: new Map<string, number>(),
    targeted: 0,
    spawnMs: [] as number[],
    unexpectedExits: 0,
    networkRetries: 0,
    presses: { pay: 0, cancel: 0 },
    twoProviders: 0,
    cartGrew: 0,
  };
  const bump = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

  let finished: Promise<void> | undefined;
  const finish = () => (finished ??= finishOnce());
  const finishOnce = async () => {
    stopping = true;
    for (const child of children) {
      child.killing = true;
      child.proc?.kill('SIGKILL');
    }
    await Promise.race([Promise.allSettled([...background]), atMost(3_000)]);
    for (const child of children) child.proc?.kill('SIGKILL');
    if (proxy) {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy!.close(() => resolve()));
    }
    await simulator.close();
    await redis?.stop();
    await new Promise<void>((resolve) => childLog.end(() => resolve()));
    // The bundle is big and rebuilt every run; the logs and events stay for a failed run.
    rmSync(join(dir, 'companion-child.mjs'), { force: true });
  };
  const killAllOnExit = () => children.forEach((c) => c.proc?.kill('SIGKILL'));
  process.once('exit', killAllOnExit);
  let aborted = false;
  control.abort = () => {
    aborted = true;
    return finish();
  };
  /** After the deadline stopped everything, nothing more is checked or reported: the run just ends. */
  const stillRunning = () => {
    if (aborted) throw new Error(`aborted by the deadline in phase "${control.phase}"`);
  };

  try {
    // ------------------------------------------------------------ setup
    const command = await childCommand(dir, log);
    redis = await startRedis();
    const xendit = await listenSimulator(simulator);

    // The callback URL: a tiny round-robin balancer in front of the two instances.
    let turn = 0;
    proxy = createServer(async (req, res) => {
      const body = await readBody(req).catch(() => '');
      const live = children.filter((c) => c.ready);
      if (!live.length) {
        res.writeHead(503).end();
        return;
      }
      const child = live[turn++ % live.length]!;
      let tag = 'callback';
      try {
        const parsed = JSON.parse(body) as { event?: string; data?: { id?: string; charge_id?: string; status?: string; reference_id?: string } };
        const chargeId = parsed.data?.charge_id ?? parsed.data?.id ?? '';
        const bill = billChargeIds.has(chargeId) || (parsed.data?.reference_id ?? '').startsWith('bill-');
        tag = `${parsed.event === 'paylater.refund' ? 'refund' : 'payment'}:${parsed.data?.status ?? '?'}:${bill ? 'bill' : 'cart'}`;
      } catch {
        // not JSON: forward as is
      }
      const mark: InFlight = { route: 'webhook', tag };
      child.inflight.add(mark);
      try {
        const answer = await fetch(`http://127.0.0.1:${child.port}${req.url ?? '/'}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-callback-token': String(req.headers['x-callback-token'] ?? '') },
          body,
          signal: AbortSignal.timeout(40_000),
        });
        const text = await answer.text();
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
      } catch {
        if (!res.headersSent) res.writeHead(502).end();
      } finally {
        child.inflight.delete(mark);
      }
    });
    await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    simulator.setCallbackUrl(`${proxyUrl}/paylater/webhooks/xendit`);

    for (const name of ['A', 'B']) {
      children.push({ name, port: await freePort(), proc: undefined, ready: false, readySince: 0, killing: false, inflight: new Set(), starting: undefined });
    }

    const start = (child: Child): Promise<void> => {
      if (child.starting) return child.starting;
      const begun = Date.now();
      const attempt = new Promise<void>((resolve, reject) => {
        const proc = spawn(command.cmd, [...command.args], {
          cwd: ROOT,
          env: {
            ...process.env,
            CRASH_CHILD: '1',
            CRASH_PORT: String(child.port),
            CRASH_NAME: child.name,
            CRASH_REDIS_URL: redis!.url,
            CRASH_XENDIT_URL: xendit.url,
            CRASH_EVENTS_FILE: eventsFile,
            CRASH_CARTS_FILE: cartsFile,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.proc = proc;
        child.killing = false;
        proc.stderr!.on('data', (chunk: Buffer) => writeLog(chunk));
        const timer = setTimeout(() => reject(new Error(`companion ${child.name} did not print "ready" within 15 s (see ${dir}/children.log)`)), 15_000);
        createInterface({ input: proc.stdout! }).on('line', (line) => {
          if (line.trim() === 'ready') {
            clearTimeout(timer);
            stats.spawnMs.push(Date.now() - begun);
            child.ready = true;
            child.readySince = Date.now();
            resolve();
          }
        });
        proc.once('exit', (code, signal) => {
          clearTimeout(timer);
          child.ready = false;
          child.inflight.clear();
          if (child.proc === proc) child.proc = undefined;
          if (!child.killing && !stopping) {
            stats.unexpectedExits += 1;
            writeLog(`${new Date().toISOString()} [${child.name}] EXITED UNEXPECTEDLY code=${code} signal=${signal}\n`);
            // Restart it: an instance that dies by itself is a finding, not a reason to stall.
            setTimeout(() => {
              if (!stopping) void track(start(child).catch(() => undefined));
            }, 50);
          }
          reject(new Error(`companion ${child.name} exited before it was ready (code ${code}, signal ${signal}); see ${dir}/children.log`));
        });
      });
      child.starting = attempt.finally(() => {
        child.starting = undefined;
      });
      return child.starting;
    };

    const kill = async (child: Child) => {
      const proc = child.proc;
      if (!proc) return;
      child.killing = true;
      child.ready = false;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGKILL');
      await exited;
    };

    await Promise.all(children.map(start));
    const minUptimeMs = process.env.CRASH_MIN_UPTIME_MS ? MIN_UPTIME_MS : Math.max(MIN_UPTIME_MS, 2 * Math.max(...stats.spawnMs));
    log(`crash: simulator ${xendit.url}, callbacks via ${proxyUrl}, companions A=${children[0]!.port} B=${children[1]!.port}, started in ${stats.spawnMs.join('/')} ms; each serves ${minUptimeMs} ms at least between kills`);

    // ------------------------------------------------------------ shoppers' HTTP

    type Answer = { status: number; body: any };
    /** Set when the kills are over: shoppers stop where they are (their tokens stay recorded). */
    let stopJourneys = false;

    /** One request to one instance; throws on a network error or time-out. */
    async function callChild(child: Child, method: 'GET' | 'POST', path: string, json: unknown, mark: InFlight): Promise<Answer> {
      child.inflight.add(mark);
      try {
        const response = await fetch(`http://127.0.0.1:${child.port}/paylater${path}`, {
          method,
          headers: json === undefined ? {} : { 'content-type': 'application/json' },
          ...(json === undefined ? {} : { body: JSON.stringify(json) }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await response.text();
        let body: any = text;
        try {
          body = JSON.parse(text);
        } catch {
          // keep the text
        }
        return { status: response.status, body };
      } finally {
        child.inflight.delete(mark);
      }
    }

    /**
     * A shopper's request: to whichever instance the balancer picks, again after a network error,
     * a time-out or a 5xx/429 (the shopper reloads), with backoff and jitter, until `until`.
     * Returns the last answer, or null when the shopper gave up (or `stop()` says the shoppers
     * are sent home: the kills are over).
     */
    async function request(rng: Rng, method: 'GET' | 'POST', path: string, json: unknown, route: string, tag: string, until: number, stop = () => stopJourneys): Promise<Answer | null> {
      let last: Answer | null = null;
      for (let attempt = 0; Date.now() < until && !stopping && !stop(); attempt += 1) {
        const live = children.filter((c) => c.ready);
        if (!live.length) {
          await sleep(30);
          continue;
        }
        const child = rng.pick(live);
        try {
          last = await callChild(child, method, path, json, { route, tag });
          if (last.status < 500 && last.status !== 429) return last;
        } catch {
          // connection refused / reset / time-out: the instance died or hangs
        }
        stats.networkRetries += 1;
        await sleep(Math.min(40 * 2 ** Math.min(attempt, 5), 800) * (0.5 + rng.next()));
      }
      return last && last.status < 500 && last.status !== 429 ? last : null;
    }

    /** Presses a button on the simulated provider page, as test/helpers/shop.ts pressOnProviderPage does. */
    async function press(checkoutUrl: string, button: 'Pay' | 'Cancel'): Promise<number> {
      const page = await (await fetch(checkoutUrl)).text();
      const forms = [...page.matchAll(/<form\b[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)];
      const form = forms.find((m) => new RegExp(`>\\s*${button}\\s*<`).test(m[2]!));
      if (!form) return 0; // an already paid or cancelled page shows no form
      const action = new URL(form[1]!.replace(/&amp;/g, '&'), checkoutUrl);
      const response = await fetch(action, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
      await response.arrayBuffer();
      if (response.status === 303) stats.presses[button === 'Pay' ? 'pay' : 'cancel'] += 1;
      return response.status;
    }

    const billFinal = (bill: any) => bill && (bill.status === 'SUCCEEDED' || (bill.status === 'FAILED' && (bill.refund?.status === 'SUCCEEDED' || bill.refund?.status === 'FAILED')));
    /** Whether a status answer is one a return page would stop polling at. */
    const statusFinal = (body: any, kind: 'cart' | 'bill') => {
      if (!body || typeof body.status !== 'string' || body.status === 'PENDING') return false;
      if (kind === 'bill' && body.status === 'SUCCEEDED') return billFinal(body.bill);
      return true;
    };

    // ------------------------------------------------------------ journeys

    let cartCounter = 0;
    const recentCarts: number[] = [];

    function writeCarts() {
      const tmp = `${cartsFile}.tmp`;
      writeFileSync(tmp, JSON.stringify({ versions: Object.fromEntries(cartVersions) }));
      renameSync(tmp, cartsFile);
    }

    async function payAndPoll(rng: Rng, charges: TokenInfo[], checkoutUrls: Map<string, string>, kind: 'cart' | 'bill', until: number) {
      // The first provider's page: mostly Pay; a second provider's page: often Pay too (two tabs).
      const decisions = charges.map((_, i) => {
        const r = rng.next();
        if (i === 0) return r < 0.9 ? 'Pay' : 'Cancel';
        return r < 0.75 ? 'Pay' : r < 0.85 ? 'Cancel' : 'leave';
      });
      const doPress = (i: number) => {
        const decision = decisions[i]!;
        if (decision === 'leave') return Promise.resolve(0);
        return press(checkoutUrls.get(charges[i]!.chargeId)!, decision).catch(() => 0);
      };
      if (charges.length > 1 && rng.chance(0.5)) await Promise.all(charges.map((_, i) => doPress(i)));
      else for (let i = 0; i < charges.length; i += 1) {
        await doPress(i);
        if (i + 1 < charges.length) await sleep(rng.int(0, 150));
      }
      // The return page polls every token it has until the answer is final.
      const open = new Set(charges.filter((_, i) => decisions[i] !== 'leave').map((c) => c.token));
      while (open.size && Date.now() < until && !stopping && !stopJourneys) {
        for (const token of [...open]) {
          const info = tokens.get(token)!;
          const answer = await request(rng, 'GET', `/status?token=${token}`, undefined, 'status', kind, until);
          if (answer?.status === 200 && statusFinal(answer.body, info.kind)) open.delete(token);
        }
        if (open.size) await sleep(rng.int(60, 250));
      }
      return open.size === 0;
    }

    async function chargeAll(rng: Rng, kind: 'cart' | 'bill', journey: number, plans: Answer, count: number, until: number, onCharge?: (id: string) => void) {
      const available = (plans.body.providers as any[]).filter((p) => p.available);
      const chosen: any[] = [];
      while (chosen.length < Math.min(count, available.length)) {
        const p = rng.pick(available);
        if (!chosen.includes(p)) chosen.push(p);
      }
      const got: TokenInfo[] = [];
      const urls = new Map<string, string>();
      let refusal = '';
      for (const provider of chosen) {
        const answer = await request(rng, 'POST', '/charges', { quote: plans.body.quote, plan_id: provider.plan_id }, 'charges', kind, until);
        if (!answer) {
          refusal = 'charges: gave up (instances down or request hung)';
          continue;
        }
        if (answer.status !== 200) {
          refusal = `charges: ${answer.status} ${answer.body?.error?.code ?? ''}`;
          continue;
        }
        const info: TokenInfo = { token: answer.body.status_token, chargeId: answer.body.charge_id, kind, journey };
        if (kind === 'bill') billChargeIds.add(info.chargeId);
        onCharge?.(info.chargeId);
        if (!tokens.has(info.token)) tokens.set(info.token, info);
        if (!got.some((g) => g.chargeId === info.chargeId)) {
          got.push(info);
          urls.set(info.chargeId, answer.body.checkout_url.desktop);
        }
      }
      return { got, urls, refusal };
    }

    async function cartJourney(rng: Rng, id: number) {
      stats.cartJourneys += 1;
      const until = Date.now() + JOURNEY_BUDGET_MS;
      let n: number;
      if (recentCarts.length && rng.chance(0.35)) n = rng.pick(recentCarts);
      else {
        n = ++cartCounter;
        recentCarts.push(n);
        if (recentCarts.length > 12) recentCarts.shift();
      }
      const checkout = `cart-${n}`;
      for (let round = 0; round < 3; round += 1) {
        const plans = await request(rng, 'POST', '/plans', { checkout }, 'plans', 'cart', until);
        if (!plans || plans.status !== 200) return `plans: ${plans ? `${plans.status} ${plans.body?.error?.code}` : 'gave up'}`;
        if (rng.chance(0.06)) {
          // The shopper adds to the cart in another tab: the plans just shown are now stale.
          cartVersions.set(n, (cartVersions.get(n) ?? 0) + 1);
          writeCarts();
          stats.cartGrew += 1;
        }
        const two = rng.chance(0.3);
        if (two) stats.twoProviders += 1;
        const { got, urls, refusal } = await chargeAll(rng, 'cart', id, plans, two ? 2 : 1, until);
        if (!got.length) {
          if (refusal.includes('CHECKOUT_CHANGED')) continue;
          return refusal || 'charges: none';
        }
        return (await payAndPoll(rng, got, urls, 'cart', until)) ? '' : 'status: not final in time';
      }
      return 'plans: cart kept changing';
    }

    async function billJourney(rng: Rng, id: number) {
      stats.billJourneys += 1;
      const until = Date.now() + JOURNEY_BUDGET_MS;
      const product = rng.pick(['PLN_PREPAID_50K', 'PLN_PREPAID_200K', 'PLN_POSTPAID']);
      const prepaid = product !== 'PLN_POSTPAID';
      const number = rng.chance(0.15)
        ? rng.pick(prepaid ? ['12345678916', '12345678919'] : ['22345678923', '22345678922'])
        : `${prepaid ? '5' : '6'}${String(id).padStart(10, '0')}`;
      const inquiry = await request(rng, 'POST', '/bills/inquiry', { product_id: product, customer_number: number }, 'inquiry', 'bill', until);
      if (!inquiry || inquiry.status !== 200) return `inquiry: ${inquiry ? `${inquiry.status} ${inquiry.body?.error?.code}` : 'gave up'}`;
      const record: BillJourney = { journey: id, product, number, checkout: inquiry.body.checkout, chargeIds: new Set() };
      billJourneys.push(record);
      const plans = await request(rng, 'POST', '/plans', { checkout: record.checkout }, 'plans', 'bill', until);
      if (!plans || plans.status !== 200) return `plans: ${plans ? `${plans.status} ${plans.body?.error?.code}` : 'gave up'}`;
      const two = rng.chance(0.35);
      if (two) stats.twoProviders += 1;
      const { got, urls, refusal } = await chargeAll(rng, 'bill', id, plans, two ? 2 : 1, until, (cid) => record.chargeIds.add(cid));
      if (!got.length) return refusal || 'charges: none';
      return (await payAndPoll(rng, got, urls, 'bill', until)) ? '' : 'status: not final in time';
    }

    let journeyCounter = 0;
    async function shopper() {
      while (!stopJourneys && !stopping) {
        const id = ++journeyCounter;
        const rng = prng((SEED ^ Math.imul(id, 0x9e3779b1)) >>> 0);
        stats.journeys += 1;
        let outcome: string;
        try {
          outcome = rng.chance(0.45) ? await billJourney(rng, id) : await cartJourney(rng, id);
        } catch (error) {
          outcome = `threw: ${(error as Error).message}`;
        }
        if (outcome) bump(stats.abandoned, outcome.replace(/[0-9a-f-]{36}/g, '…'));
        else stats.completed += 1;
      }
    }

    // ------------------------------------------------------------ the killer

    const categoryOf = (mark: InFlight) =>
      mark.route === 'webhook' ? (mark.tag.startsWith('payment:SUCCEEDED:bill') ? 'callback: bill fulfilment' : `callback: ${mark.tag.split(':').slice(0, 2).join(' ')}`) : mark.route === 'status' && mark.tag === 'bill' ? 'status (bill)' : mark.route;
    const TARGETS: Array<(m: InFlight) => boolean> = [
      (m) => m.route === 'plans',
      (m) => m.route === 'charges',
      (m) => m.route === 'inquiry',
      (m) => m.route === 'webhook',
      (m) => m.route === 'webhook' && m.tag.startsWith('payment:SUCCEEDED:bill'),
      (m) => m.route === 'status',
    ];

    /** An instance may be killed once it has served for `minUptimeMs` (else nothing gets done between kills). */
    const killable = (c: Child) => c.ready && Date.now() - c.readySince >= minUptimeMs;

    async function killer() {
      const rng = prng((SEED ^ 0xc0ffee) >>> 0);
      const until = Date.now() + KILL_PHASE_MS;
      while (stats.kills < KILLS && Date.now() < until && !stopping) {
        await sleep(rng.int(50, 250));
        let victim: Child | undefined;
        if (rng.chance(0.5)) {
          // Aimed: wait (briefly) for an instance busy with a given step, then strike 0–30 ms in.
          const wanted = rng.pick(TARGETS);
          const until = Date.now() + 200;
          while (!victim && Date.now() < until && !stopping) {
            victim = children.find((c) => killable(c) && [...c.inflight].some(wanted));
            if (!victim) await sleep(3);
          }
          if (victim) {
            stats.targeted += 1;
            await sleep(rng.int(0, 30));
            if (!victim.ready) victim = undefined;
          }
        }
        if (!victim) {
          let live = children.filter(killable);
          while (!live.length && !stopping) {
            await sleep(10);
            live = children.filter(killable);
          }
          if (stopping) break;
          victim = rng.pick(live);
        }
        const busy = [...victim.inflight];
        stats.kills += 1;
        if (busy.length) stats.killsInFlight += 1;
        for (const category of new Set(busy.map(categoryOf))) bump(stats.killsByRoute, category);
        if (DRY) continue;
        await kill(victim);
        const child = victim;
        void track(start(child).catch((error: Error) => log(`crash: restart of ${child.name} failed: ${error.message}`)));
      }
    }

    // ------------------------------------------------------------ chaos
    setPhase('kills');
    const shoppers = Array.from({ length: SHOPPERS }, () => shopper());
    const killStart = Date.now();
    await killer();
    const killSeconds = (Date.now() - killStart) / 1000;
    stillRunning();
    setPhase('shoppers finishing');
    stopJourneys = true;
    await Promise.all(shoppers);

    // ------------------------------------------------------------ settle
    stillRunning();
    setPhase('clean restart');
    await Promise.allSettled([...background]);
    for (const child of children) {
      await kill(child);
      await start(child);
    }
    stillRunning();
    setPhase('settle');
    const settleStart = Date.now();
    const settleUntil = settleStart + SETTLE_MS;
    const rng = prng(SEED ^ 0x5e771e);
    type Final = { status: number; body: any };
    let finals = new Map<string, Final>();
    const settlePolls = () => stopping;
    /** Asks every token once; returns how many are not settled yet and whether all of those answered 200. */
    const pollAll = async (until: number, list = [...tokens.values()]) => {
      const charges = new Map(simulator.charges().map((c) => [c.id, c]));
      const results = new Map<string, Final>(finals);
      let open = 0;
      let openUnanswered = 0;
      const stillOpen: TokenInfo[] = [];
      for (let i = 0; i < list.length && !stopping; i += 8) {
        await Promise.all(
          list.slice(i, i + 8).map(async (info) => {
            const answer = await request(rng, 'GET', `/status?token=${info.token}`, undefined, 'status', info.kind, Math.min(until, Date.now() + 10_000), settlePolls);
            const final: Final = answer ?? { status: 0, body: null };
            results.set(info.token, final);
            const sim = charges.get(info.chargeId);
            const agrees = final.status === 200 && final.body?.status === sim?.status;
            const done = agrees && (sim?.status !== 'SUCCEEDED' || info.kind !== 'bill' || billFinal(final.body?.bill));
            if (!done) {
              open += 1;
              stillOpen.push(info);
            }
            if (!done && final.status !== 200) openUnanswered += 1;
          }),
        );
      }
      finals = results;
      return { open, openUnanswered, stillOpen };
    };
    /** Everything the simulator holds and every answer, to see whether anything still moves. */
    const fingerprint = () =>
      JSON.stringify([
        simulator.charges().map((c) => c.status),
        simulator.refunds().map((r) => r.status),
        simulator.billPayments().map((p) => p.properties.status),
        [...finals.values()].map((f) => `${f.status}:${f.body?.status}:${f.body?.bill?.status}:${f.body?.bill?.refund?.status}`),
      ]);
    /** Waits up to `ms` for the simulator's timers and callback retries; true when it went idle. */
    const idle = (ms: number) =>
      simulator.whenIdle({ timeoutMs: Math.max(0, Math.min(ms, settleUntil - Date.now())) }).then(
        () => true,
        () => false,
      );
    let rounds = 0;
    let open = Infinity;
    let stableRounds = 0;
    let lastPrint = '';
    let settledHow = 'deadline';
    let lastChange = Date.now();
    // Each round asks only the tokens not settled yet; a full pass at the end gives the answers checked.
    let pending = [...tokens.values()];
    while (Date.now() < settleUntil && !stopping) {
      rounds += 1;
      const wentIdle = await idle(2_000);
      const polled = await pollAll(settleUntil, pending);
      pending = polled.stillOpen;
      open = polled.open;
      if (open === 0) {
        // Polls may have started work (a refund, a bill payment): let it end, then look at all once more.
        await idle(10_000);
        const again = await pollAll(settleUntil);
        pending = again.stillOpen;
        open = again.open;
        if (open === 0) {
          settledHow = 'converged';
          break;
        }
      }
      // Nothing pending at the simulator, every open token answers, and nothing moved for three
      // rounds: what is still open stays so (a bill nobody will pay, a status nobody will fix).
      const print = fingerprint();
      if (print !== lastPrint) lastChange = Date.now();
      stableRounds = wentIdle && polled.openUnanswered === 0 && print === lastPrint ? stableRounds + 1 : 0;
      lastPrint = print;
      if (stableRounds >= 3) {
        settledHow = 'stable';
        break;
      }
      await sleep(400);
    }
    // The answers the checks use: one last pass with its own time, whatever ended the loop.
    stillRunning();
    setPhase('final status pass');
    await idle(1_000);
    open = (await pollAll(Date.now() + 15_000)).open;
    const openTokens = [...tokens.values()].filter((info) => {
      const final = finals.get(info.token);
      const sim = simulator.charges().find((c) => c.id === info.chargeId);
      return !(final?.status === 200 && final.body?.status === sim?.status && (sim?.status !== 'SUCCEEDED' || info.kind !== 'bill' || billFinal(final.body?.bill)));
    });
    for (const info of openTokens.slice(0, 5)) {
      const final = finals.get(info.token);
      log(`crash: (settle) not settled: ${info.kind} ${info.chargeId} → ${final?.status} ${final?.body?.status ?? final?.body?.error?.code ?? ''}${final?.body?.bill ? ` bill ${JSON.stringify({ status: final.body.bill.status, refund: final.body.bill.refund })}` : info.kind === 'bill' ? ' (no bill in the answer)' : ''}; simulator ${simulator.charges().find((c) => c.id === info.chargeId)?.status}`);
    }
    const callbackLog = simulator.callbacks();
    const gaveUp = callbackLog.filter((c) => c.gaveUp);
    const failedAttempts = new Map<string, number>();
    for (const c of callbackLog) if (c.outcome !== 'delivered') bump(failedAttempts, `${c.outcome}${c.responseStatus ? ` ${c.responseStatus}` : ''}`);
    const settleSeconds = (Date.now() - settleStart) / 1000;

    // ------------------------------------------------------------ invariants (the simulator's truth)
    stillRunning();
    setPhase('checks');
    const charges = simulator.charges();
    const refunds = simulator.refunds();
    const payments = simulator.billPayments();
    const byId = new Map(charges.map((c) => [c.id, c]));
    const refundsOf = new Map<string, SimRefund[]>();
    for (const r of refunds) refundsOf.set(r.charge_id, [...(refundsOf.get(r.charge_id) ?? []), r]);
    const refundedInFull = (c: SimCharge) => {
      if (c.status === 'REFUNDED' && (c.refunded_amount ?? 0) >= c.amount) return true;
      const covered = (refundsOf.get(c.id) ?? []).filter((r) => r.status === 'PENDING' || r.status === 'SUCCEEDED').reduce((s, r) => s + r.amount, 0);
      return covered >= c.amount;
    };
    const kept = (c: SimCharge) => (c.status === 'SUCCEEDED' || c.status === 'REFUNDED') && !refundedInFull(c);
    const describe = (c: SimCharge) => `${c.id} ${c.channel_code} ${c.status} ${c.amount}${refundsOf.get(c.id)?.length ? ` refunds=[${refundsOf.get(c.id)!.map((r) => `${r.amount} ${r.status}`).join(', ')}]` : ''}`;

    const violations: Violation[] = [];
    const byRef = new Map<string, SimCharge[]>();
    for (const c of charges) byRef.set(c.reference_id, [...(byRef.get(c.reference_id) ?? []), c]);

    // 1. at most one kept payment per order. A second payment at a provider that takes no refunds
    // through the API cannot be refunded by the companion: it must say so to the merchant (an event
    // with `refundRefused`), then it is theirs to refund by hand, and counted apart.
    const handedOver = new Set(
      readFileSync(eventsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, any>)
        .filter((e) => e.kind === 'payment' && e.refundRefused === true)
        .map((e) => e.chargeId as string),
    );
    const noApiRefunds = (c: SimCharge) => SIMULATOR_CHANNELS[c.channel_code]?.refunds === 'none';
    /** Orders paid twice where the second payment could only be refunded by hand, and the merchant was told. */
    const byHand: string[] = [];
    for (const [ref, list] of byRef) {
      const keptList = list.filter(kept);
      if (keptList.length <= 1) continue;
      const silent = keptList.filter((c) => !(noApiRefunds(c) && handedOver.has(c.id)));
      if (silent.length <= 1) {
        byHand.push(`${ref}: ${keptList.map(describe).join(' | ')}`);
        continue;
      }
      const invariant = keptList.some(noApiRefunds) ? '1 two payments kept (one at a provider without API refunds)' : '1 two payments kept';
      violations.push({ invariant, detail: `${ref}: ${keptList.map(describe).join(' | ')}` });
    }

    // 2. bills: which order does a bill payment belong to?
    const billRefs = new Set<string>();
    const refsByNumber = new Map<string, Set<string>>();
    for (const bj of billJourneys) {
      for (const id of bj.chargeIds) {
        const c = byId.get(id);
        if (!c) continue;
        billRefs.add(c.reference_id);
        refsByNumber.set(bj.number, new Set([...(refsByNumber.get(bj.number) ?? []), c.reference_id]));
      }
    }
    for (const c of charges) if (!c.reference_id.startsWith('crash-order-')) billRefs.add(c.reference_id);
    const paymentsOf = new Map<string, SimBillPayment[]>();
    const unattributed: SimBillPayment[] = [];
    for (const p of payments) {
      const reference = p.properties.reference_id;
      let ref: string | undefined;
      if (billRefs.has(reference)) ref = reference;
      ref ??= [...billRefs].find((r) => reference.includes(r));
      ref ??= charges.find((c) => reference.includes(c.id))?.reference_id;
      if (!ref) {
        const candidates = refsByNumber.get(p.properties.customer_number);
        if (candidates?.size === 1) ref = [...candidates][0];
      }
      if (!ref) unattributed.push(p);
      else paymentsOf.set(ref, [...(paymentsOf.get(ref) ?? []), p]);
    }
    for (const p of unattributed) violations.push({ invariant: '2 bill payment of no known order', detail: `${p.id} ${p.properties.reference_id} ${p.properties.customer_number} ${p.properties.status}` });
    const describePayment = (p: SimBillPayment) => `${p.id} ${p.properties.status} ${p.properties.total_amount} ref=${p.properties.reference_id}`;
    for (const ref of billRefs) {
      const list = byRef.get(ref) ?? [];
      const keptList = list.filter(kept);
      const paid = (paymentsOf.get(ref) ?? []).filter((p) => p.properties.status !== 'FAILED');
      const succeeded = paid.filter((p) => p.properties.status === 'SUCCEEDED');
      const number = (paymentsOf.get(ref) ?? [])[0]?.properties.customer_number ?? billJourneys.find((bj) => [...bj.chargeIds].some((id) => byId.get(id)?.reference_id === ref))?.number ?? '?';
      const context = `${ref} (number ${number}) charges: ${list.map(describe).join(' | ')}; bill payments: ${(paymentsOf.get(ref) ?? []).map(describePayment).join(' | ') || 'none'}`;
      if (paid.length > 1) violations.push({ invariant: '2 bill paid twice', detail: context });
      if (keptList.length > 0 && succeeded.length === 0) violations.push({ invariant: '2 bill unpaid, charge kept', detail: context });
      if (succeeded.length > 0 && keptList.length === 0) violations.push({ invariant: '2 bill paid, no charge kept', detail: context });
    }

    // 3. no status lost
    for (const info of tokens.values()) {
      const final = finals.get(info.token);
      const sim = byId.get(info.chargeId);
      if (!final || final.status !== 200) {
        violations.push({ invariant: '3 status lost', detail: `token of ${info.chargeId} (${info.kind}, journey ${info.journey}) → ${final?.status ?? 'not asked'} ${final?.body?.error?.code ?? ''}; simulator: ${sim ? describe(sim) : 'no such charge'}` });
      } else if (final.body.charge_id !== info.chargeId) {
        const other = byId.get(final.body.charge_id);
        violations.push({ invariant: '3 token answers another charge', detail: `token of ${info.chargeId} (${info.kind}, journey ${info.journey}; simulator: ${sim ? describe(sim) : 'none'}) → companion answers ${final.body.charge_id} ${final.body.status} (simulator: ${other ? describe(other) : 'none'})` });
      } else if (final.body.status !== sim?.status) {
        violations.push({ invariant: '3 status differs', detail: `token of ${info.chargeId} (${info.kind}) → companion ${final.body.status}${final.body.bill ? ` bill ${final.body.bill.status}` : ''}; simulator: ${sim ? describe(sim) : 'none'}` });
      }
    }

    // Hooks: what the children wrote.
    const lines = readFileSync(eventsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);
    const paymentEvents = lines.filter((l) => l.kind === 'payment');
    const billEvents = lines.filter((l) => l.kind === 'bill');
    const repeats = (events: Record<string, any>[]) => {
      const seen = new Map<string, number>();
      for (const e of events) bump(seen, `${e.chargeId}:${e.status}`);
      return [...seen.values()].reduce((s, n) => s + n - 1, 0);
    };
    const eventKeys = new Set(paymentEvents.map((e) => `${e.chargeId}:${e.status}`));
    const missingEvents = [...tokens.values()].filter((info) => {
      const sim = byId.get(info.chargeId);
      return sim && sim.status !== 'PENDING' && !eventKeys.has(`${sim.id}:${sim.status}`);
    });
    const supersededKept = charges.filter((c) => c.reference_id.startsWith('crash-order-') && kept(c) && c.amount !== cartAmount(Number(c.reference_id.slice('crash-order-'.length)), cartVersions.get(Number(c.reference_id.slice('crash-order-'.length))) ?? 0));

    const count = (prefix: string) => violations.filter((v) => v.invariant.startsWith(prefix)).length;
    const countExact = (name: string) => violations.filter((v) => v.invariant === name).length;
    const summary =
      `crash summary: seed=${SEED} kills=${stats.kills}${DRY ? ' (DRY: none really killed)' : ''} (in flight ${stats.killsInFlight}, aimed ${stats.targeted}; ${[...stats.killsByRoute].sort().map(([k, v]) => `${k} ${v}`).join(', ')}) ` +
      `journeys=${stats.journeys} (cart ${stats.cartJourneys}, bill ${stats.billJourneys}, completed ${stats.completed}, two providers ${stats.twoProviders}, carts grew ${stats.cartGrew}) ` +
      `charges=${charges.length} payments=${charges.filter((c) => c.status === 'SUCCEEDED' || c.status === 'REFUNDED').length} kept=${charges.filter(kept).length} bill-payments=${payments.length} (succeeded ${payments.filter((p) => p.properties.status === 'SUCCEEDED').length}) refunds=${refunds.length} tokens=${tokens.size} ` +
      `refund by hand (announced) ${byHand.length} ` +
      `violations: inv1=${count('1')} (refundable ${countExact('1 two payments kept')}, one at a provider without API refunds ${countExact('1 two payments kept (one at a provider without API refunds)')}) inv2=${count('2')} (paid twice ${countExact('2 bill paid twice')}, unpaid+kept ${countExact('2 bill unpaid, charge kept')}, paid+none kept ${countExact('2 bill paid, no charge kept')}, unattributed ${countExact('2 bill payment of no known order')}) inv3=${count('3')} (lost ${countExact('3 status lost')}, differs ${countExact('3 status differs')}, answers another charge ${countExact('3 token answers another charge')}) ` +
      `| callbacks: ${callbackLog.length} attempts, gave up ${gaveUp.length}, failed ${[...failedAttempts].map(([k, v]) => `${k}×${v}`).join(' ') || 'none'} | hooks: payment events ${paymentEvents.length} (repeated ${repeats(paymentEvents)}, missing ${missingEvents.length}), bill events ${billEvents.length} (repeated ${repeats(billEvents)}); kept-for-old-cart ${supersededKept.length}; unexpected exits ${stats.unexpectedExits} ` +
      `| timing: total ${((Date.now() - started) / 1000).toFixed(1)} s, kills ${killSeconds.toFixed(1)} s, settle ${settleSeconds.toFixed(1)} s (${rounds} rounds, ${settledHow}, last change at +${((lastChange - settleStart) / 1000).toFixed(1)} s${open === 0 ? '' : `, ${open} tokens never settled`}), child start median ${median(stats.spawnMs)} ms max ${Math.max(...stats.spawnMs)} ms`;
    log(summary);
    if (process.env.CRASH_JSON) {
      // For `npm run bench` (bench/crash.ts): the same figures as the summary line.
      writeFileSync(
        process.env.CRASH_JSON,
        JSON.stringify({
          seed: SEED,
          kills: stats.kills,
          killsInFlight: stats.killsInFlight,
          killsByStep: Object.fromEntries([...stats.killsByRoute].sort()),
          journeys: stats.journeys,
          twoProviders: stats.twoProviders,
          cartsGrew: stats.cartGrew,
          charges: charges.length,
          payments: charges.filter((c) => c.status === 'SUCCEEDED' || c.status === 'REFUNDED').length,
          kept: charges.filter(kept).length,
          billPayments: payments.length,
          billPaymentsSucceeded: payments.filter((p) => p.properties.status === 'SUCCEEDED').length,
          refunds: refunds.length,
          tokens: tokens.size,
          refundByHandAnnounced: byHand.length,
          violations: { ordersPaidTwice: count('1'), billsPaidTwiceOrUnpaid: count('2'), statusesLost: count('3') },
          events: { payment: paymentEvents.length, repeated: repeats(paymentEvents), missing: missingEvents.length, bill: billEvents.length },
          seconds: { total: (Date.now() - started) / 1000, kills: killSeconds, settle: settleSeconds },
        }),
      );
    }
    if (stats.abandoned.size) log(`crash: journeys not finished: ${[...stats.abandoned].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${v}× ${k}`).join('; ')}`);
    const kinds = [...new Set(violations.map((v) => v.invariant))];
    for (const kind of kinds) {
      const list = violations.filter((v) => v.invariant === kind);
      log(`crash: ${kind}: ${list.length}, e.g.`);
      for (const v of list.slice(0, 3)) log(`  - ${v.detail}`);
    }
    if (byHand.length) log(`crash: (info) paid twice, the second at a provider without API refunds, announced to the merchant with refundRefused: ${byHand.slice(0, 3).join('; ')}`);
    if (missingEvents.length) log(`crash: (info) onPaymentEvent never ran for the final status of e.g. ${missingEvents.slice(0, 3).map((i) => `${i.chargeId} ${byId.get(i.chargeId)?.status}`).join(', ')}`);

    const activity = { payments: charges.filter((c) => c.status === 'SUCCEEDED' || c.status === 'REFUNDED').length, billPayments: payments.length };
    return { violations, stats, dir, kinds, activity };
  } catch (error) {
    (error as Error).message = `${(error as Error).message} [phase: ${control.phase}, run folder ${dir}]`;
    throw error;
  } finally {
    stopping = true;
    await finish().catch((error: Error) => log(`crash: cleanup: ${error.message}`));
    process.removeListener('exit', killAllOnExit);
  }
}

/** How to start a child: an esbuild bundle (fast start), else `node --import tsx`. */
async function childCommand(dir: string, log: (line: string) => void): Promise<{ cmd: string; args: string[] }> {
  const viaTsx = { cmd: process.execPath, args: ['--import', 'tsx', CHILD_TS] };
  if (RUNTIME === 'tsx') return viaTsx;
  try {
    const esbuild = await import('esbuild');
    const outfile = join(dir, 'companion-child.mjs');
    await esbuild.build({
      entryPoints: [CHILD_TS],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'silent',
      tsconfig: join(ROOT, 'tsconfig.json'),
      banner: { js: "import { createRequire as __crashRequire } from 'node:module'; const require = __crashRequire(import.meta.url);" },
    });
    return { cmd: process.execPath, args: [outfile] };
  } catch (error) {
    log(`crash: could not bundle the child with esbuild (${(error as Error).message}); using node --import tsx`);
    return viaTsx;
  }
}

describe('crash consistency: companions SIGKILLed at random moments', () => {
  it(
    `${KILLS} kills of two instances sharing one RedisStore: no double payment, no bill paid twice or left unpaid, no status lost`,
    { skip: findRedisServer() ? false : 'redis-server is not installed', timeout: DEADLINE_MS + 20_000 },
    async () => {
      const control: Control = { phase: 'starting' };
      const run = runCrash((line) => console.log(line), control);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'deadline'>((resolve) => {
        timer = setTimeout(() => resolve('deadline'), DEADLINE_MS);
      });
      let result: Awaited<typeof run>;
      try {
        const first = await Promise.race([run, deadline]);
        if (first === 'deadline') {
          // Stop everything (children, redis, simulator), let the run unwind, then fail clearly.
          const phase = control.phase;
          await control.abort?.();
          await Promise.race([run.catch(() => undefined), atMost(10_000)]);
          assert.fail(`the crash test did not finish within CRASH_DEADLINE_MS=${DEADLINE_MS} ms: it was in phase "${phase}" (seed ${SEED}); children, redis and the simulator were stopped`);
        }
        result = first;
      } finally {
        clearTimeout(timer);
      }
      const { violations, stats, dir, kinds, activity } = result;
      assert.ok(stats.kills >= KILLS / 4, `only ${stats.kills} kills in ${KILL_PHASE_MS} ms (want ≥ ${KILLS / 4}): instances too slow to start? (child start median ${median(stats.spawnMs)} ms)`);
      // A run that paid nothing, or never struck during a step, proves nothing.
      const enough = Math.max(3, Math.floor(KILLS / 20));
      assert.ok(
        activity.payments >= enough && activity.billPayments >= Math.ceil(enough / 2),
        `the run did too little to test anything: ${activity.payments} payments, ${activity.billPayments} bill payments (want ≥ ${enough} and ≥ ${Math.ceil(enough / 2)}); children too slow to start? (CRASH_CHILD_RUNTIME=${RUNTIME}, child start median ${median(stats.spawnMs)} ms)`,
      );
      if (!DRY && KILLS >= 100) {
        for (const step of ['plans', 'charges', 'inquiry', 'callback: bill fulfilment'] as const) {
          assert.ok((stats.killsByRoute.get(step) ?? 0) > 0, `no kill landed while "${step}" was in flight`);
        }
        assert.ok([...stats.killsByRoute.keys()].some((k) => k.startsWith('callback: payment')), 'no kill landed during a payment callback');
      }
      if (violations.length === 0 && !KEEP) rmSync(dir, { recursive: true, force: true });
      assert.equal(
        violations.length,
        0,
        `${violations.length} invariant violations (${kinds.map((k) => `${k}: ${violations.filter((v) => v.invariant === k).length}`).join('; ')}); replay with CRASH_SEED=${SEED}; children's logs in ${dir}`,
      );
    },
  );
});
