import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { WriteOpsApplier, type CommitGroup, type WriteResult } from './write-ops.js';
import type { CheckpointerRequest } from './checkpoint-worker.js';
import type { WriterReply, WriterRequest } from './writer-worker.js';

/** Stores commit groups durably, one after another; answers each once it is on disk. */
export interface CommitWriter {
  commit(group: CommitGroup): Promise<WriteResult>;
  /** Finishes what was sent, then lets go of the connection. */
  close(): Promise<void>;
}

/**
 * The compiled worker script. Under Vitest this module runs from its TypeScript source, and a
 * worker thread cannot load TypeScript, so it takes the build's copy (`npm run typecheck` and
 * `tsc -b` both build it before the tests run).
 */
function workerScript(name: 'writer-worker.js' | 'checkpoint-worker.js'): URL {
  const beside = new URL(`./${name}`, import.meta.url);
  if (fs.existsSync(fileURLToPath(beside))) return beside;
  const built = new URL(beside.href.replace('/server/src/', '/server/dist/'));
  if (!fs.existsSync(fileURLToPath(built))) {
    throw new Error(`${fileURLToPath(built)} is missing: build the server ("npx tsc -b") before running it`);
  }
  return built;
}

/**
 * The production writer: a worker thread with its own connection to the database file, and a
 * second one that checkpoints the WAL beside it.
 */
export class ThreadWriter implements CommitWriter {
  private readonly worker: Worker;
  private readonly checkpointer: Worker;
  private readonly waiting = new Map<number, (result: WriteResult) => void>();
  private nextId = 1;
  private failure: string | null = null;
  private checkpointerGone = false;
  private closed: Promise<void> | null = null;

  constructor(file: string) {
    this.worker = new Worker(workerScript('writer-worker.js'), { workerData: { file } });
    this.checkpointer = new Worker(workerScript('checkpoint-worker.js'), { workerData: { file } });
    // Its timer must never keep a process alive; a checkpoint it misses is done next time.
    this.checkpointer.unref();
    this.checkpointer.on('error', () => {
      // The writer's own far-off automatic checkpoint still bounds the WAL without it.
    });
    this.checkpointer.on('exit', () => {
      this.checkpointerGone = true;
    });
    // Idle, the thread must not keep a process alive on its own; with a group on its way it must.
    this.worker.unref();
    this.worker.on('message', (reply: WriterReply) => {
      if (reply.type !== 'committed') return;
      const answer = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) this.worker.unref();
      answer?.(reply.result);
    });
    // A writer that died takes nothing with it silently: every group still waiting, and every
    // later one, is answered as failed, so no monitor is told its readings were stored.
    const fail = (message: string): void => {
      if (this.closed === null) console.error(`${message}: nothing more can be stored until a restart`);
      this.failure = message;
      for (const answer of this.waiting.values()) answer({ ok: false, message });
      this.waiting.clear();
    };
    this.worker.on('error', (error) => fail(`the database writer failed: ${error.message}`));
    this.worker.on('exit', (code) => fail(`the database writer stopped (exit code ${code})`));
  }

  commit(group: CommitGroup): Promise<WriteResult> {
    if (this.failure) return Promise.resolve({ ok: false, message: this.failure });
    const id = this.nextId++;
    return new Promise((resolve) => {
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, resolve);
      this.worker.postMessage({ type: 'commit', id, group } satisfies WriterRequest);
    });
  }

  /** Resolves once both threads have let go of the file, so it can be moved or deleted. */
  close(): Promise<void> {
    this.closed ??= Promise.all([this.closeCheckpointer(), this.closeWriter()]).then(() => undefined);
    return this.closed;
  }

  private closeCheckpointer(): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.checkpointerGone) return resolve();
      this.checkpointer.ref();
      this.checkpointer.once('exit', () => resolve());
      this.checkpointer.postMessage({ type: 'close' } satisfies CheckpointerRequest);
    });
  }

  private closeWriter(): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.failure) return resolve();
      this.worker.ref();
      this.worker.once('exit', () => resolve());
      this.worker.on('message', (reply: WriterReply) => {
        if (reply.type === 'closed') void this.worker.terminate();
      });
      this.worker.postMessage({ type: 'close' } satisfies WriterRequest);
    });
  }
}

/**
 * For a database that only this connection can see (`:memory:`): stores on the main thread,
 * with the same statements as the writer thread.
 */
export class InlineWriter implements CommitWriter {
  private readonly applier: WriteOpsApplier;

  constructor(db: Database.Database) {
    this.applier = new WriteOpsApplier(db);
  }

  commit(group: CommitGroup): Promise<WriteResult> {
    const started = performance.now();
    try {
      this.applier.apply(group);
      return Promise.resolve({ ok: true, writerMs: performance.now() - started });
    } catch (error) {
      return Promise.resolve({ ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
