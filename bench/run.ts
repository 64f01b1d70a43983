/**
 * `npm run bench`: runs every benchmark on this machine, one child process each (a clean heap,
 * `--expose-gc` where needed), prints their figures as they come, and writes BENCHMARKS.md with the
 * command, the date, the machine and the figures.
 *
 *   bench/widget.ts     bundle size; in Chromium: evaluation, first render, connection → painted, layout shift
 *   bench/first-paint.ts plans painted on the demo's checkout page, server-rendered vs client-rendered, and the
 *                       JavaScript needed before they are visible (throttled phone)
 *   bench/message.ts    <paylater-message>: its CDN files' size, first render of 1 and 48 messages, vs a minimal Lit element
 *   bench/companion.ts  plans fan-out against upstream latency; overhead and requests/s against direct calls
 *                       and a bare pass-through proxy; a flood of plans requests for one cart
 *   bench/memory.ts     heap over 100,000 mixed requests; MemoryStore write rate, room left vs full
 *   bench/soak.ts       the soak engine's figures (faults, charges, statuses, callbacks)
 *   bench/crash.ts      the crash test's figures (kills, payments, invariant violations)
 *
 * Options: --quick (fewer runs and requests, to try the pipeline), --only=widget,companion,memory,soak,
 * --out=<file> (default BENCHMARKS.md).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SoakReport } from '../test/soak/soak.js';
import { argText, machine } from './lib.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
const only = argText('only', 'widget,first-paint,message,companion,memory,soak,crash').split(',');
const out = argText('out', join(root, 'BENCHMARKS.md'));
const work = mkdtempSync(join(tmpdir(), 'paylater-bench-run-'));
const started = Date.now();
const load1 = () => Math.round(loadavg()[0]! * 100) / 100;
const loadStart = load1();

const STEPS: Record<string, { script: string; node?: string[]; args: string[]; quickArgs: string[] }> = {
  widget: { script: 'bench/widget.ts', args: ['--runs=15'], quickArgs: ['--runs=3'] },
  'first-paint': { script: 'bench/first-paint.ts', args: ['--runs=9'], quickArgs: ['--runs=3'] },
  message: { script: 'bench/message.ts', args: ['--runs=15'], quickArgs: ['--runs=3'] },
  companion: { script: 'bench/companion.ts', args: ['--runs=9', '--repeats=3', '--requests=1000'], quickArgs: ['--runs=3', '--repeats=1', '--requests=300'] },
  memory: { script: 'bench/memory.ts', node: ['--expose-gc'], args: ['--requests=100000', '--redis-requests=30000'], quickArgs: ['--requests=5000', '--redis-requests=3000'] },
  soak: { script: 'bench/soak.ts', args: ['--requests=2000'], quickArgs: ['--requests=200'] },
  crash: { script: 'bench/crash.ts', args: ['--kills=200'], quickArgs: ['--kills=40'] },
};

function run(name: string): Promise<unknown> {
  const step = STEPS[name]!;
  const json = join(work, `${name}.json`);
  const argv = [...(step.node ?? []), '--import', 'tsx', step.script, ...(quick ? step.quickArgs : step.args), `--json=${json}`];
  console.log(`\n=== ${name}: node ${argv.slice(0, -1).join(' ')}`);
  const t = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${step.script} exited with ${code}`));
      console.log(`=== ${name}: ${((Date.now() - t) / 1000).toFixed(0)} s`);
      resolve(JSON.parse(readFileSync(json, 'utf8')));
    });
  });
}

const results: Record<string, any> = {};
for (const name of Object.keys(STEPS)) if (only.includes(name)) results[name] = await run(name);
rmSync(work, { recursive: true, force: true });
const loadEnd = load1();
const minutes = (Date.now() - started) / 60_000;

// ---------------------------------------------------------------- BENCHMARKS.md

const m = machine();
const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const x = (value: number) => `${value < 0.1 ? value.toFixed(3) : value.toFixed(2)}×`;
const table = (head: string[], rows: Array<Array<string | number>>) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const lines: string[] = [];
/** Paragraphs and tables, each followed by a blank line (a table must not touch a paragraph). */
const say = (...text: string[]) => {
  for (const t of text) lines.push(t, '');
};

say(
  '# Benchmarks',
  `Written by \`npm run bench\`${quick ? ' --quick (fewer runs: figures are indicative only)' : ''} on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${minutes.toFixed(1)} minutes. Every comparison is a ratio against a baseline measured in the same run; every figure is a median of several runs. Running the command again overwrites this file.`,
);
say(
  '## Machine',
  table(
    ['', ''],
    [
      ['CPU', `${m.cpu}, ${m.cores} cores`],
      ['Memory', `${m.memoryGb} GB`],
      ['OS', m.os],
      ['Node', m.node],
      ['Chromium', results.widget?.chromium ?? 'not run'],
      ['Redis', m.redis ?? 'not installed'],
      ['Load average (1 min), start → end', `${loadStart} → ${loadEnd}${Math.max(loadStart, loadEnd) > m.cores * 0.75 ? ' (other processes shared the CPUs: absolute times are pessimistic; ratios hold better)' : ''}`],
    ],
  ),
);

// headline
const headline: Array<Array<string>> = [];
const w = results.widget;
const c = results.companion;
const mem = results.memory;
const soak = results.soak as { reports: Array<{ name: string; report: SoakReport }> } | undefined;
if (w) {
  const esm = w.sizes[0];
  headline.push(['CDN bundle, ESM, gzip', kB(esm.gzip), `≤ ${kB(w.budget.limit)} budget, ${kB(w.budget.goal)} goal`, esm.gzip <= w.budget.goal ? 'meets the goal' : esm.gzip <= w.budget.limit ? 'within budget, above the goal' : `over budget by ${kB(esm.gzip - w.budget.limit)}`]);
  headline.push(['Script evaluation, widget vs minimal Lit element', `${ms(w.evaluate.widget)} vs ${ms(w.evaluate.baseline)}`, '', x(w.evaluate.ratio)]);
  headline.push(['First render of the plans, 7 providers × 6 options, vs minimal Lit element', `${ms(w.render.widget)} vs ${ms(w.render.baseline)}`, '', x(w.render.ratio)]);
  headline.push(['Connection → plans painted, real companion answering at once', ms(w.realCompanionMs), '', '']);
  const recommended = w.cls.filter((r: { loading: string }) => r.loading !== 'module');
  const worst = Math.max(...recommended.map((r: { cls: number }) => r.cls));
  headline.push(['Layout shift while loading, content below, loaded as the README shows (worst case)', worst.toFixed(4), '0', worst === 0 ? 'meets the goal' : 'misses the goal (content below the widget moves)']);
}
if (c) {
  for (const store of ['memory', 'redis']) {
    const row = c.fanout.find((f: { store: string; channels: number }) => f.store === store && f.channels === 7);
    if (row) headline.push([`Plans latency at 7 channels / upstream latency L = ${c.latencyMs} ms, ${store === 'memory' ? 'MemoryStore' : 'RedisStore'}`, `${ms(row.ms)}`, '≤ 1.1 × L', `${row.ratio.toFixed(3)} × L${row.ratio <= 1.1 ? '' : ' (misses)'}`]);
  }
  for (const store of ['memory', 'redis']) {
    const one = c.fanout.find((f: { store: string; channels: number }) => f.store === store && f.channels === 1);
    const seven = c.fanout.find((f: { store: string; channels: number }) => f.store === store && f.channels === 7);
    if (one && seven) headline.push([`Plans, 7 channels vs 1 channel (the fan-out's own cost), ${store === 'memory' ? 'MemoryStore' : 'RedisStore'}`, `${ms(seven.ms)} vs ${ms(one.ms)}`, '', x(seven.ms / one.ms)]);
  }
  const o1 = c.summary.find((s: { concurrency: number; path: string }) => s.concurrency === 1 && s.path.includes('Memory'));
  if (o1) headline.push(['Companion overhead per request at concurrency 1 (MemoryStore)', `p50 +${ms(o1.overheadP50)}, p99 +${ms(o1.overheadP99)}`, '', '']);
  for (const conc of [50, 200]) {
    const s = c.summary.filter((r: { concurrency: number }) => r.concurrency === conc);
    if (s.length) headline.push([`Requests/s at concurrency ${conc}, companion vs direct simulator calls`, s.map((r: { path: string; rpsRatio: number }) => `${r.path.replace('companion, ', '')} ${x(r.rpsRatio)}`).join(', '), '', '']);
  }
  type Goal = { path: string; concurrency: number; met: boolean };
  const store = (path: string) => path.replace('companion, ', '');
  const verdict = (goals: Goal[]) => (goals.every((g) => g.met) ? 'meets' : goals.some((g) => g.met) ? `meets with ${goals.filter((g) => g.met).map((g) => store(g.path)).join(', ')} only` : 'misses');
  const vsProxy = (c.vsProxy ?? []) as Array<{ path: string; concurrency: number; overheadP50: number; rpsRatio: number }>;
  const goals = (c.goals ?? []) as Goal[];
  const p1 = vsProxy.filter((s) => s.concurrency === 1);
  if (p1.length) headline.push(['Companion p50 overhead over a bare pass-through proxy (same two hops) at concurrency 1', p1.map((s) => `${store(s.path)} +${ms(s.overheadP50)}`).join(', '), '≤ 1 ms', verdict(goals.filter((g) => g.concurrency === 1))]);
  const p50 = vsProxy.filter((s) => s.concurrency === 50);
  if (p50.length) headline.push(['Requests/s at concurrency 50, companion vs a bare pass-through proxy', p50.map((s) => `${store(s.path)} ${x(s.rpsRatio)}`).join(', '), '≥ 0.8×', verdict(goals.filter((g) => g.concurrency === 50))]);
  const alone = c.flood?.floods.find((f: { honest: number }) => f.honest === 0);
  if (alone) {
    const fanouts = alone.plansCalls / c.flood.fanoutOfOne;
    headline.push([`Flood: ${c.flood.requests} POST /plans for one cart at once, Xendit calls caused`, `${alone.plansCalls} plans calls, ${alone.customerCreations} customers created`, `about one fan-out (${c.flood.fanoutOfOne} plans calls, 1 customer)`, `${fanouts.toFixed(1)} fan-outs`]);
  }
  const during = (c.flood?.floods ?? []).filter((f: { honest: number }) => f.honest > 0);
  if (during.length) headline.push([`Shoppers with their own cart during the flood who saw every provider available`, during.map((f: { honestAllAvailable: number; honest: number; rateLimit: string; limits?: string }) => `${f.honestAllAvailable}/${f.honest} (Xendit rate limit: ${f.rateLimit}; companion limits: ${f.limits ?? 'off'})`).join(', '), 'all', during.every((f: { honestAllAvailable: number; honest: number }) => f.honestAllAvailable === f.honest) ? 'meets' : 'misses']);
}
if (mem) {
  for (const r of mem.results.filter((r: any) => !r.neverFull)) {
    // Bounded: the second half of the run adds (almost) nothing.
    const half = r.samples[Math.floor(r.samples.length / 2)].heapMb;
    const late = Math.round((r.heapEndMb - half) * 10) / 10;
    if (r.store === 'MemoryStore') {
      // Caches are bounded; durable records (one set per charge) stay until their 30 days are up.
      headline.push([`Heap after ${r.requests.toLocaleString('en')} mixed requests with ${r.charges.toLocaleString('en')} charges, ${r.label ?? r.store}`, `${r.heapStartMb} → ${r.heapEndMb} MB (max ${r.heapMaxMb})`, 'caches bounded; records grow only with charges', `${r.heapPerChargeKb} KB per charge (records kept 30 days)`]);
    } else {
      headline.push([`Heap after ${r.requests.toLocaleString('en')} mixed requests, ${r.label ?? r.store}`, `${r.heapStartMb} → ${r.heapEndMb} MB (max ${r.heapMaxMb})`, 'bounded', late <= 2 ? `bounded (${late >= 0 ? '+' : ''}${late} MB over the second half)` : `grows (+${late} MB over the second half)`]);
    }
  }
  const roomy = mem.results.find((r: any) => r.neverFull);
  const capped = mem.results.find((r: any) => r.store === 'MemoryStore' && !r.neverFull);
  if (roomy && capped) headline.push(['Companion requests/s, MemoryStore full (default 10,000 keys) vs never full', `${capped.requestsPerSecond.toLocaleString('en')} vs ${roomy.requestsPerSecond.toLocaleString('en')}`, '', x(capped.requestsPerSecond / roomy.requestsPerSecond)]);
  const full = mem.storeWriteRates?.[1];
  if (full) headline.push(['MemoryStore writes of new keys once full, vs with room left', `${full.writesPerSecond.toLocaleString('en')}/s vs ${mem.storeWriteRates[0].writesPerSecond.toLocaleString('en')}/s`, '', x(full.writesPerSecond / mem.storeWriteRates[0].writesPerSecond)]);
}
if (soak) {
  for (const { name, report: r } of soak.reports) {
    headline.push([`Soak, ${name}: ${r.requests.toLocaleString('en')} requests, ${Object.values(r.faults).reduce((a, b) => a + b, 0)} upstream faults + ${r.hookFailures} hook failures`, `${r.charges.doubleCharged.length} double charges, ${r.statuses.lost.length} lost statuses, ${r.problems.length} bad answers`, '0, 0, 0', r.charges.doubleCharged.length + r.statuses.lost.length + r.problems.length === 0 ? 'meets' : 'misses']);
  }
}
const crash = results.crash as { passed: boolean; figures: any } | undefined;
if (crash?.figures) {
  const f = crash.figures;
  const bad = f.violations.ordersPaidTwice + f.violations.billsPaidTwiceOrUnpaid + f.violations.statusesLost;
  headline.push([`Crash consistency: ${f.kills} SIGKILLs of two instances on one RedisStore, ${f.payments} payments, ${f.billPayments} bill payments`, `${f.violations.ordersPaidTwice} orders paid twice, ${f.violations.billsPaidTwiceOrUnpaid} bills paid twice or unpaid, ${f.violations.statusesLost} statuses lost`, '0, 0, 0', bad === 0 ? 'meets' : 'misses']);
}
const msg = results.message;
if (msg) {
  for (const f of msg.sizes.filter((f: { budget?: number }) => f.budget)) {
    headline.push([`${f.file}, gzip`, kB(f.gzip), `≤ ${kB(f.budget)}`, f.gzip <= f.budget ? 'within budget' : `over budget by ${kB(f.gzip - f.budget)}`]);
  }
  headline.push(['First render of one `<paylater-message>`, vs minimal Lit element', `${ms(msg.render[1].message)} vs ${ms(msg.render[1].baseline)}`, '', x(msg.render[1].ratio)]);
}
const paint = results['first-paint'];
if (paint) {
  const f = paint.figures;
  headline.push(['Plans painted on the checkout page, server-rendered vs client-rendered (throttled phone)', `${ms(f.server.plansPaintedMs)} vs ${ms(f.client.plansPaintedMs)}`, '', x(paint.ratio)]);
  headline.push(['JavaScript needed before the plans are visible, server-rendered', `${f['server, no JavaScript'].jsBytesBeforePlans} bytes`, '0', f['server, no JavaScript'].jsBytesBeforePlans === 0 ? 'meets' : 'misses']);
}
say('## Headline', table(['what', 'figure', 'goal', 'result'], headline));

if (paint) {
  const f = paint.figures;
  say(
    '## First paint of the plans',
    `The demo's checkout page in Chromium on a throttled phone (CPU 4× slower, 1.6 Mbit/s down, 150 ms round trips, no cache), median of ${paint.runs} runs, the variants alternating, a fresh cart each (bench/first-paint.ts). *Server-rendered*: the page as the demo serves it (\`companion.renderCheckout\`). *Client-rendered*: the same page with a plain \`<paylater-checkout>\` that asks for the plans. *Plans painted*: from navigation start to the first frame in which a provider's card has a box; without JavaScript, the first contentful paint (the markup, plans included, arrives at once). *JavaScript before the plans*: script bytes (uncompressed) received before that (the server-rendered page's script may arrive first, but its plans do not wait for it); none is needed for the server-rendered page, which paints its plans with JavaScript turned off.`,
    table(
      ['page', 'plans painted', 'JavaScript before the plans'],
      (['server', 'client', 'server, no JavaScript'] as const).map((v) => [v === 'server' ? 'server-rendered' : v === 'client' ? 'client-rendered' : 'server-rendered, JavaScript off', ms(f[v].plansPaintedMs), `${f[v].jsBytesBeforePlans} bytes`]),
    ),
  );
}

if (msg) {
  say(
    '## Product-page message',
    `\`<paylater-message>\`'s CDN files next to a minimal Lit element that fetches the terms and renders one line, bundled the same way (bench/widget/minimal-message.ts). *First render*: the elements appended → every line painted → the next frame; the terms come from the page's own server (a copy of the real companion's answer); median of ${msg.runs} runs, alternating.`,
    table(['file', 'gzip', 'brotli', 'budget'], msg.sizes.map((f: { file: string; gzip: number; brotli: number; budget?: number }) => [f.file, kB(f.gzip), kB(f.brotli), f.budget ? kB(f.budget) : ''])),
    table(
      ['measure', '`<paylater-message>`', 'minimal Lit element', 'ratio'],
      ['1', '48'].map((n) => [`first render, ${n} message${n === '1' ? '' : 's'} on the page`, ms(msg.render[n].message), ms(msg.render[n].baseline), x(msg.render[n].ratio)]),
    ),
  );
}

// widget
if (w) {
  say(
    '## Widget',
    '### CDN bundle size',
    `kB = 1,000 bytes; gzip level 9, brotli quality 11. ${w.built ? '`dist/cdn` was built for this run (`vite build`).' : '`dist/cdn` as built last (not older than `src/widget`).'} The minimal Lit element is bundled and minified the same way (bench/widget/minimal-element.ts).`,
    table(['file', 'raw', 'gzip', 'brotli', 'gzip vs 16 kB budget'], w.sizes.map((s: { file: string; raw: number; gzip: number; brotli: number }) => [s.file, kB(s.raw), kB(s.gzip), kB(s.brotli), `${((s.gzip / w.budget.limit) * 100).toFixed(0)}%`])),
    '### In Chromium',
    `Median of ${w.runs} runs each, a fresh browser context per run, widget and baseline alternating. *Evaluation*: \`import()\` of the bundle (fetch from the page's own server, parse, evaluate). *First render*: element connected → \`paylater-ready\` → the next frame; the plans come from a canned answer of the page's server (7 providers × 6 options; the widget rendered ${w.render.options} options). The baseline is a minimal Lit element that fetches the same answer and renders one line.`,
    table(
      ['measure', 'widget', 'minimal Lit element', 'ratio'],
      [
        ['script evaluation', ms(w.evaluate.widget), ms(w.evaluate.baseline), x(w.evaluate.ratio)],
        ['first render of the plans of 7 providers × 6 options (connected → painted)', ms(w.render.widget), ms(w.render.baseline), x(w.render.ratio)],
        ['connected → painted, real companion + simulator answering at once (5 IDR providers, plans not cached)', ms(w.realCompanionMs), '', ''],
      ],
    ),
    '### Layout shift while loading',
    `The page as a merchant writes it: \`<paylater-checkout>\` in the HTML with page content below it, the bundle in \`<head>\`, the companion answering after ${w.loadingMs} ms. Sum of \`layout-shift\` entries (PerformanceObserver, without recent input) until the plans are painted; median of the page loads. Goal: 0.`,
    table(
      ['viewport', 'bundle loaded as', 'layout shift', 'shifts', 'from the element appearing', 'from the plans replacing the skeleton'],
      w.cls.map((r: { viewport: string; loading: string; cls: number; shifts: number; skeleton: number; plans: number }) => [
        r.viewport,
        ({ classic: 'classic `<script src>`', 'render-blocking': '`<script type="module" blocking="render">`', module: 'plain `<script type="module">` (not recommended)' } as Record<string, string>)[r.loading] ?? r.loading,
        r.cls.toFixed(4),
        r.shifts,
        r.skeleton.toFixed(4),
        r.plans.toFixed(4),
      ]),
    ),
    'The skeleton is the plans\' own layout with placeholder bars (one row per provider: the count of the last answer, else one per name in `channels`, else 5, what the companion offers for an IDR order by default), so the plans take exactly its place. A plain module script runs after the first paint: the element has no height until then, and content below it moves once; a classic script or `blocking="render"` defines the element before the first paint.',
  );
}

// companion
if (c) {
  const stores = [...new Set(c.fanout.map((f: { store: string }) => f.store))] as string[];
  say(
    '## Companion',
    `Over 127.0.0.1: the simulator's http face, the companion behind \`toNodeHandler\` and the load generator share one Node process (2 cores for all of them). One order, customer cached, plans cache off.`,
    `### Plans latency against upstream latency L = ${c.latencyMs} ms`,
    `Median of ${c.runs} requests per channel count; the simulator waits L before each plans answer. A parallel fan-out stays near 1 × L whatever the number of channels. Goal ≤ 1.1.`,
    table(
      ['channels', ...stores.flatMap((s) => [`${s === 'memory' ? 'MemoryStore' : 'RedisStore'} ms`, 'ratio to L'])],
      [1, 2, 3, 4, 5, 6, 7].map((n) => [n, ...stores.flatMap((s) => {
        const f = c.fanout.find((r: { store: string; channels: number }) => r.store === s && r.channels === n);
        return f ? [f.ms.toFixed(1), f.ratio.toFixed(3)] : ['', ''];
      })]),
    ),
    '### Overhead and throughput against calling the simulator directly, and against a bare proxy',
    `POST /plans for one channel through the companion, against the same plans call made with the Xendit client straight to the simulator (one hop), and sent through a bare pass-through proxy (a \`node:http\` server forwarding each request to the simulator over a keep-alive agent: the companion's two hops without its work). ${c.requests} requests per measurement (500 at concurrency 1); each figure is the median of ${c.repeats} runs, the paths interleaved.`,
    table(
      ['path', 'concurrency', 'p50', 'p99', 'requests/s'],
      c.overhead.map((o: { path: string; concurrency: number; p50: number; p99: number; rps: number }) => [o.path, o.concurrency, ms(o.p50), ms(o.p99), o.rps.toLocaleString('en')]),
    ),
    ...[
      ['direct', c.summary],
      ['the proxy', c.vsProxy ?? []],
    ].filter(([, rows]) => rows.length).map(([against, rows]) =>
      table(
        ['companion', 'concurrency', `p50 overhead vs ${against}`, `p99 overhead vs ${against}`, `requests/s vs ${against}`],
        rows.map((s: { path: string; concurrency: number; overheadP50: number; overheadP99: number; rpsRatio: number }) => [s.path.replace('companion, ', ''), s.concurrency, `${s.overheadP50 >= 0 ? '+' : ''}${ms(s.overheadP50)}`, `${s.overheadP99 >= 0 ? '+' : ''}${ms(s.overheadP99)}`, x(s.rpsRatio)]),
      ),
    ),
    ...(c.goals?.length ? [`Goals against the proxy (reported, not asserted): ${c.goals.map((g: { path: string; goal: string; met: boolean }) => `${g.path.replace('companion, ', '')}, ${g.goal}: ${g.met ? 'meets' : 'misses'}`).join('; ')}.`] : []),
    'At concurrency 50 and 200 the p99 differences are dominated by scheduling on 2 shared cores (some come out negative); p50 and requests/s are the steadier figures. A plans request through the companion is two HTTP hops and more work (resolve the order, fingerprint it, read the customer from the store, call Xendit, sign a quote) where the direct path is one call: at saturation on 2 shared cores the companion process also serves the simulator, so the ratio bounds the cost from above. The proxy pays the same two hops, so the ratio against it is the companion\u2019s own work.',
  );
  if (c.flood) {
    say(
      '### Flood: many plans requests for one cart',
      `${c.flood.requests} POST /plans for one cart (one checkout handle), each on its own connection, all written before the first answer; a fresh simulator and companion (MemoryStore, the five IDR providers, default options) for each burst. One shopper alone causes 1 customer creation and ${c.flood.fanoutOfOne} plans calls. In the bursts with shoppers, each shopper has a cart of its own and its request sits among the flood's (from its own loopback address where the system has one); the counts then include the shoppers' own calls (at most one customer and ${c.flood.fanoutOfOne} plans calls each). "Every provider" means an answer 200 with all ${c.flood.fanoutOfOne} providers available. The rate limit, when set, is the simulator's, at Xendit's live figure.`,
      table(
        ['shoppers', 'Xendit rate limit', 'plans calls', 'customers created', 'customer look-ups', 'flood answers', 'shoppers who saw every provider', 'slowest shopper', 'time'],
        c.flood.floods.map((f: { honest: number; rateLimit: string; plansCalls: number; customerCreations: number; customerLookups: number; floodAnswers: Record<string, number>; honestAllAvailable: number; honestProblems: Record<string, number>; honestMaxMs: number; seconds: number; allSentFirst: boolean }) => [
          f.honest,
          f.rateLimit,
          f.plansCalls,
          f.customerCreations,
          f.customerLookups,
          Object.entries(f.floodAnswers).map(([status, n]) => `${status} ×${n}`).join(', '),
          f.honest ? `${f.honestAllAvailable}/${f.honest}${Object.keys(f.honestProblems).length ? ` (${Object.entries(f.honestProblems).map(([k, n]) => `${k} ×${n}`).join(', ')})` : ''}` : '',
          f.honest ? `${f.honestMaxMs} ms` : '',
          `${f.seconds.toFixed(1)} s${f.allSentFirst ? '' : ' (an answer came before the last request was sent)'}`,
        ]),
      ),
    );
  }
}

// memory
if (mem) {
  say(
    '## Memory',
    `The companion's \`fetch\` called directly (no sockets), Xendit a stateless stub, so the heap holds only the companion and its store. Mix per 100 requests: 30 plans of a new checkout, 15 charges, 25 status polls, 15 callbacks (duplicates and out of order), 15 bad requests. Heap used after a full GC, sampled every tenth of the run.`,
    table(
      ['store', 'requests', 'heap start', 'heap max', 'heap end', 'store keys at end', 'evictions', 'requests/s'],
      mem.results.map((r: any) => [r.label ?? r.store, r.requests.toLocaleString('en'), `${r.heapStartMb} MB`, `${r.heapMaxMb} MB`, `${r.heapEndMb} MB`, r.storeKeys === null ? 'in Redis' : r.storeKeys.toLocaleString('en'), r.evictions === null ? '' : r.evictions.toLocaleString('en'), r.requestsPerSecond.toLocaleString('en')]),
    ),
    ...mem.results.map((r: any) => `${r.label ?? r.store}, heap (MB) per tenth: ${r.samples.map((s: { heapMb: number }) => s.heapMb).join(' → ')}; requests/s per tenth: ${r.samples.slice(1).map((s: { rps: number }) => s.rps.toLocaleString('en')).join(', ')}.`),
  );
  if (mem.storeWriteRates?.length) {
    say(
      '### MemoryStore writes: room left vs full',
      '`set` of 20,000 new keys, same run. Once the store holds `maxEntries` keys, each new key evicts the least recently set one.',
      table(['case', 'writes/s', 'vs room left'], mem.storeWriteRates.map((r: { case: string; writesPerSecond: number }) => [r.case, r.writesPerSecond.toLocaleString('en'), x(r.writesPerSecond / mem.storeWriteRates[0].writesPerSecond)])),
    );
  }
}

// soak
if (soak) {
  say(
    '## Reliability: soak figures',
    'The soak engine of `test/soak` (shoppers over HTTP: plans, charges with double clicks, second tabs and aborted requests, status polls, paying or refusing or walking away; Xendit callbacks from the simulator plus duplicated, out-of-order and forged replays; `onPaymentEvent` failing once for some charges), with one fault on the next upstream request for about a third of the journeys. `npm test` runs a short version with assertions, `npm run soak` a long one.',
    table(
      ['', ...soak.reports.map((r) => r.name)],
      [
        ['requests sent (journeys)', ...soak.reports.map(({ report: r }) => `${r.requests.toLocaleString('en')} (${r.journeys.toLocaleString('en')})`)],
        ['faults injected', ...soak.reports.map(({ report: r }) => `${Object.values(r.faults).reduce((a, b) => a + b, 0)}: ${Object.entries(r.faults).map(([k, n]) => `${k} ${n}`).join(', ')}; hook failures ${r.hookFailures}`)],
        ['answers', ...soak.reports.map(({ report: r }) => Object.entries(r.answers).map(([k, n]) => `${k} ×${n}`).join(', '))],
        ['charges created vs expected', ...soak.reports.map(({ report: r }) => `${r.charges.created} vs ${r.charges.expected} (+${r.charges.createdForAbandonedRequests} for requests abandoned mid-flight)`)],
        ['double charges', ...soak.reports.map(({ report: r }) => String(r.charges.doubleCharged.length))],
        ['statuses: paid, refused, left pending, lost', ...soak.reports.map(({ report: r }) => `${r.statuses.approved}, ${r.statuses.rejected}, ${r.statuses.leftPending}, ${r.statuses.lost.length}`)],
        ['callbacks processed vs unique; onPaymentEvent runs', ...soak.reports.map(({ report: r }) => `${r.callbacks.processed} vs ${r.callbacks.unique}; ${r.callbacks.events}`)],
        ['answers outside the contract', ...soak.reports.map(({ report: r }) => String(r.problems.length))],
        ['heap (process incl. simulator)', ...soak.reports.map(({ report: r }) => `${r.memory.heapStartMb} → ${r.memory.heapEndMb} MB`)],
      ],
    ),
  );
}

if (crash?.figures) {
  const f = crash.figures;
  say(
    '## Reliability: crash consistency',
    '`test/crash/crash.test.ts`: two companion instances (child processes) share one real `redis-server` through `RedisStore`; shoppers go through plans, charges (one or two providers), the provider page, callbacks and bill fulfilment while instances are SIGKILLed at random moments (half of the kills aimed at an instance busy with a chosen step) and restarted on the same port. Afterwards the simulator\u2019s state (where the money went) is checked. `npm test` runs it with its assertions; here its figures (`CRASH_SEED` replays the random choices).',
    table(
      ['', 'figure'],
      [
        ['seed', String(f.seed)],
        ['kills (while a request was in flight)', `${f.kills} (${f.killsInFlight})`],
        ['kills by step in flight', Object.entries(f.killsByStep).map(([k, n]) => `${k} ${n}`).join(', ')],
        ['journeys (two providers paid or tried; carts that grew)', `${f.journeys} (${f.twoProviders}; ${f.cartsGrew})`],
        ['charges, payments, kept, refunds', `${f.charges}, ${f.payments}, ${f.kept}, ${f.refunds}`],
        ['bill payments (succeeded)', `${f.billPayments} (${f.billPaymentsSucceeded})`],
        ['status tokens checked', String(f.tokens)],
        ['orders paid twice, kept', String(f.violations.ordersPaidTwice)],
        ['paid twice at a provider without API refunds, announced (`refundRefused`)', String(f.refundByHandAnnounced)],
        ['bills paid twice, or paid for with neither the bill paid nor the money refunded', String(f.violations.billsPaidTwiceOrUnpaid)],
        ['status tokens lost or answering another charge', String(f.violations.statusesLost)],
        ['onPaymentEvent: runs, repeated after a kill, final statuses never announced', `${f.events.payment}, ${f.events.repeated}, ${f.events.missing}`],
        ['time: kills, settling afterwards', `${f.seconds.kills.toFixed(0)} s, ${f.seconds.settle.toFixed(0)} s`],
      ],
    ),
  );
}

say(
  '## Reproduce',
  [
    '```sh',
    'npm run bench                 # everything above, writes BENCHMARKS.md (a few minutes)',
    'npm run bench -- --quick      # the same pipeline with few runs',
    'npm run bench:companion       # one part alone, figures printed',
    'npm run soak                  # the long soak (SOAK_REQUESTS, default 20000)',
    'npm run test:node -- crash    # the crash test alone (CRASH_KILLS, CRASH_SEED)',
    'npm run test:node -- fuzz     # the property-based tests (FUZZ_RUNS=10 for ten times the runs)',
    '```',
  ].join('\n'),
);

writeFileSync(out, `${lines.join('\n').trimEnd()}\n`);
console.log(`\nwrote ${out} (${minutes.toFixed(1)} minutes)`);
