/**
 * `npm start` as a user runs it (a child process: prints the URL, serves the shop and the CDN files,
 * falls back to a free port, stops on Ctrl-C), and what `npm pack` would publish.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
  xenditUrl: string;
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
    if (shop && xendit) return { child, output: () => output, url: shop[1]!, xenditUrl: xendit[1]! };
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
    const { child, url, xenditUrl } = await startServer({ PORT: '0' });
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
      const { child, url, output } = await startServer({ PORT: String(taken) });
      try {
        assert.notEqual(new URL(url).port, String(taken));
        assert.match(output(), new RegExp(`Port ${taken} is taken; using ${new URL(url).port} instead`));
        assert.equal((await fetch(`${url}/orders`)).status, 200);
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
      'dist/custom-elements.json',
      'dist/cdn/paylater-checkout.js',
      'dist/cdn/paylater-checkout.iife.js',
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
