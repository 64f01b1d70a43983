/**
 * Small helpers shared by the benchmark scripts: statistics, a load generator, an HTTP server on a
 * free port, the machine description, and the `--json=<file>` output `bench/run.ts` collects.
 * Benchmarks print figures; they never assert on time.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';

export function arg(name: string, fallback: number): number {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  return raw === undefined ? fallback : Number(raw);
}
export function argText(name: string, fallback: string): string {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
}

export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
export const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5);
export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export interface LoadResult {
  p50: number;
  p99: number;
  rps: number;
  requests: number;
}

/** Runs `fn` `total` times with `concurrency` callers at once; latencies in ms, throughput in requests/s. */
export async function load(fn: () => Promise<void>, concurrency: number, total: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        const t = performance.now();
        await fn();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), rps: total / seconds, requests: total };
}

/** The median of each figure over several runs of the same measurement. */
export function medianOf(results: LoadResult[]): LoadResult {
  return {
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    rps: median(results.map((r) => r.rps)),
    requests: results[0]?.requests ?? 0,
  };
}

export async function serve(handler: RequestListener) {
  const server = createServer(handler);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  redis: string | null;
  os: string;
}

export function machine(): Machine {
  const version = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  const redis = version('redis-server', ['--version'])?.match(/v=(\S+)/)?.[1] ?? null;
  const osRelease = version('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"']) ?? process.platform;
  return { cpu: cpus()[0]?.model.trim() ?? 'unknown', cores: cpus().length, memoryGb: round(totalmem() / 1024 ** 3, 1), node: process.version, redis, os: osRelease };
}

/** Writes `data` to the file named by `--json=<file>`, when given (bench/run.ts reads it). */
export function writeJson(data: unknown) {
  const file = argText('json', '');
  if (file) writeFileSync(file, JSON.stringify(data, null, 2));
}

export const pad = (value: string | number, width: number) => String(value).padStart(width);
