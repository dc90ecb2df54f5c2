// Starts the release build of the portal as a child process with its own data folder.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const serverBinary = join(repositoryRoot, 'target', 'release', 'kabinet');
const siteRoot = join(repositoryRoot, 'target', 'site');

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
// Lines of server output kept for the error message when the server fails.
const LOG_LINES_KEPT = 200;

// Servers still running, stopped by PID if the test process exits without stopping them.
const running = new Set();
process.on('exit', () => {
  for (const child of running) {
    child.kill('SIGKILL');
  }
});

/** Asks the system for a free TCP port on 127.0.0.1. */
async function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * Builds the environment of the server: the test's own data folder and port, cheap
 * password hashing, and the Leptos settings that `cargo leptos serve` would otherwise set.
 * KABINET_* and LEPTOS_* variables of the calling shell are dropped, so a developer's
 * database URL or keys never reach the test server.
 */
function serverEnvironment(dataDir, port, publicUrl) {
  const environment = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('KABINET_') && !name.startsWith('LEPTOS_')) {
      environment[name] = value;
    }
  }
  return {
    ...environment,
    KABINET_DATA_DIR: dataDir,
    KABINET_LISTEN: `127.0.0.1:${port}`,
    KABINET_PUBLIC_URL: publicUrl,
    KABINET_ARGON2_MEMORY_KIB: '64',
    KABINET_ARGON2_ITERATIONS: '1',
    LEPTOS_OUTPUT_NAME: 'kabinet',
    LEPTOS_SITE_ROOT: siteRoot,
    LEPTOS_SITE_PKG_DIR: 'pkg',
  };
}

/** Polls GET /readyz until it returns 200, the process exits or the time runs out. */
async function waitUntilReady(baseUrl, child) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      return false;
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.status === 200) {
        return true;
      }
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  return false;
}

/**
 * A running portal. `baseUrl` is its address; `stop()` ends the process by its PID and
 * removes the data folder.
 */
class PortalServer {
  constructor(child, baseUrl, dataDir, log) {
    this.child = child;
    this.baseUrl = baseUrl;
    this.dataDir = dataDir;
    this.log = log;
  }

  /** Returns the last `count` lines the server printed, without colour codes. */
  logTail(count = 40) {
    return this.log.slice(-count).map((line) => line.replace(/\x1b\[[0-9;]*m/g, ''));
  }

  async stop() {
    const { child } = this;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** Starts the server once on a free port; returns null if it exits before it is ready. */
async function startOnce(host) {
  const dataDir = await mkdtemp(join(tmpdir(), 'kabinet-end2end-'));
  const port = await freePort();
  const baseUrl = `http://${host}:${port}`;
  const log = [];
  const child = spawn(serverBinary, [], {
    cwd: repositoryRoot,
    env: serverEnvironment(dataDir, port, baseUrl),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const keep = (chunk) => {
    log.push(...chunk.toString().split('\n').filter((line) => line.length > 0));
    log.splice(0, Math.max(0, log.length - LOG_LINES_KEPT));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const server = new PortalServer(child, baseUrl, dataDir, log);
  // The server listens on 127.0.0.1 whatever name the browser uses for it.
  if (await waitUntilReady(`http://127.0.0.1:${port}`, child)) {
    return { server };
  }
  await server.stop();
  return { server: null, log: server.logTail().join('\n'), exitCode: child.exitCode };
}

/**
 * Starts the portal in development mode (demo accounts, the development outbox) with a
 * fresh data folder and waits until GET /readyz returns 200. Another process may take
 * the chosen port between the check and the server's bind, so a start that fails is
 * tried again on a new port, three times at most. `host` is the name in the portal's
 * public address: passkeys need a domain name such as `localhost`, not an IP address.
 */
export async function startServer({ host = '127.0.0.1' } = {}) {
  if (!existsSync(serverBinary)) {
    throw new Error(
      `${serverBinary} not found: build it first with ` +
        '`cargo leptos build --release --precompress` in the repository root',
    );
  }
  let failure;
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const started = await startOnce(host);
    if (started.server) {
      return started.server;
    }
    failure = started;
  }
  throw new Error(
    `the portal did not become ready within ${READY_TIMEOUT_MS} ms ` +
      `(exit code ${failure.exitCode}); its last output:\n${failure.log}`,
  );
}
