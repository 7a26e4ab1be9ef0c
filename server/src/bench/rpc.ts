/**
 * Request/answer over a worker thread's message port: the runner calls `request`, the worker
 * answers each message with the same `id` (see {@link answerRequests}).
 */
import { parentPort, type Worker } from 'node:worker_threads';

interface Envelope {
  id: number;
  body: unknown;
  error?: string;
}

/** The runner's side of a worker: each request resolves with the worker's answer. */
export class WorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(readonly worker: Worker) {
    worker.on('message', (msg: Envelope) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error !== undefined) p.reject(new Error(msg.error));
      else p.resolve(msg.body);
    });
    worker.on('error', (err) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  request<T>(body: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, body });
    });
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The worker's side: answers every request with `handle`'s result (or its error). */
export function answerRequests(handle: (body: never) => unknown): void {
  const port = parentPort;
  if (!port) throw new Error('not running in a worker thread');
  port.on('message', (msg: Envelope) => {
    Promise.resolve()
      .then(() => handle(msg.body as never))
      .then(
        (body) => port.postMessage({ id: msg.id, body }),
        (err: unknown) =>
          port.postMessage({ id: msg.id, body: null, error: err instanceof Error ? err.message : String(err) }),
      );
  });
}
