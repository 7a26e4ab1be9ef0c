/**
 * A target under test in its own child process: the real server (`server-child.js`) or the
 * bare relay (`relay-child.js`). The runner talks to it over IPC and reads its CPU and memory
 * from /proc. For the real server it also creates the admin and provisions chairs through the
 * public HTTP API, as a clinic's admin would.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildToRunner, RunnerToChild, TargetStats } from './ipc.js';
import type { TargetKind } from './load-types.js';
import { sampleProcess, type ProcSample } from './procstat.js';
import { mapLimit } from './stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** coreutils' nice(1), which execs the node it is given with the niceness raised. */
const NICE = '/usr/bin/nice';

export interface TargetOptions {
  /** Write a V8 CPU profile of each measurement window into this directory. */
  cpuProfileDir?: string | null;
  /** Let the runner trigger a full GC before memory samples (soak). */
  exposeGc?: boolean;
  /** Where the real server's SQLite file goes (default: the OS temp dir). */
  dbDir?: string | null;
  /**
   * Scheduling niceness of the target's process (0: as the runner). The load generator runs
   * in the runner, on the same cores: with the target a little nicer, a saturated machine
   * shows up as the target's latency, the thing measured, rather than as a generator that
   * sends late. Both targets are started the same way.
   */
  nice?: number;
}

/** A chair as the load generator needs it: the monitor's token and the session it feeds. */
export interface Chair {
  index: number;
  token: string;
  sessionId: string;
}

const ADMIN_PASSWORD = 'bench horse battery staple';

export class Target {
  private nextId = 1;
  private readonly pending = new Map<number, (msg: ChildToRunner) => void>();
  /** Admin's sign-in cookie (real server only). */
  cookie: string | null = null;
  private chairs = 0;

  private constructor(
    readonly kind: TargetKind,
    readonly options: TargetOptions,
    readonly child: ChildProcess,
    readonly url: string,
    readonly pid: number,
    private readonly setupCode: string,
  ) {
    child.on('message', (msg: ChildToRunner) => {
      if (msg.type === 'ready') return;
      const resolve = this.pending.get(msg.id);
      if (resolve) {
        this.pending.delete(msg.id);
        resolve(msg);
      }
    });
  }

  static async start(kind: TargetKind, options: TargetOptions = {}): Promise<Target> {
    const setupCode = randomBytes(12).toString('base64url');
    const execArgv: string[] = [];
    if (options.exposeGc) execArgv.push('--expose-gc');
    const nice = options.nice ?? 0;
    const child = fork(path.join(here, kind === 'server' ? 'server-child.js' : 'relay-child.js'), [], {
      // Started through nice(1), so every thread of the target has the niceness from its first
      // instruction (setpriority on a running process would reach its main thread only).
      ...(nice > 0 ? { execPath: NICE, execArgv: ['-n', String(nice), process.execPath, ...execArgv] } : { execArgv }),
      env: {
        ...process.env,
        BENCH_SETUP_CODE: setupCode,
        ...(options.dbDir ? { BENCH_DB_DIR: options.dbDir } : {}),
      },
      // The target's log lines go to our stderr: stdout carries the JSON result only.
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    child.stdout?.pipe(process.stderr);
    const ready = await new Promise<{ url: string; pid: number }>((resolve, reject) => {
      const onMessage = (msg: ChildToRunner): void => {
        if (msg.type !== 'ready') return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(msg);
      };
      const onExit = (code: number | null): void =>
        reject(new Error(`the ${kind} exited (${code}) before it was ready`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
    const target = new Target(kind, options, child, ready.url, ready.pid, setupCode);
    if (kind === 'server') await target.signInAdmin();
    return target;
  }

  private ask(msg: RunnerToChild): Promise<ChildToRunner> {
    return new Promise((resolve, reject) => {
      this.pending.set(msg.id, resolve);
      this.child.send(msg, (err) => {
        if (err) {
          this.pending.delete(msg.id);
          reject(err);
        }
      });
    });
  }

  /** The target's own view: event-loop delay since the last reset, memory, commit groups. */
  async stats(reset = false): Promise<TargetStats> {
    const answer = await this.ask({ type: 'stats', id: this.nextId++, reset });
    if (answer.type !== 'stats') throw new Error('unexpected answer to stats');
    return answer.stats;
  }

  /** Starts the V8 profiler in the target. */
  async profileStart(): Promise<void> {
    await this.ask({ type: 'profile-start', id: this.nextId++ });
  }

  /** Stops the profiler and has the target write the profile to `file`. */
  async profileStop(file: string): Promise<void> {
    await this.ask({ type: 'profile-stop', id: this.nextId++, file });
  }

  /** Full garbage collection in the target (only when started with exposeGc). */
  async gc(): Promise<void> {
    await this.ask({ type: 'gc', id: this.nextId++ });
  }

  sample(): ProcSample | null {
    return sampleProcess(this.pid);
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    const timeout = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    try {
      await this.ask({ type: 'stop', id: this.nextId++ });
    } catch {
      this.child.kill('SIGKILL');
    }
    await exited;
    clearTimeout(timeout);
  }

  private async call(method: string, url: string, body: unknown): Promise<{ body: unknown; headers: Headers }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    const res = await fetch(`${this.url}${url}`, { method, headers, body: JSON.stringify(body) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${url} → HTTP ${res.status} ${text}`);
    return { body: text ? (JSON.parse(text) as unknown) : null, headers: res.headers };
  }

  private async signInAdmin(): Promise<void> {
    const setup = await this.call('POST', '/api/setup', {
      setupCode: this.setupCode,
      username: 'benchadmin',
      displayName: 'Bench Admin',
      password: ADMIN_PASSWORD,
    });
    const set = setup.headers.getSetCookie().find((c) => c.startsWith('infusion_sid='));
    if (!set) throw new Error('setup did not sign the admin in');
    this.cookie = set.split(';')[0] ?? null;
  }

  /**
   * Sets up `count` more chairs. On the real server: register a monitor, open an infusing
   * session, bind the two (three API calls, as the simulator's provisioning does). On the
   * relay: names only.
   */
  async provision(count: number, concurrency = 16): Promise<Chair[]> {
    const indexes = Array.from({ length: count }, () => this.chairs++);
    if (this.kind === 'relay') {
      return indexes.map((index) => ({
        index,
        token: `relay-monitor-token-${index}`,
        sessionId: `relay-session-${index}`,
      }));
    }
    return mapLimit(indexes, concurrency, async (index) => {
      const device = (await this.call('POST', '/api/devices', { label: `Bench monitor ${index + 1}` })).body as {
        id: string;
        token: string;
      };
      const session = (
        await this.call('POST', '/api/sessions', {
          patient: { mrn: `BENCH-${index + 1}`, displayName: `Bench Patient ${index + 1}`, weightKg: 70 },
          location: `Bench ${index + 1}`,
          state: 'infusing',
          baseline: { sbp: 120, dbp: 75, hr: 70 },
        })
      ).body as { id: string };
      await this.call('POST', `/api/sessions/${session.id}/device`, { deviceId: device.id });
      return { index, token: device.token, sessionId: session.id };
    });
  }
}
