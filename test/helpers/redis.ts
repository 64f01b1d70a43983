import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface RedisServer {
  /** `redis://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** Kills the server and waits until it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

/** The first executable of `candidates`, or undefined. */
export function firstExecutable(candidates: Array<string | undefined | false>): string | undefined {
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Starts `redis-server` in the foreground with `args`, keeping the end of what it prints (for error messages). */
export function spawnRedis(bin: string, args: string[]) {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let spawnError: Error | undefined;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('error', (error) => {
    spawnError = error;
    output += `\n${String(error)}`;
  });
  return { child, output: () => output, spawnError: () => spawnError };
}

/** `$ENV_VAR`, else `name` on the PATH, else Debian's and /usr/local's places. */
export function findProgram(name: string, envVar: string, near: string[] = []): string | undefined {
  return firstExecutable([
    process.env[envVar],
    ...near,
    ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, name)),
    `/usr/bin/${name}`,
    `/usr/local/bin/${name}`,
  ]);
}

/** Where `redis-server` is: `$REDIS_SERVER`, else the PATH, else Debian's place. */
export function findRedisServer(): string | undefined {
  return findProgram('redis-server', 'REDIS_SERVER');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Sends one inline command to the Redis on `port` and reads its reply with `read` (which returns
 * undefined while the reply is incomplete); `failed` when it does not answer within 500 ms.
 */
export function askRedis<T>(port: number, command: string, read: (reply: string) => T | undefined, failed: T): Promise<T> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const done = (value: T) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(500, () => done(failed));
    socket.once('error', () => done(failed));
    socket.once('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      const value = read(reply);
      if (value !== undefined) done(value);
    });
  });
}

/** True when a Redis on `port` answers PING with PONG. */
export function pings(port: number): Promise<boolean> {
  return askRedis(port, 'PING', (reply) => (reply.includes('\r\n') ? reply.startsWith('+PONG') : undefined), false);
}

/** Resolves once `child` has exited (at once when it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Starts a real, throwaway `redis-server` on 127.0.0.1 and a free port, waits
 * until it answers PING and returns its URL. Set up as the README asks (noeviction, the default;
 * an append-only file, in a temporary folder, flushed when the OS likes), so that the companion has
 * nothing to complain of. Call `stop()` when done (in `after`): it also dies
 * with this process should a test run crash before that.
 */
export async function startRedis(options: { startTimeoutMs?: number } = {}): Promise<RedisServer> {
  const bin = findRedisServer();
  if (!bin) {
    throw new Error(
      'redis-server was not found (set REDIS_SERVER or put it on the PATH). ' +
        'Install it with: apt-get install -y redis-server (.ci/run does this on CI).',
    );
  }
  const startTimeoutMs = options.startTimeoutMs ?? 5_000;
  let lastError: Error | undefined;
  // A free port can be taken between finding it and redis binding it: try a few.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'paylater-redis-'));
    const { child, output, spawnError } = spawnRedis(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'no', '--dir', dir, '--daemonize', 'no']);
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);

    const stop = async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
        await exited(child);
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    };

    const deadline = Date.now() + startTimeoutMs;
    while (Date.now() < deadline && !spawnError() && child.exitCode === null && child.signalCode === null) {
      if ((await pings(port)) && child.exitCode === null) return { url: `redis://127.0.0.1:${port}`, port, stop };
      await sleep(25);
    }
    await stop();
    lastError = spawnError() ?? new Error(`redis-server on port ${port} did not answer within ${startTimeoutMs} ms:\n${output().trim()}`);
  }
  throw lastError;
}
