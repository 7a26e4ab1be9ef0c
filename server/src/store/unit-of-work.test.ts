import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { initialAlarmState, type Reading } from '@infusion/shared';
import { openSqliteStore } from './sqlite.js';
import type { ReadingInsert, Store } from './store.js';
import { seedChair } from './test-chair.js';
import { GroupCommitter, MAX_JOBS_PER_GROUP } from './unit-of-work.js';

/**
 * The group committer with its real writer thread and a real SQLite file: what it answers
 * is what the file holds, a resend is found across groups and restarts, and a group that
 * fails to store is answered as failed with nothing broadcast.
 */
let dir: string;
let file: string;
let store: Store;
let committer: GroupCommitter;
let alarmStates: Map<string, ReturnType<typeof initialAlarmState>>;
/** The session and monitor the readings belong to: a reading names rows that are in the store. */
const ids = { session: '', device: '' };

function open(): void {
  store = openSqliteStore(file);
  alarmStates = new Map();
  committer = new GroupCommitter(store, store.openWriter(), alarmStates);
}

async function shut(): Promise<void> {
  await committer.close();
  store.close();
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infusion-commit-'));
  file = path.join(dir, 'commit.db');
  open();
  Object.assign(ids, seedChair(store));
});
afterEach(async () => {
  await shut();
  fs.rmSync(dir, { recursive: true, force: true });
});

const reading = (seq: number, value = 97, deviceId: string | null = ids.device): ReadingInsert => ({
  sessionId: ids.session,
  vital: 'spo2',
  value,
  measuredAt: 1_000 + seq,
  receivedAt: 2_000,
  source: deviceId ? 'device' : 'manual',
  deviceId,
  seq: deviceId ? seq : null,
  enteredBy: deviceId ? null : 'Nora',
});

const insert = (r: ReadingInsert) => committer.submit((uow) => uow.tx.insertReading(r));

describe('group commit through the writer thread', () => {
  it('stores readings with the ids it answered, in one group when submitted together', async () => {
    const answers = await Promise.all([1, 2, 3].map((seq) => insert(reading(seq))));
    expect(answers.map((a) => a.status)).toEqual(['inserted', 'inserted', 'inserted']);
    const answered = answers.map((a) => (a.status === 'inserted' ? a.reading.id : 0));
    expect(answered).toEqual([1, 2, 3]);
    expect(committer.stats).toMatchObject({ groups: 1, jobs: 3 });
    const stored = store.readingsForSession(ids.session, {});
    expect(stored.map((r) => [r.id, r.seq, r.value])).toEqual([
      [1, 1, 97],
      [2, 2, 97],
      [3, 3, 97],
    ]);
  });

  it('answers a resend as a duplicate and a different reading on a used seq as a conflict', async () => {
    await insert(reading(1));
    await insert(reading(2));
    // Same group, same seq: the second is a resend of the first.
    const [first, again] = await Promise.all([insert(reading(3)), insert(reading(3))]);
    expect(first.status).toBe('inserted');
    expect(again.status).toBe('duplicate');
    expect((await insert(reading(1))).status).toBe('duplicate');
    const clash = await insert(reading(2, 85));
    expect(clash).toMatchObject({ status: 'conflict', existing: { seq: 2, value: 97 } });
    // A seq below the highest that was never stored (a gap) is new, not a duplicate.
    await insert(reading(10));
    expect((await insert(reading(7))).status).toBe('inserted');
    expect(store.readingsForSession(ids.session, {}).map((r) => r.seq)).toEqual([1, 2, 3, 7, 10]);
  });

  it('recognises resends after a restart and numbers on from the stored readings', async () => {
    await insert(reading(1));
    await insert(reading(2, 97, null));
    await shut();
    open();
    expect((await insert(reading(1))).status).toBe('duplicate');
    const next = await insert(reading(2));
    expect(next).toMatchObject({ status: 'inserted', reading: { id: 3 } });
  });

  it('answers a group that could not be stored as failed, broadcasts nothing, and goes on', async () => {
    await insert(reading(1));
    // Another connection takes the id the committer will hand out next, so the writer's
    // INSERT fails and the whole group must roll back.
    const other = new Database(file);
    other
      .prepare(
        `INSERT INTO readings (id, session_no, vital, value, measured_at, received_at, source)
         VALUES (2, (SELECT no FROM sessions WHERE id = ?), 'hr', 70, 1, 1, 'manual')`,
      )
      .run(ids.session);
    other.close();
    const broadcast: Reading[] = [];
    const failing = committer.submit((uow) => {
      const outcome = uow.tx.insertReading(reading(2));
      if (outcome.status === 'inserted') uow.afterCommit(() => broadcast.push(outcome.reading));
      uow.stageAlarmState(initialAlarmState(ids.session, 'infusing', {}, 5_000));
      return outcome;
    });
    await expect(failing).rejects.toThrow(/UNIQUE constraint failed: readings.id/);
    expect(broadcast).toEqual([]);
    expect(alarmStates.has(ids.session)).toBe(false);
    // The next group asks the database again: seq 2 was never stored, and ids go on after 2.
    expect(await insert(reading(2))).toMatchObject({ status: 'inserted', reading: { id: 3, seq: 2 } });
  });

  it('fails the whole group when a reading names a session or monitor the store does not have', async () => {
    await insert(reading(1));
    const unknownSession = await Promise.allSettled([
      insert(reading(2)),
      insert({ ...reading(3), sessionId: 'no-such-session' }),
    ]);
    expect(unknownSession.map((a) => a.status)).toEqual(['rejected', 'rejected']);
    expect(String((unknownSession[1] as PromiseRejectedResult).reason)).toMatch(/sessions no-such-session/);
    await expect(insert(reading(4, 97, 'no-such-monitor'))).rejects.toThrow(/devices no-such-monitor/);
    // Nothing of either group was stored, and the next group numbers on from what was.
    expect(store.readingsForSession(ids.session, {}).map((r) => r.seq)).toEqual([1]);
    expect(await insert(reading(2))).toMatchObject({ status: 'inserted', reading: { id: 2, seq: 2 } });
  });

  it('applies staged alarm states and after-commit effects only once the group is stored', async () => {
    const state = initialAlarmState(ids.session, 'infusing', {}, 5_000);
    const order: string[] = [];
    await committer.submit((uow) => {
      uow.stageAlarmState(state);
      uow.afterCommit(() => order.push(alarmStates.has(ids.session) ? 'effect after state' : 'effect before state'));
      order.push(alarmStates.has(ids.session) ? 'visible early' : 'staged only');
    });
    expect(order).toEqual(['staged only', 'effect after state']);
    expect(store.loadAlarmStates()).toEqual([state]);
  });

  it('answers every caller of a stored group even when one of its broadcasts throws', async () => {
    const ran: string[] = [];
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const [first, second] = await Promise.all([
      committer.submit((uow) => {
        uow.afterCommit(() => {
          throw new Error('socket gone');
        });
        return uow.tx.insertReading(reading(1));
      }),
      committer.submit((uow) => {
        uow.afterCommit(() => ran.push('second broadcast'));
        return uow.tx.insertReading(reading(2));
      }),
    ]);
    expect(quiet).toHaveBeenCalledTimes(1);
    quiet.mockRestore();
    expect([first.status, second.status]).toEqual(['inserted', 'inserted']);
    expect(ran).toEqual(['second broadcast']);
  });

  it('splits a burst into groups of at most MAX_JOBS_PER_GROUP and keeps their order', async () => {
    const count = MAX_JOBS_PER_GROUP * 2 + 10;
    const answers = await Promise.all(Array.from({ length: count }, (_, i) => insert(reading(i + 1))));
    expect(answers.every((a) => a.status === 'inserted')).toBe(true);
    expect(committer.stats.groups).toBe(3);
    const stored = store.readingsForSession(ids.session, { limit: count + 1 });
    expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  });

  it('has the checkpointer copy committed pages into the database file, outside the commits', async () => {
    const before = fs.statSync(file).size;
    await Promise.all(Array.from({ length: 2000 }, (_, i) => insert(reading(i + 1))));
    // The writer alone would leave all of it in the WAL (its own checkpoint is far off).
    const deadline = Date.now() + 5000;
    while (fs.statSync(file).size <= before + 100_000 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(fs.statSync(file).size).toBeGreaterThan(before + 100_000);
  });

  it('stores what was queued when it closes, and refuses work afterwards', async () => {
    const queued = insert(reading(1));
    await committer.close();
    expect((await queued).status).toBe('inserted');
    await expect(insert(reading(2))).rejects.toThrow('store is closing');
    expect(store.readingsForSession(ids.session, {}).length).toBe(1);
  });

  it('works the same on an in-memory database, storing on the main thread', async () => {
    const memory = openSqliteStore(':memory:');
    Object.assign(ids, seedChair(memory));
    const inMemory = new GroupCommitter(memory, memory.openWriter(), new Map());
    const put = (r: ReadingInsert) => inMemory.submit((uow) => uow.tx.insertReading(r));
    expect((await put(reading(1))).status).toBe('inserted');
    expect((await put(reading(1))).status).toBe('duplicate');
    expect((await put(reading(1, 85))).status).toBe('conflict');
    expect(memory.readingsForSession(ids.session, {}).map((r) => r.seq)).toEqual([1]);
    await inMemory.close();
    memory.close();
  });
});
