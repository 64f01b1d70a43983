import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { askRedis, exited, findProgram, findRedisServer, pings, spawnRedis } from './redis.js';

export interface RedisCluster {
  /** `{ url: 'redis://127.0.0.1:PORT' }` per master: what `createCluster({ rootNodes })` takes. */
  rootNodes: Array<{ url: string }>;
  ports: number[];
  /** Kills every node and waits until all have exited. Safe to call twice. */
  stop(): Promise<void>;
}

/** Where `redis-cli` is: `$REDIS_CLI`, else next to redis-server, else the PATH, else Debian's place. */
export function findRedisCli(): string | undefined {
  const server = findRedisServer();
  return findProgram('redis-cli', 'REDIS_CLI', server ? [join(dirname(server), 'redis-cli')] : []);
}

/** Why the cluster tests cannot run here, or `undefined` when they can (for `describe`'s `skip`). */
export function clusterSkipReason(): string | undefined {
  const missing = [findRedisServer() ? undefined : 'redis-server', findRedisCli() ? undefined : 'redis-cli'].filter(Boolean);
  if (missing.length === 0) return undefined;
  return `${missing.join(' and ')} not found (set REDIS_SERVER / REDIS_CLI or install: apt-get install -y redis-server)`;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A port P such that P and P + 10000 (the cluster bus port Redis derives from it) are both free:
 * picked below the kernel's ephemeral range so P + 10000 stays a valid port on every Redis version.
 */
async function freeClusterPort(taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    if (taken.has(port) || taken.has(port + 10_000)) continue;
    if ((await portIsFree(port)) && (await portIsFree(port + 10_000))) {
      taken.add(port);
      taken.add(port + 10_000);
      return port;
    }
  }
  throw new Error('no free port pair (P, P + 10000) for a cluster node');
}

/** The node's `cluster_state` from CLUSTER INFO (`ok` / `fail`), or undefined when it does not answer. */
function clusterState(port: number): Promise<string | undefined> {
  return askRedis<string | null>(
    port,
    'CLUSTER INFO',
    (reply) => (reply.startsWith('-') ? null : (/cluster_state:(\w+)\r\n/.exec(reply)?.[1] ?? undefined)),
    null,
  ).then((state) => state ?? undefined);
}

function run(bin: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, output: String(error) });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Node {
  port: number;
  child: ChildProcess;
  output: () => string;
}

async function startNode(bin: string, port: number, dir: string): Promise<Node> {
  const { child, output } = spawnRedis(bin, [
    '--port', String(port), '--bind', '127.0.0.1',
    '--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${port}.conf`),
    '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no',
  ]);
  return { port, child, output };
}

/**
 * Starts a throwaway Redis Cluster of three masters (no replicas, no persistence) on 127.0.0.1 and
 * free ports: three `redis-server --cluster-enabled yes`, joined by `redis-cli --cluster create`,
 * then waits until every node reports `cluster_state:ok`. `stop()` kills them (they also die with
 * this process should a test run crash first).
 */
export async function startRedisCluster(options: { startTimeoutMs?: number } = {}): Promise<RedisCluster> {
  const server = findRedisServer();
  const cli = findRedisCli();
  if (!server || !cli) throw new Error(clusterSkipReason());
  const startTimeoutMs = options.startTimeoutMs ?? 15_000;
  let lastError: Error | undefined;
  // A free port can be taken between finding it and redis binding it: try again with new ones.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const taken = new Set<number>();
    const ports = [await freeClusterPort(taken), await freeClusterPort(taken), await freeClusterPort(taken)];
    const dir = mkdtempSync(join(tmpdir(), 'paylater-redis-cluster-'));
    const nodes = await Promise.all(ports.map((port) => startNode(server, port, dir)));
    const killOnExit = () => {
      for (const node of nodes) node.child.kill('SIGKILL');
    };
    process.once('exit', killOnExit);
    let stopped: Promise<void> | undefined;
    const stop = () =>
      (stopped ??= (async () => {
        process.removeListener('exit', killOnExit);
        await Promise.all(
          nodes.map(async ({ child }) => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
            await exited(child);
            clearTimeout(timer);
          }),
        );
        rmSync(dir, { recursive: true, force: true });
      })());
    const alive = () => nodes.every(({ child }) => child.exitCode === null && child.signalCode === null);
    const deadline = Date.now() + startTimeoutMs;
    try {
      for (const { port } of nodes) {
        while (!(await pings(port))) {
          if (!alive() || Date.now() > deadline) throw new Error(`cluster node on port ${port} did not answer PING`);
          await sleep(25);
        }
      }
      const created = await run(
        cli,
        ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes'],
        Math.max(1_000, deadline - Date.now()),
      );
      if (created.code !== 0) throw new Error(`redis-cli --cluster create failed (${created.code}):\n${created.output.trim()}`);
      for (const { port } of nodes) {
        while ((await clusterState(port)) !== 'ok') {
          if (!alive() || Date.now() > deadline) throw new Error(`cluster node on port ${port} never reported cluster_state:ok`);
          await sleep(25);
        }
      }
      return { rootNodes: ports.map((port) => ({ url: `redis://127.0.0.1:${port}` })), ports, stop };
    } catch (error) {
      const logs = nodes.map((node) => `--- node ${node.port}:\n${node.output().trim()}`).join('\n');
      await stop();
      lastError = new Error(`${(error as Error).message}\n${logs}`, { cause: error });
    }
  }
  throw lastError;
}
