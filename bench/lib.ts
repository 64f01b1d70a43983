/**
 * Small helpers shared by the benchmark scripts: statistics, a load generator, an HTTP server on a
 * free port, a bare pass-through proxy, a burst of requests all sent before any answer, the machine
 * description, and the `--json=<file>` output `bench/run.ts` collects.
 * Benchmarks print figures; they never assert on time.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
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

/** Headers of one connection, not of the message: a proxy does not pass them on. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'te', 'trailer', 'upgrade']);
const endToEnd = (headers: IncomingHttpHeaders) => Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));

/**
 * The least a server between the browser and Xendit can do: a `node:http` server that forwards each
 * request as it is to `target` over a keep-alive agent and streams the answer back. The baseline
 * for the companion's own cost (same two hops, no work).
 */
export async function passThroughProxy(target: string) {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const server = await serve((req, res) => {
    const forward = httpRequest(
      { hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...endToEnd(req.headers), host: upstream.host }, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  return {
    url: server.url,
    async close() {
      await server.close();
      agent.destroy();
    },
  };
}

export interface BurstRequest {
  path: string;
  body: string;
  /** Connect from this local address (another 127.x.y.z on Linux, to look like another client). */
  localAddress?: string;
}
export interface BurstAnswer {
  status: number;
  body: string;
  /** ms from the start of the burst. */
  ms: number;
}

/**
 * POSTs every request at once, none answered before the last is sent: one connection each, all
 * connected first, then every request written in one go. The server must run in this process
 * (it can only read them after this function has written them all). Also says whether that held.
 */
export async function burst(url: string, requests: BurstRequest[]): Promise<{ answers: BurstAnswer[]; lastSentMs: number; firstAnswerMs: number }> {
  const { hostname, port } = new URL(url);
  const open = (localAddress?: string) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port), ...(localAddress ? { localAddress } : {}) }, () => resolve(socket));
      socket.once('error', reject);
    });
  // Another loopback address where the system has one (Linux), else the usual one.
  const sockets = await Promise.all(requests.map((r) => open(r.localAddress).catch(() => open())));
  const started = performance.now();
  let lastSentMs = 0;
  let firstAnswerMs = Infinity;
  const answers = await Promise.all(
    requests.map(
      (r, index) =>
        new Promise<BurstAnswer>((resolve, reject) => {
          const req = httpRequest(
            {
              createConnection: () => sockets[index]!,
              method: 'POST',
              path: r.path,
              headers: { host: `${hostname}:${port}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(r.body), connection: 'close' },
            },
            (res) => {
              const ms = performance.now() - started;
              firstAnswerMs = Math.min(firstAnswerMs, ms);
              let body = '';
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => (body += chunk));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms }));
            },
          );
          req.on('finish', () => (lastSentMs = Math.max(lastSentMs, performance.now() - started)));
          req.on('error', reject);
          req.end(r.body);
        }),
    ),
  );
  return { answers, lastSentMs, firstAnswerMs };
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
