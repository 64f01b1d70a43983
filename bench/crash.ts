/**
 * Crash consistency as a benchmark: runs test/crash/crash.test.ts (two companion instances on one
 * real redis-server, SIGKILLed at random moments, at least 200 times) and hands its figures to
 * bench/run.ts for BENCHMARKS.md. The assertions live in the test; here the counts are printed.
 *
 * Run: node --import tsx bench/crash.ts  (options: --kills=200 --json=<file>)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg, writeJson } from './lib.js';

const KILLS = arg('kills', 200);
const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'paylater-bench-crash-'));
const json = join(work, 'crash.json');
const code = await new Promise<number>((resolve) => {
  const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', 'test/crash/crash.test.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CRASH_KILLS: String(KILLS), CRASH_JSON: json },
  });
  child.on('exit', (exit) => resolve(exit ?? 1));
});
let figures: unknown = null;
try {
  figures = JSON.parse(readFileSync(json, 'utf8'));
} catch {
  // the run died before its summary
}
rmSync(work, { recursive: true, force: true });
writeJson({ passed: code === 0, figures });
