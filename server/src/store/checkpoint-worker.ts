/**
 * The checkpointer thread: copies committed WAL pages back into the database file on its own
 * connection, a little at a time. Left to the writer, a checkpoint ran inside some commit and
 * held every batch waiting on it for up to a hundred milliseconds; here it runs beside the
 * writer (WAL allows that) and the commits stay short.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** How often committed pages are copied back. Short, so each copy is small. */
export const CHECKPOINT_EVERY_MS = 200;

export type CheckpointerRequest = { type: 'close' };

const port = parentPort;
if (!port) throw new Error('checkpoint-worker runs as a worker thread');
const { file } = workerData as { file: string };
const db = new Database(file);
db.pragma('busy_timeout = 5000');

const timer = setInterval(() => {
  // PASSIVE never waits for the writer or readers: what cannot be copied now is copied next time.
  db.pragma('wal_checkpoint(PASSIVE)');
}, CHECKPOINT_EVERY_MS);

port.on('message', (request: CheckpointerRequest) => {
  if (request.type !== 'close') return;
  clearInterval(timer);
  db.close();
  port.close();
});
