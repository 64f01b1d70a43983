/**
 * `npm start` as a user runs it (a child process: prints the URL, serves the shop and the CDN files,
 * falls back to a free port, stops on Ctrl-C), and what `npm pack` would publish.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
  xenditUrl: string;
  /** The back office link the banner prints (`…/orders?key=…`). */
  backOfficeUrl: string;
}

/** `node --import tsx demo/server.ts` (what `npm start` runs), until it prints its URLs. */
async function startServer(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
    cwd: root,
    // SKIP_BUILD: the suite built dist/ already; a rebuild here would pull it from under the other e2e files.
    env: { ...process.env, QUIET: '1', HOST: '127.0.0.1', SKIP_BUILD: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    const shop = output.match(/demo shop:\s+(http:\/\/\S+?)\/\s/);
    const xendit = output.match(/Xendit simulator[^:]*:\s+(http:\/\/\S+)/);
    const backOffice = output.match(/back office[^:]*:\s+(http:\/\/\S+\/orders\?key=\S+)/);
    if (shop && xendit && backOffice) return { child, output: () => output, url: shop[1]!, xenditUrl: xendit[1]!, backOfficeUrl: backOffice[1]! };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  assert.fail(`the demo did not print its URL:\n${output}`);
}

function exited(child: ChildProcess, ms: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running ${ms} ms after the signal`));
    }, ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('npm start', () => {
  it('prints the URL, serves the shop under a strict CSP, the CDN build and the companion; Ctrl-C stops the shop and the simulator', async () => {
    const { child, url, xenditUrl, backOfficeUrl } = await startServer({ PORT: '0' });
    try {
      const home = await fetch(`${url}/?lang=id`);
      assert.equal(home.status, 200);
      assert.match(home.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      const body = await home.text();
      assert.match(body, /<html lang="id">/);
      assert.match(body, /Token listrik PLN prabayar 50K/);
      assert.match(body, /Rp\s?53\.200/);
      assert.doesNotMatch(body, /<script(?![^>]*\bsrc=)/, 'no inline script');
      assert.doesNotMatch(body, /\sstyle=|<style/, 'no inline style');

      const cdn = await fetch(`${url}/cdn/paylater-checkout.js`);
      assert.equal(cdn.status, 200);
      assert.match(cdn.headers.get('content-type') ?? '', /javascript/);
      assert.doesNotMatch(await cdn.text(), /xnd_/);

      // The companion answers at /paylater; the simulator is Xendit on its own port.
      const plans = await fetch(`${url}/paylater/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"checkout":"cdn-demo"}' });
      assert.equal(plans.status, 200);
      assert.equal(((await plans.json()) as { amount: number }).amount, 539_000);
      assert.equal((await fetch(`${xenditUrl}/paylater/plans`)).status, 404);

      // The back office: closed without the printed link; the link lets a browser in.
      assert.equal((await fetch(`${url}/orders`)).status, 401);
      assert.ok(backOfficeUrl.startsWith(`${url}/orders?key=`), backOfficeUrl);
      const signIn = await fetch(backOfficeUrl, { redirect: 'manual' });
      assert.equal(signIn.status, 303);
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      assert.equal((await fetch(`${url}/orders`, { headers: { cookie } })).status, 200);
      // A cart emptied by its shopper is no missing cart: its checkout page says it is empty.
      const post = (body: string) => fetch(`${url}/cart`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url }, body });
      const added = await post('lang=en&action=add&product=kopi-gayo');
      const cart = new URL(added.headers.get('location')!, url).searchParams.get('cart')!;
      await post(`lang=en&cart=${cart}&action=remove&product=kopi-gayo`);
      const emptied = await fetch(`${url}/checkout?cart=${cart}&lang=en`);
      assert.equal(emptied.status, 200);
      assert.match(await emptied.text(), /Your cart is empty/);
      assert.equal((await fetch(`${url}/checkout?cart=nope&lang=en`)).status, 404);
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited(child, 5_000), 0);
    await assert.rejects(fetch(`${url}/`), 'the shop is closed');
    await assert.rejects(fetch(`${xenditUrl}/`), 'the simulator is closed');
  });

  it('falls back to a free port when PORT is taken, and says so', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      const { child, url, output, backOfficeUrl } = await startServer({ PORT: String(taken), DEMO_ADMIN_TOKEN: 'a-back-office-key-from-the-env' });
      try {
        assert.notEqual(new URL(url).port, String(taken));
        assert.match(output(), new RegExp(`Port ${taken} is taken; using ${new URL(url).port} instead`));
        // The printed link names the port in use, and the key from DEMO_ADMIN_TOKEN.
        assert.equal(backOfficeUrl, `${url}/orders?key=a-back-office-key-from-the-env`);
        assert.equal((await fetch(backOfficeUrl, { redirect: 'manual' })).status, 303);
      } finally {
        child.kill('SIGTERM');
      }
      assert.equal(await exited(child, 5_000), 0);
    } finally {
      blocker.close();
    }
  });
});

describe('npm pack', () => {
  it('publishes dist (ESM, types, custom-elements.json, CDN files), README and LICENSE; no sources, tests or demo', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const files = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
    for (const expected of [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/elements.js',
      'dist/server/index.js',
      'dist/server/index.d.ts',
      'dist/server/node.js',
      'dist/testing/index.js',
      'dist/testing/index.d.ts',
      'dist/testing/msw.js',
      'dist/testing/msw.d.ts',
      'dist/testing/node.js',
      'dist/testing/node.d.ts',
      'dist/custom-elements.json',
      'dist/cdn/paylater-checkout.js',
      'dist/cdn/paylater-status.js',
      'dist/cdn/paylater-checkout.iife.js',
      'dist/cdn/paylater-message.iife.js',
      'dist/cdn/paylater-message.js',
      'dist/cdn/paylater-message-dialog.js',
      'dist/cdn/integrity.json',
      'dist/cdn/locales/fil.js',
      'dist/widget/locales/fil.js',
      'dist/widget/locales/fil.d.ts',
    ]) {
      assert.ok(files.includes(expected), `${expected} is not in the package`);
    }
    const unexpected = files.filter((f) => !(f.startsWith('dist/') || ['package.json', 'README.md', 'LICENSE'].includes(f)) || /\.(test|e2e)\.|(^|\/)(test|demo|src)\//.test(f));
    assert.deepEqual(unexpected, []);
  });

  it('exports each added language by name: paylater-checkout/locales/<lang> registers its texts', async () => {
    const table = () => (globalThis as { paylaterLocales?: Record<string, Record<string, string>> }).paylaterLocales ?? {};
    for (const lang of ['th', 'vi', 'fil', 'ms']) {
      assert.equal(table()[lang], undefined);
      await import(`paylater-checkout/locales/${lang}`);
      assert.equal(typeof table()[lang]?.continueWith, 'string', lang);
      assert.match(table()[lang]!.continueWith!, /\{provider\}/);
    }
  });
});

describe('paylater-checkout/testing without msw installed', () => {
  it('runs the simulator (fetch, and node:http from paylater-checkout/testing/node); the msw face needs msw, and the deprecated simulator.handlers says so in words', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paylater-no-msw-'));
    try {
      // A resolve hook that makes `msw` missing, as in a merchant's project that never installed it.
      writeFileSync(
        join(dir, 'hook.mjs'),
        `export async function resolve(specifier, context, next) {
  if (specifier === 'msw' || specifier.startsWith('msw/')) throw Object.assign(new Error("Cannot find package '" + specifier + "'"), { code: 'ERR_MODULE_NOT_FOUND' });
  return next(specifier, context);
}\n`,
      );
      writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister('./hook.mjs', import.meta.url);\n`);
      const script = `
        const { createXenditSimulator } = await import('paylater-checkout/testing');
        const { listenSimulator } = await import('paylater-checkout/testing/node');
        const simulator = createXenditSimulator({ secretKey: 'xnd_development_no_msw' });
        const customer = (base) => fetch(base + '/customers', {
          method: 'POST',
          headers: { authorization: 'Basic ' + btoa('xnd_development_no_msw:'), 'content-type': 'application/json' },
          body: JSON.stringify({ reference_id: 'c-' + Math.random(), given_names: 'Siti', email: 'siti@example.co.id', mobile_number: '+6281234567890' }),
        });
        const viaFetch = (await simulator.fetch('https://api.xendit.co/customers', {
          method: 'POST',
          headers: { authorization: 'Basic ' + btoa('xnd_development_no_msw:'), 'content-type': 'application/json' },
          body: JSON.stringify({ reference_id: 'c-fetch', given_names: 'Siti', email: 'siti@example.co.id', mobile_number: '+6281234567890' }),
        })).status;
        const { url } = await listenSimulator(simulator);
        const viaHttp = (await customer(url)).status;
        let handlers = 'no error';
        try { simulator.handlers; } catch (error) { handlers = error.message; }
        let mswEntry = 'loaded';
        try { await import('paylater-checkout/testing/msw'); } catch (error) { mswEntry = error.code; }
        await simulator.close();
        console.log(JSON.stringify({ viaFetch, viaHttp, handlers, mswEntry }));
      `;
      const out = execFileSync(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
      const result = JSON.parse(out.trim().split('\n').at(-1)!) as { viaFetch: number; viaHttp: number; handlers: string; mswEntry: string };
      assert.equal(result.viaFetch, 200);
      assert.equal(result.viaHttp, 200);
      assert.match(result.handlers, /needs msw 2.*npm install --save-dev msw/);
      assert.equal(result.mswEntry, 'ERR_MODULE_NOT_FOUND');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * `npm pack` into `dir`, then a fresh project there that installs the tarball (its dependencies
 * come from npm's cache: offline first, the registry only for what the cache lacks). Optional peer
 * dependencies (msw, redis) are not installed, as in a merchant's project that never added them.
 */
function installPackedPackage(dir: string): void {
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const tarball = join(dir, (JSON.parse(out) as Array<{ filename: string }>)[0]!.filename);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'merchant-app', private: true, type: 'module' }, null, 2)}\n`);
  const install = (mode: string) => execFileSync('npm', ['install', tarball, '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', mode], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
  try {
    install('--offline');
  } catch {
    install('--prefer-offline');
  }
}

describe('CommonJS (require, as Jest and other CommonJS test runners load it)', () => {
  it('require() gives the companion and the simulator (no top-level await in their graphs); the deprecated msw face says where it went', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paylater-cjs-'));
    try {
      installPackedPackage(dir);
      writeFileSync(
        join(dir, 'ci.cjs'),
        `const { createXenditSimulator, runCheckout } = require('paylater-checkout/testing');
const { createCompanion } = require('paylater-checkout/server');
const { toNodeHandler } = require('paylater-checkout/server/node');
(async () => {
  const simulator = createXenditSimulator({ secretKey: 'xnd_development_cjs' });
  const answer = await simulator.fetch('https://api.xendit.co/customers', {
    method: 'POST',
    headers: { authorization: 'Basic ' + btoa('xnd_development_cjs:'), 'content-type': 'application/json' },
    body: JSON.stringify({ reference_id: 'c-cjs', given_names: 'Siti', email: 'siti@example.co.id', mobile_number: '+6281234567890' }),
  });
  let handlers = 'no error';
  try { simulator.handlers; } catch (error) { handlers = error.message; }
  await simulator.close();
  console.log(JSON.stringify({ customers: answer.status, handlers, companion: typeof createCompanion, node: typeof toNodeHandler, run: typeof runCheckout }));
})();
`,
      );
      const out = execFileSync(process.execPath, ['ci.cjs'], { cwd: dir, encoding: 'utf8' });
      const result = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
      assert.equal(result.customers, 200);
      assert.equal(result.companion, 'function');
      assert.equal(result.node, 'function');
      assert.equal(result.run, 'function');
      assert.match(String(result.handlers), /use simulatorHandlers\(simulator\) from paylater-checkout\/testing\/msw/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('paylater-checkout/testing types', () => {
  it('type-check in a project without msw (skipLibCheck off, strict): createXenditSimulator, listenSimulator, the deprecated listen, runCheckout, the wire types from paylater-checkout/server', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paylater-types-'));
    try {
      installPackedPackage(dir);
      writeFileSync(
        join(dir, 'app.ts'),
        `import { createXenditSimulator, type XenditSimulator } from 'paylater-checkout/testing';
import { listenSimulator } from 'paylater-checkout/testing/node';

const simulator: XenditSimulator = createXenditSimulator({ secretKey: 'xnd_development_types' });
const server = await listenSimulator(simulator, { port: 0, host: '127.0.0.1' });
const url: string = server.url;
const charges: number = simulator.charges().length;
await server.close();
const old: { url: string } = await simulator.listen(0);
await simulator.whenIdle({ timeoutMs: 1_000 });
await simulator.close();
export { url, charges, old };
`,
      );
      // The wire types from the server entry, and runCheckout's answer typed with them.
      writeFileSync(
        join(dir, 'merchant-ci.ts'),
        `import type { PlansRequestBody, PlansResponseBody, ChargeResponseBody, StatusResponseBody, ErrorBody, ErrorCode, Provider, BillProductsResponseBody } from 'paylater-checkout/server';
import { createXenditSimulator, runCheckout, WHEN_IDLE_TIMEOUT_MS, type CheckoutRun } from 'paylater-checkout/testing';

const request: PlansRequestBody = { checkout: 'cart_42', channels: ['ID_KREDIVO'] };
const code: ErrorCode = 'CHECKOUT_NOT_FOUND';
const refused: ErrorBody = { error: { code, message: 'This checkout was not found.' } };
const simulator = createXenditSimulator({ secretKey: 'xnd_development_types', callbackRetryDelaysMs: [50, 100] });
const run: CheckoutRun = await runCheckout({ simulator, endpoint: 'http://127.0.0.1:3000/paylater', checkout: request.checkout, outcome: 'FAILED' });
const plans: PlansResponseBody = run.plans;
const providers: Provider[] = plans.providers;
const charge: ChargeResponseBody = run.charge;
const status: StatusResponseBody = run.status;
const products: BillProductsResponseBody = { products: [] };
const waited: number = WHEN_IDLE_TIMEOUT_MS;
export { refused, providers, charge, status, products, waited };
`,
      );
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      for (const moduleResolution of ['bundler', 'node16']) {
        const module = moduleResolution === 'bundler' ? 'esnext' : 'node16';
        const compilerOptions = { strict: true, skipLibCheck: false, noEmit: true, target: 'es2022', module, moduleResolution, lib: ['es2022', 'dom', 'dom.iterable'], types: [] };
        writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['app.ts', 'merchant-ci.ts'] }));
        try {
          execFileSync(process.execPath, [tsc, '-p', dir], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
        } catch (error) {
          const { stdout, stderr } = error as { stdout?: string; stderr?: string };
          assert.fail(`tsc (moduleResolution ${moduleResolution}) failed:\n${stdout ?? ''}${stderr ?? ''}`);
        }
      }
      // moduleResolution "node" (node10), which `next build` writes into a new project's tsconfig:
      // the subpaths' types come from typesVersions (that resolution does not read exports).
      writeFileSync(
        join(dir, 'node10.ts'),
        `import { createCompanion, type CreatedCharge } from 'paylater-checkout/server';
import { toNodeHandler } from 'paylater-checkout/server/node';
import { createXenditSimulator } from 'paylater-checkout/testing';
import type { PaylaterCheckout } from 'paylater-checkout';
export const pieces = [createCompanion, toNodeHandler, createXenditSimulator] as const;
export type Pieces = [CreatedCharge['reference_id'], PaylaterCheckout['checkout']];
`,
      );
      const node10 = { strict: true, skipLibCheck: true, noEmit: true, target: 'es2022', module: 'commonjs', moduleResolution: 'node', lib: ['es2022', 'dom', 'dom.iterable'], types: [] };
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: node10, files: ['node10.ts'] }));
      try {
        execFileSync(process.execPath, [tsc, '-p', dir], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        const { stdout, stderr } = error as { stdout?: string; stderr?: string };
        assert.fail(`tsc (moduleResolution node) failed:\n${stdout ?? ''}${stderr ?? ''}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The merchant's side of the README example: a shop that mounts the companion as the README's
 * quick start does, configured by the test (`startShop({ port, secretKey, callbackToken, xenditBaseUrl })`).
 */
const MERCHANT_SHOP = `import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCompanion, type TrustedOrder } from 'paylater-checkout/server';
import { toNodeHandler } from 'paylater-checkout/server/node';

const cart = (id: string, amount: number): TrustedOrder => ({
  reference_id: 'order-' + id, currency: 'IDR', amount,
  order_items: [{ type: 'PHYSICAL_PRODUCT', reference_id: 'SKU-1', name: 'Batik shirt', net_unit_amount: amount, quantity: 1, url: 'https://shop.test/p/1', category: 'Fashion' }],
  customer: { reference_id: 'customer-' + id, given_names: 'Siti', email: 'siti@example.co.id' },
});
export const paid: string[] = [];

export async function startShop(settings: { port: number; secretKey: string; callbackToken: string; xenditBaseUrl: string }) {
  let companion: ReturnType<typeof createCompanion> | undefined;
  const server = createServer((req, res) => void toNodeHandler(companion!, { basePath: '/paylater' })(req, res));
  await new Promise<void>((resolve) => server.listen(settings.port, '127.0.0.1', resolve));
  const url = 'http://127.0.0.1:' + (server.address() as AddressInfo).port;
  companion = createCompanion({
    secretKey: settings.secretKey,
    callbackToken: settings.callbackToken,
    signingSecret: 'a-test-signing-secret-of-32-chars-or-more',
    baseUrl: settings.xenditBaseUrl,
    returnUrl: url + '/return',
    resolveCheckout: (_request, checkout) => ({ cart_42: cart('42', 250_000), cart_43: cart('43', 90_000) })[checkout] ?? null,
    onPaymentEvent: (event) => { if (event.status === 'SUCCEEDED' && event.paysOrder) paid.push(event.referenceId); },
  });
  return {
    url,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
`;

/** Runs a README test file as the merchant's CI would (a test run of its own, not a child of this runner): `tests` pass, none fails. */
function readmeTestPasses(file: string, tests: number) {
  const { NODE_TEST_CONTEXT: _child, ...env } = process.env;
  let out: string;
  try {
    out = execFileSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', file], { cwd: root, env, encoding: 'utf8', stdio: 'pipe', timeout: 30_000 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    assert.fail(`the README example failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
  assert.match(out, new RegExp(`^# pass ${tests}$`, 'm'), out);
  assert.match(out, /^# fail 0$/m, out);
}

describe('README: the merchant CI test with runCheckout', () => {
  it('passes as written, against a shop that mounts the companion (the package by its name, from dist)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const from = readme.indexOf('**One whole checkout against your shop**');
    assert.ok(from > 0, 'the README section is there');
    const block = readme.slice(from).match(/```ts\n([\s\S]*?)```/)?.[1];
    assert.ok(block?.includes('runCheckout('), 'the README example calls runCheckout');
    // Inside the repository, so that \`paylater-checkout/*\` resolves to this package's dist/ (self-reference).
    const dir = mkdtempSync(join(root, '.readme-ci-'));
    try {
      mkdirSync(join(dir, 'src'));
      mkdirSync(join(dir, 'test'));
      writeFileSync(join(dir, 'src', 'shop.ts'), MERCHANT_SHOP);
      // The example's own assertions, plus one on the merchant's side: the paid cart reached onPaymentEvent.
      const check = "\ntest('the shop saw exactly the paid cart', async () => {\n  const { paid } = await import('../src/shop.js');\n  assert.deepEqual(paid, ['order-42']);\n});\n";
      writeFileSync(join(dir, 'test', 'paylater.test.ts'), block + check);
      readmeTestPasses(join(dir, 'test', 'paylater.test.ts'), 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('README: the node test with the simulator on a real port', () => {
  it('passes as written (both tests, in one run, in their order)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!).find((code) => code.includes('listenSimulator(simulator); //') && code.includes("test('a paid order reaches onPaymentEvent once'"));
    assert.ok(block, 'the README example is there');
    // Inside the repository, so that `paylater-checkout/*` resolves to this package's dist/ (self-reference).
    const dir = mkdtempSync(join(root, '.readme-node-'));
    try {
      writeFileSync(join(dir, 'paylater.test.ts'), block);
      readmeTestPasses(join(dir, 'paylater.test.ts'), 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the packed package renders the checkout on the server', () => {
  it('a fresh project with the tarball: companion.renderCheckout and renderStatus, with the simulator, in plain Node', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paylater-render-'));
    try {
      installPackedPackage(dir);
      const script = `
        import { createCompanion, checkoutUrlForUserAgent } from 'paylater-checkout/server';
        import { createXenditSimulator } from 'paylater-checkout/testing';
        const simulator = createXenditSimulator({ secretKey: 'xnd_development_render' });
        const companion = createCompanion({
          secretKey: 'xnd_development_render', callbackToken: 'render-callback-token', signingSecret: 'a-test-signing-secret-of-32-chars-or-more',
          baseUrl: 'https://api.xendit.co', fetch: simulator.fetch, returnUrl: 'https://shop.test/return', logger: { debug() {}, info() {}, warn() {}, error() {} },
          resolveCheckout: () => ({ reference_id: 'order-r1', currency: 'IDR', amount: 1500000,
            order_items: [{ type: 'PHYSICAL_PRODUCT', reference_id: 'SKU-1', name: 'Batik', net_unit_amount: 1500000, quantity: 1, url: 'https://shop.test/p/1', category: 'Fashion' }],
            customer: { reference_id: 'customer-r1', given_names: 'Siti', email: 'siti@example.co.id' } }),
        });
        const request = new Request('https://shop.test/checkout', { headers: { 'accept-language': 'id' } });
        const rendered = await companion.renderCheckout(request, 'cart_1');
        const plan = rendered.plans.providers.find((p) => p.available);
        const charge = await companion.createCharge(request, { quote: rendered.plans.quote, plan_id: plan.plan_id });
        const status = await companion.renderStatus(request, charge.status_token);
        const url = checkoutUrlForUserAgent(charge.checkout_url, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/21G93 [FBAN/FBIOS;FBAV/479.1.0.33.109]');
        await simulator.close();
        console.log(JSON.stringify({ html: rendered.html, error: rendered.error ?? null, status: status.html, final: status.final, kind: url.kind }));
      `;
      writeFileSync(join(dir, 'render.mjs'), script);
      const out = execFileSync(process.execPath, ['render.mjs'], { cwd: dir, encoding: 'utf8' });
      const result = JSON.parse(out.trim().split('\n').at(-1)!) as { html: string; error: unknown; status: string; final: boolean; kind: string };
      assert.equal(result.error, null);
      assert.match(result.html, /^<paylater-checkout endpoint="\/paylater" checkout="cart_1" locale="id"><template shadowrootmode="open"><style>/);
      assert.match(result.html, />Kredivo</);
      assert.match(result.html, /Rp\s1\.500\.000/);
      assert.match(result.status, /^<paylater-status [^>]*locale="id"[^>]*><template shadowrootmode="open">/);
      assert.match(result.status, /Menunggu|menunggu|Memeriksa|diproses/i);
      assert.equal(result.final, false);
      assert.equal(result.kind, 'mobile');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
