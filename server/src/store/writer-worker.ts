/**
 * The writer thread: owns the connection that stores commit groups, so SQLite's B-tree work
 * and the fsync of every commit run beside the event loop instead of on it. Told the file in
 * workerData; answers every group it is sent, in order, once it is durable (or failed).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { WriteOpsApplier, configureWriteConnection, type CommitGroup, type WriteResult } from './write-ops.js';

/** What the main thread sends: a group to store, or the word to close. */
export type WriterRequest = { type: 'commit'; id: number; group: CommitGroup } | { type: 'close' };
export type WriterReply = { type: 'committed'; id: number; result: WriteResult } | { type: 'closed' };

const port = parentPort;
if (!port) throw new Error('writer-worker runs as a worker thread');
const { file } = workerData as { file: string };
const db = new Database(file);
configureWriteConnection(db, 'safety-net');
const applier = new WriteOpsApplier(db);

port.on('message', (request: WriterRequest) => {
  if (request.type === 'close') {
    db.close();
    port.postMessage({ type: 'closed' } satisfies WriterReply);
    return;
  }
  const started = performance.now();
  let result: WriteResult;
  try {
    applier.apply(request.group);
    result = { ok: true, writerMs: performance.now() - started };
  } catch (error) {
    result = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage({ type: 'committed', id: request.id, result } satisfies WriterReply);
});
