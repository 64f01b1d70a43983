/**
 * The examples in `examples/`, as a merchant gets them: the package built and packed once, each
 * example copied to a temporary folder, the tarball and the example's own pinned dependencies
 * installed from npm (npm's cache first, the registry for what it lacks: no registry and a cold
 * cache fail here, loudly), then the example's own type-check and build. Besides:
 *
 * - the framework types reject what they should: a fixture of wrong attribute values, events and
 *   refs fails to compile exactly on its marked lines, in the React example (tsc) and the Vue
 *   example (vue-tsc), and in small Preact (Preact 11 and 10) and Svelte 5 (svelte-check) projects;
 * - in Chromium, the whole journey (plans, choose, Continue, the simulator's provider page, Pay,
 *   the return page's confirmed status) on the Express example's plain HTML page, and on the built
 *   React and Vue apps (`vite preview`, /paylater passed on to the Express example), where the
 *   apps' `onpaylater-*` / `@paylater-*` listeners must have run;
 * - the Hono example serves its page, the CDN file and the companion.
 *
 * Run by `npm test` (suite "examples") or `node scripts/test.mjs examples`. Every step prints its
 * time. PAYLATER_EXAMPLES_NPM_CACHE sets npm's cache folder (default: npm's own, which survives
 * between runs), e.g. an empty folder to measure a cold run.
 */
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureBuilt } from '../../demo/ensure-build.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = join(root, 'test', 'examples', 'fixtures');
const work = mkdtempSync(join(tmpdir(), 'paylater-examples-'));
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p): p is string => !!p && existsSync(p));
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];
const STEP_MS = 15_000;

/** The environment of every command: no npm variables of the `npm test` that runs this file. */
const ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_') && name !== 'NODE_TEST_CONTEXT' && name !== 'INIT_CWD')),
  NEXT_TELEMETRY_DISABLED: '1',
  NO_UPDATE_NOTIFIER: '1',
};

/** `npm install` as the examples' READMEs say, npm's cache first (PAYLATER_EXAMPLES_NPM_CACHE: another cache folder). */
const NPM_INSTALL = ['install', '--no-audit', '--no-fund', '--prefer-offline', ...(process.env.PAYLATER_EXAMPLES_NPM_CACHE ? ['--cache', process.env.PAYLATER_EXAMPLES_NPM_CACHE] : [])];

interface Ran {
  code: number | null;
  output: string;
  seconds: number;
}

/** Runs a command to its end; its output (stdout and stderr) is kept for the failure message. */
function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output, seconds: (Date.now() - started) / 1000 }));
  });
}

/** Runs a command that must succeed; its time goes to the test's diagnostics. */
async function must(t: TestContext, cwd: string, what: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  const ran = await run(cwd, command, args, env);
  t.diagnostic(`${what}: ${ran.seconds.toFixed(1)} s`);
  assert.equal(ran.code, 0, `${what} failed in ${cwd} (exit ${ran.code}):\n${ran.output.slice(-6000)}`);
  return ran;
}

// ------------------------------------------------------------ the package, packed once

let tarball: Promise<string>;
before(() => {
  tarball = (async () => {
    ensureBuilt({ strict: true });
    const packed = await run(root, 'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work]);
    assert.equal(packed.code, 0, `npm pack failed:\n${packed.output}`);
    return join(work, (JSON.parse(packed.output.slice(packed.output.indexOf('['))) as Array<{ filename: string }>)[0]!.filename);
  })();
});

after(() => rmSync(work, { recursive: true, force: true }));

/**
 * `from` (an example, or a fixture project) copied to the work folder, its `paylater-checkout`
 * dependency pointed at the tarball, then `npm install`. Every project installs at once, side by
 * side; each test waits for its own.
 */
const installs = new Map<string, Promise<{ dir: string; seconds: number }>>();
function installed(from: string): Promise<{ dir: string; seconds: number }> {
  let install = installs.get(from);
  if (!install) {
    install = (async () => {
      const dir = join(work, basename(from));
      cpSync(from, dir, { recursive: true, filter: (src) => !/(^|\/)(node_modules|dist|\.next)$/.test(relative(from, src)) });
      const manifestPath = join(dir, 'package.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { dependencies: Record<string, string> };
      assert.ok(manifest.dependencies['paylater-checkout'], `${from} does not depend on paylater-checkout`);
      manifest.dependencies['paylater-checkout'] = `file:${await tarball}`;
      writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
      const ran = await run(dir, 'npm', [...NPM_INSTALL]);
      assert.equal(ran.code, 0, `npm install failed for ${relative(root, from)} (is the npm registry reachable, or its packages in npm's cache?):\n${ran.output.slice(-6000)}`);
      return { dir, seconds: ran.seconds };
    })();
    installs.set(from, install);
  }
  return install;
}

const example = (name: string) => join(root, 'examples', name);
const PROJECTS = [...['express', 'hono', 'react-vite', 'vue-vite', 'nextjs'].map(example), join(fixtures, 'preact'), join(fixtures, 'svelte'), join(fixtures, 'bundler')];
before(() => {
  // Every install starts now; a failed one fails its own tests only.
  for (const project of PROJECTS) installed(project).catch(() => {});
});

const reported = new Set<string>();
async function setUp(t: TestContext, from: string): Promise<string> {
  const { dir, seconds } = await installed(from);
  if (!reported.has(from)) t.diagnostic(`npm install (${relative(root, from)}, side by side with the others): ${seconds.toFixed(1)} s`);
  reported.add(from);
  return dir;
}

// ------------------------------------------------------------ type fixtures

/** How each checker reports an error: `file(line,col): error TS…` (tsc, vue-tsc), or svelte-check's machine output. */
const CHECKERS = {
  tsc: { bin: 'tsc', args: ['--noEmit', '-p', 'tsconfig.fixture.json'], pattern: /^(.+?)\((\d+),\d+\): error TS\d+/gm },
  'vue-tsc': { bin: 'vue-tsc', args: ['--noEmit', '-p', 'tsconfig.fixture.json'], pattern: /^(.+?)\((\d+),\d+\): error TS\d+/gm },
  'svelte-check': { bin: 'svelte-check', args: ['--tsconfig', './tsconfig.fixture.json', '--output', 'machine'], pattern: /^\d+ ERROR "(.+?)" (\d+):\d+ /gm },
} as const;

/**
 * Checks `fixture` inside `dir` (as `into`, with `skipLibCheck` off) and expects errors exactly on
 * the fixture's marked lines (code, then `// error: …` or `<!-- error: … -->`), and nowhere else.
 */
async function checkFixture(t: TestContext, dir: string, fixture: string, into: string, checker: keyof typeof CHECKERS, what: string) {
  const source = readFileSync(join(fixtures, fixture), 'utf8');
  const marked = source.split('\n').flatMap((line, i) => (/^\s*[^\s*/<].*(\/\/|<!--) error:/.test(line) || /^\s*<[a-z].*<!-- error:/.test(line) ? [i + 1] : []));
  assert.ok(marked.length >= 5, `${fixture} marks its wrong lines`);
  writeFileSync(join(dir, into), source);
  writeFileSync(join(dir, 'tsconfig.fixture.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { skipLibCheck: false } }));
  const { bin, args, pattern } = CHECKERS[checker];
  try {
    const ran = await run(dir, join(dir, 'node_modules', '.bin', bin), [...args]);
    t.diagnostic(`${what}: ${ran.seconds.toFixed(1)} s`);
    const errors = [...ran.output.matchAll(pattern)].map((m) => ({ file: m[1]!, line: Number(m[2]) }));
    assert.notEqual(ran.code, 0, `${checker} accepted every wrong line of ${fixture}:\n${ran.output}`);
    assert.deepEqual(errors.filter((e) => e.file !== into), [], `errors outside the fixture:\n${ran.output}`);
    assert.deepEqual([...new Set(errors.map((e) => e.line))].sort((a, b) => a - b), marked, `${checker}'s errors are not on exactly the marked lines of ${fixture}:\n${ran.output}`);
  } finally {
    rmSync(join(dir, into));
  }
}

// ------------------------------------------------------------ servers and Chromium

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Started {
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

const running = new Set<Started>();
after(async () => {
  await Promise.all([...running].map((server) => server.stop()));
});

/**
 * Starts a long-running command in a process group of its own (`npm start` runs the server as a
 * grandchild) and waits until its output matches `ready`. `stop()` ends the whole group.
 */
async function start(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<Started> {
  const child = spawn(command, args, { cwd, env: { ...ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // The group is gone already.
    }
  };
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const started: Started = {
    child,
    output: () => output,
    async stop() {
      running.delete(started);
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(started);
  const stop = () => started.stop();
  const until = Date.now() + 30_000;
  while (Date.now() < until && !ready.test(output) && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
  if (!ready.test(output)) {
    await stop();
    assert.fail(`${command} ${args.join(' ')} did not start in ${cwd}:\n${output}`);
  }
  return started;
}

/**
 * The Express example's server (`npm start`) on a free port, with the Xendit simulator it starts
 * when no keys are set; `returnUrl` where another app shows the status.
 */
async function startExpress(dir: string, returnUrl?: string): Promise<Started & { url: string; xenditUrl: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await start(dir, 'npm', ['start'], { PORT: String(port), SHOP_URL: url, XENDIT_SECRET_KEY: '', ...(returnUrl ? { RETURN_URL: returnUrl } : {}) }, /^Shop: /m);
  const xenditUrl = server.output().match(/Xendit is the simulator at (http:\/\/\S+)/)?.[1];
  assert.ok(xenditUrl, `the example did not say where the simulator is:\n${server.output()}`);
  return { ...server, url, xenditUrl };
}

let browser: Browser | undefined;
async function chromiumPage(): Promise<{ page: Page; problems: string[]; close(): Promise<void> }> {
  assert.ok(CHROMIUM, 'Chromium not found: apt-get install chromium (or set CHROMIUM_PATH)');
  browser ??= await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  context.setDefaultTimeout(STEP_MS);
  context.setDefaultNavigationTimeout(STEP_MS);
  const page = await context.newPage();
  // Errors on the page, and failed requests (but the favicon the examples do not have).
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') problems.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    // A request cut short by leaving the page is no problem.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  return { page, problems, close: () => context.close() };
}
after(async () => {
  await browser?.close();
});

/**
 * The shopper's journey from an open checkout page: the plans, Kredivo, Continue, the simulator's
 * provider page (at `xenditUrl`), Pay, back on `returnPrefix` with the confirmed status.
 */
async function journey(page: Page, xenditUrl: string, returnPrefix: string, afterChoice?: () => Promise<void>) {
  const kredivo = page.getByRole('radio', { name: /^Kredivo(,|$)/ });
  await kredivo.waitFor();
  await page.getByRole('radio', { name: /^Akulaku(,|$)/ }).waitFor();
  await kredivo.check();
  await afterChoice?.();
  await page.getByRole('button', { name: 'Continue with Kredivo' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${xenditUrl}/checkout/`));
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(returnPrefix) && url.searchParams.has('paylater_token'));
  await page.getByText('Payment confirmed').waitFor();
}

// ------------------------------------------------------------ the examples

describe('examples/express (Express 5, plain HTML, the CDN file from node_modules)', () => {
  it('type-checks (server.js with checkJs)', async (t) => {
    const dir = await setUp(t, example('express'));
    await must(t, dir, 'npm run typecheck', 'npm', ['run', 'typecheck']);
  });

  it('in Chromium: plans → Kredivo → Continue → the simulator’s page → Pay → return.html shows the payment confirmed', async (t) => {
    const dir = await setUp(t, example('express'));
    const started = Date.now();
    const shop = await startExpress(dir);
    const tab = await chromiumPage();
    try {
      const response = await tab.page.goto(`${shop.url}/`);
      assert.equal(response?.status(), 200);
      // The classic script from node_modules, with its SRI hash.
      const integrity = JSON.parse(readFileSync(join(dir, 'node_modules', 'paylater-checkout', 'dist', 'cdn', 'integrity.json'), 'utf8')) as Record<string, string>;
      assert.equal(await tab.page.locator('script[src="/assets/paylater-checkout.iife.js"]').getAttribute('integrity'), integrity['paylater-checkout.iife.js']);
      await journey(tab.page, shop.xenditUrl, `${shop.url}/return.html`);
      await tab.page.getByRole('link', { name: 'Back to the shop' }).waitFor();
      // The shop's onPaymentEvent learnt it too (from the callback or the status refresh).
      const paid = /Order order-[\w-]+ paid: IDR 528000 \(ID_KREDIVO\)/;
      for (let i = 0; i < 50 && !paid.test(shop.output()); i += 1) await new Promise((r) => setTimeout(r, 100));
      assert.match(shop.output(), paid, 'onPaymentEvent saw the payment');
      assert.deepEqual(tab.problems, []);
      t.diagnostic(`journey: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await tab.close();
      await shop.stop();
    }
  });
});

describe('examples/hono (Hono on @hono/node-server)', () => {
  it('builds (tsc) and serves the checkout page, the CDN file and the companion', async (t) => {
    const dir = await setUp(t, example('hono'));
    await must(t, dir, 'npm run build', 'npm', ['run', 'build']);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = await start(dir, 'npm', ['start'], { PORT: String(port), SHOP_URL: url, XENDIT_SECRET_KEY: '' }, /^Shop: /m);
    try {
      const page = await (await fetch(`${url}/`)).text();
      const checkout = page.match(/<paylater-checkout endpoint="\/paylater" checkout="(cart_[\w-]+)">/)?.[1];
      assert.ok(checkout, `no <paylater-checkout> on the page:\n${page}`);
      const script = await fetch(`${url}/assets/paylater-checkout.iife.js`);
      assert.equal(script.status, 200);
      assert.match(script.headers.get('content-type') ?? '', /javascript/);
      const plans = await fetch(`${url}/paylater/plans`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ checkout }) });
      assert.equal(plans.status, 200, await plans.clone().text());
      const body = (await plans.json()) as { amount: number; providers: Array<{ channel_code: string; available: boolean }> };
      assert.equal(body.amount, 528_000);
      assert.ok(body.providers.some((p) => p.channel_code === 'ID_KREDIVO' && p.available));
      assert.equal((await fetch(`${url}/return.html`)).status, 200);
      // Another site's page may not call the companion.
      const foreign = await fetch(`${url}/paylater/plans`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://elsewhere.example' }, body: JSON.stringify({ checkout }) });
      assert.equal(foreign.status, 403);
    } finally {
      await server.stop();
    }
  });
});

/**
 * A built Vite app under `vite preview`, its /paylater passed on to the Express example's companion;
 * `withMessage`: the app shows `<paylater-message>` from `paylater-checkout/message` above the checkout.
 */
async function previewJourney(t: TestContext, dir: string, expressDir: string, withMessage: boolean) {
  const started = Date.now();
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const companion = await startExpress(expressDir, `${appUrl}/`);
  const preview = await start(dir, join(dir, 'node_modules', '.bin', 'vite'), ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { COMPANION_URL: companion.url }, new RegExp(`${port}`));
  const tab = await chromiumPage();
  try {
    await tab.page.goto(`${appUrl}/`);
    if (withMessage) {
      // The npm entry from the tarball, bundled by the app: the line from the companion's terms, and
      // the "See plans" dialog, which that entry bundles (no file loaded from beside it).
      await tab.page.getByRole('button', { name: 'See plans' }).click();
      const dialog = tab.page.getByRole('dialog', { name: /^PayLater plans for Rp\s?528,000$/ });
      await dialog.getByRole('heading', { name: 'Kredivo' }).waitFor();
      const line = await tab.page.locator('paylater-message [part~="base"]').textContent();
      assert.match(line ?? '', /^or (0% instalments )?from Rp\s?[\d,]+\/month with [A-Za-z]+(, [A-Za-z]+)*…? See plans$/);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'hidden' });
    }
    // The app's listener of `paylater-select` ran: it shows the choice.
    await journey(tab.page, companion.xenditUrl, `${appUrl}/`, () => tab.page.getByText('You chose Kredivo.').waitFor());
    // And its listener of `paylater-status-change`.
    await tab.page.getByRole('heading', { name: 'Thank you' }).waitFor();
    assert.deepEqual(tab.problems, []);
    t.diagnostic(`journey: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await tab.close();
    await preview.stop();
    await companion.stop();
  }
}

const APPS = [
  {
    name: 'react-vite',
    title: 'React 19, TSX, the types of paylater-checkout/react',
    build: 'tsc, vite build',
    fixture: 'react-types.tsx',
    into: 'src/types.fixture.tsx',
    checker: 'tsc',
    wrong: 'wrong attribute values, events or refs',
    listeners: 'onpaylater-select and onpaylater-status-change',
    message: true,
  },
  {
    name: 'vue-vite',
    title: 'Vue 3 SFC, vue-tsc, the types of paylater-checkout/vue',
    build: 'vue-tsc, vite build',
    fixture: 'vue-types.vue',
    into: 'src/Types.fixture.vue',
    checker: 'vue-tsc',
    wrong: 'wrong prop values or listeners',
    listeners: '@paylater-select and @paylater-status-change',
    message: false,
  },
] as const;

for (const app of APPS) {
  describe(`examples/${app.name} (${app.title})`, () => {
    it(`type-checks and builds (${app.build})`, async (t) => {
      const dir = await setUp(t, example(app.name));
      await must(t, dir, 'npm run build', 'npm', ['run', 'build']);
    });

    it(`does not compile ${app.wrong} (test/examples/fixtures/${app.fixture})`, async (t) => {
      const dir = await setUp(t, example(app.name));
      await checkFixture(t, dir, app.fixture, app.into, app.checker, `${app.checker} on the fixture`);
    });

    it(`in Chromium: the journey, with the app’s ${app.listeners} listeners run${app.message ? ', and its <paylater-message> with the dialog' : ''}`, async (t) => {
      const dir = await setUp(t, example(app.name));
      assert.ok(existsSync(join(dir, 'dist', 'index.html')), 'built by the test before');
      await previewJourney(t, dir, (await installed(example('express'))).dir, app.message);
    });
  });
}

describe('a bundler importing the CDN file and paylater-checkout/testing (test/examples/fixtures/bundler: Vite, msw not installed)', () => {
  it('builds, and in Chromium the CDN file defines the tags and the simulator answers, with the deprecated msw face saying where it went', async (t) => {
    const dir = await setUp(t, join(fixtures, 'bundler'));
    const build = await must(t, dir, 'vite build', 'npm', ['run', 'build']);
    // The CDN file is imported for its side effect (package.json `sideEffects`), and nothing of msw or node:http is pulled in.
    assert.doesNotMatch(build.output, /MISSING_EXPORT|externalized|msw/i, build.output);
    const port = await freePort();
    const preview = await start(dir, join(dir, 'node_modules', '.bin', 'vite'), ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {}, new RegExp(`${port}`));
    const tab = await chromiumPage();
    try {
      await tab.page.goto(`http://127.0.0.1:${port}/`);
      await tab.page.waitForFunction(() => document.body.dataset.result, undefined, { timeout: STEP_MS });
      const result = JSON.parse((await tab.page.evaluate(() => document.body.dataset.result)) ?? '{}') as Record<string, unknown>;
      assert.equal(result.checkout, true, '<paylater-checkout> is defined');
      assert.equal(result.customers, 200, 'the simulator answers in the browser');
      assert.match(String(result.handlers), /use simulatorHandlers\(simulator\) from paylater-checkout\/testing\/msw/);
      assert.deepEqual(tab.problems, []);
    } finally {
      await tab.close();
      await preview.stop();
    }
  });
});

describe('examples/nextjs (Next.js App Router)', () => {
  it('builds (next build, its type-check included) without the shop’s secrets set', async (t) => {
    const dir = await setUp(t, example('nextjs'));
    const ran = await must(t, dir, 'npm run build', 'npm', ['run', 'build'], { XENDIT_SECRET_KEY: '', XENDIT_CALLBACK_TOKEN: '', PAYLATER_SIGNING_SECRET: '' });
    assert.match(ran.output, /\/paylater\/\[\.\.\.path\]/, 'the companion’s route is built');
  });
});

describe('paylater-checkout/preact (test/examples/fixtures/preact)', () => {
  it('compiles the right props and rejects the wrong ones, with Preact 11 and Preact 10', async (t) => {
    const dir = await setUp(t, join(fixtures, 'preact'));
    await checkFixture(t, dir, 'preact-types.tsx', 'types.fixture.tsx', 'tsc', 'tsc on the fixture (Preact 11)');
    await must(t, dir, 'npm install preact@10', 'npm', [...NPM_INSTALL, '--no-save', 'preact@10.29.8']);
    await checkFixture(t, dir, 'preact-types.tsx', 'types.fixture.tsx', 'tsc', 'tsc on the fixture (Preact 10)');
  });
});

describe('paylater-checkout/svelte (test/examples/fixtures/svelte)', () => {
  it('svelte-check accepts the right attributes and listeners and rejects the wrong ones (Svelte 5)', async (t) => {
    const dir = await setUp(t, join(fixtures, 'svelte'));
    await checkFixture(t, dir, 'svelte-types.svelte', 'Types.svelte', 'svelte-check', 'svelte-check on the fixture');
  });
});
