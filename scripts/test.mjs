#!/usr/bin/env node
// Runs every suite (typecheck, node tests, browser tests, end-to-end tests, the examples) and ends
// with one line: "N passed, N failed". Exits non-zero when anything failed.
// Usage: node scripts/test.mjs [typecheck|node|browser|e2e|examples ...] [word that file paths must contain]
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ensureBuilt } from '../demo/ensure-build.mjs';

const SUITES = ['typecheck', 'node', 'browser', 'e2e', 'examples'];
const args = process.argv.slice(2).filter((a) => a && a !== '--');
const wanted = args.filter((a) => SUITES.includes(a));
const filter = args.find((a) => !SUITES.includes(a)) ?? '';
const suites = wanted.length ? wanted : SUITES;
const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const work = mkdtempSync(join(tmpdir(), 'paylater-test-'));

function run(cmd, argv, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function listTests(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listTests(path, out);
    else if (entry.name.endsWith('.test.ts') && !entry.name.endsWith('.browser.test.ts')) out.push(path);
  }
  return out.sort();
}

function listE2e(dir) {
  return readdirSync(dir).filter((name) => name.endsWith('.e2e.ts')).map((name) => join(dir, name)).sort();
}

/** Runs node's test runner on `files`, counts its TAP results into `totals`. */
async function nodeTests(name, files, extra = []) {
  const tap = join(work, `${name}.tap`);
  const code = await run(process.execPath, [
    '--import', 'tsx', '--test', ...extra,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  let text = '';
  try { text = readFileSync(tap, 'utf8'); } catch { /* the runner died before reporting */ }
  const num = (key) => Number(text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  totals.passed += num('pass');
  totals.failed += num('fail') + num('cancelled');
  totals.skipped += num('skipped') + num('todo');
  if (code !== 0) { anyFailure = true; if (num('fail') + num('cancelled') === 0) totals.failed += 1; }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let anyFailure = false;

// demo/ and test/e2e/ import the package by its name, which resolves to dist/ (types included):
// the typecheck and the e2e tests need a fresh build.
function build() {
  console.log('\n== build (when dist/ is missing or older than src/)');
  try {
    // strict: a build that fails its size budget fails the run.
    if (!ensureBuilt({ strict: true })) console.log('dist/ is up to date.');
  } catch (error) {
    console.error(error.message);
    totals.failed += 1;
    anyFailure = true;
  }
}
if (suites.includes('typecheck')) build();

for (const suite of suites) {
  if (suite === 'typecheck') {
    console.log('\n== typecheck');
    const code = await run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
    if (code === 0) totals.passed += 1;
    else { totals.failed += 1; anyFailure = true; }
  } else if (suite === 'node') {
    console.log('\n== node tests');
    // The crash test (about a minute: companions killed 200 times) runs on its own, with more time;
    // the examples are a suite of their own.
    const all = listTests(join(root, 'test')).filter((f) => f.includes(filter) && !f.includes(`${join('test', 'examples')}/`));
    const crash = all.filter((f) => f.includes(`${join('test', 'crash')}/`));
    const files = all.filter((f) => !crash.includes(f));
    // Three files at a time: most of a file's time is waiting (servers, timers, Redis), and node would
    // run one at a time on two cores (its default is one fewer than the cores). On two cores: 97 s
    // three at a time, 125 s two at a time, 325 s one by one.
    // NODE_TEST_CONCURRENCY=1 runs them one by one (to tell a slow test from a crowded one).
    if (files.length) await nodeTests('node', files, ['--test-timeout=120000', `--test-concurrency=${process.env.NODE_TEST_CONCURRENCY ?? 3}`]);
    if (crash.length) {
      console.log('\n== crash consistency (companions killed at random moments)');
      await nodeTests('crash', crash, ['--test-timeout=300000']);
    }
  } else if (suite === 'browser') {
    console.log('\n== browser tests (Chromium)');
    const summary = join(work, 'browser.json');
    const code = await run(bin('wtr'), ['--config', 'web-test-runner.config.mjs'], {
      PAYLATER_WTR_SUMMARY: summary, PAYLATER_WTR_FILTER: filter,
    });
    let counts = { passed: 0, failed: 0, skipped: 0 };
    try { counts = JSON.parse(readFileSync(summary, 'utf8')); } catch { /* runner died before reporting */ }
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    if (code !== 0) { anyFailure = true; if (counts.failed === 0) totals.failed += 1; }
  } else if (suite === 'e2e') {
    const files = listE2e(join(root, 'test', 'e2e')).filter((f) => f.includes(filter));
    if (!files.length) continue;
    build(); // again: src/ may have changed while the other suites ran
    console.log('\n== end-to-end tests (the demo shop in Chromium)');
    // Each file starts its own demo shop on a free port and its own Chromium: they run side by side.
    // The time limit is each file's as a whole (its every step has its own, 15 s): a file of many
    // journeys (in-app.e2e.ts: 16) takes 20 s alone and three times that beside two others.
    await nodeTests('e2e', files, ['--test-timeout=180000', '--test-concurrency=3']);
  } else if (suite === 'examples') {
    const files = listTests(join(root, 'test', 'examples')).filter((f) => f.includes(filter));
    if (!files.length) continue;
    build();
    console.log('\n== examples (the packed package installed in each of examples/, built, and run in Chromium)');
    // npm installs from its cache or the registry: a cold cache takes minutes.
    await nodeTests('examples', files, ['--test-timeout=600000']);
  }
}

rmSync(work, { recursive: true, force: true });
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(anyFailure || totals.failed ? 1 : 0);
