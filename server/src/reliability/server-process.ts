/**
 * The built server (`node server/dist/main.js`) as a child process that a test can start,
 * SIGKILL and start again on the same database file, the way a crash and a restart by the
 * service manager would look to the monitors and dashboards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root (this file sits in server/src/reliability or server/dist/reliability). */
export const REPO_ROOT = path.resolve(here, '../../..');
/** The entry point a deployment runs. */
export const SERVER_MAIN = path.join(REPO_ROOT, 'server/dist/main.js');

/** Throws a message saying what to do when the server has not been built. */
export function assertServerBuilt(): void {
  if (!fs.existsSync(SERVER_MAIN)) {
    throw new Error(
      `${path.relative(REPO_ROOT, SERVER_MAIN)} is missing: the kill test runs the built server. ` +
        'Run "npm run build" (or "npx tsc -b") first, then the reliability tests.',
    );
  }
}

/**
 * Source files changed since the last build: the kill test would then exercise stale code.
 * Returns their paths (relative to the repository), newest first, at most `limit`.
 */
export function sourcesNewerThanBuild(limit = 5): string[] {
  const builds = [
    { src: 'server/src', info: 'server/dist/.tsbuildinfo' },
    { src: 'shared/src', info: 'shared/dist/.tsbuildinfo' },
  ];
  const stale: { file: string; mtime: number }[] = [];
  for (const { src, info } of builds) {
    const infoFile = path.join(REPO_ROOT, info);
    if (!fs.existsSync(infoFile)) continue;
    const builtAt = fs.statSync(infoFile).mtimeMs;
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
          const mtime = fs.statSync(full).mtimeMs;
          if (mtime > builtAt) stale.push({ file: path.relative(REPO_ROOT, full), mtime });
        }
      }
    };
    walk(path.join(REPO_ROOT, src));
  }
  return stale
    .sort((a, b) => b.mtime - a.mtime)
    .slice(0, limit)
    .map((s) => s.file);
}

/** A TCP port nobody is listening on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

export interface ServerProcessOptions {
  port: number;
  databaseFile: string;
  setupCode: string;
  /** Extra environment (e.g. SIGN_IN_PER_MINUTE). */
  env?: Record<string, string>;
  /** How long a start may take before it is a failure. Default 20 s. */
  startTimeoutMs?: number;
}

const alive = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Whatever happens to the test run, no server child outlives it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of alive) child.kill('SIGKILL');
  });
}

/** One server, started and killed as many times as a test likes, always on the same port and file. */
export class ServerProcess {
  readonly url: string;
  private child: ChildProcess | null = null;
  private output = '';
  /** Completed starts and SIGKILLs, for the summary. */
  starts = 0;
  kills = 0;
  /** Milliseconds each start took until /api/health answered. */
  readonly startTimesMs: number[] = [];

  constructor(private readonly options: ServerProcessOptions) {
    this.url = `http://127.0.0.1:${options.port}`;
    installExitHook();
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** The last few kilobytes the server wrote (stdout and stderr), for failure messages. */
  recentOutput(): string {
    return this.output;
  }

  /** Starts the server and resolves once `/api/health` answers 200. */
  async start(): Promise<void> {
    if (this.child) throw new Error('server already running');
    assertServerBuilt();
    const began = performance.now();
    const child = spawn(process.execPath, [SERVER_MAIN], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: String(this.options.port),
        HOST: '127.0.0.1',
        DATABASE_FILE: this.options.databaseFile,
        DEMO_SIMULATOR: 'false',
        SETUP_CODE: this.options.setupCode,
        LOG_LEVEL: 'warn',
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    alive.add(child);
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString('utf8')).slice(-8_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      alive.delete(child);
      if (this.child === child) this.child = null;
    });

    const deadline = performance.now() + (this.options.startTimeoutMs ?? 20_000);
    for (;;) {
      if (exited) {
        const { code, signal } = exited;
        throw new Error(`server exited during start-up (code ${code}, signal ${signal}):\n${this.output}`);
      }
      try {
        const res = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(1_000) });
        if (res.status === 200) break;
      } catch {
        // Not listening yet.
      }
      if (performance.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`server did not answer /api/health within the start timeout:\n${this.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    this.starts++;
    this.startTimesMs.push(performance.now() - began);
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye to any socket. Resolves once it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) throw new Error('server not running');
    await this.signal(child, 'SIGKILL');
    this.kills++;
  }

  /** A clean shutdown (SIGTERM), falling back to SIGKILL after 5 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    try {
      await this.signal(child, 'SIGTERM');
    } finally {
      clearTimeout(timer);
    }
  }

  private signal(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    return new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}
