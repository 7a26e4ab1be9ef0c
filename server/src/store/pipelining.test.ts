import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialAlarmState, type AlarmEngineState, type Reading } from '@infusion/shared';
import { openSqliteStore } from './sqlite.js';
import type { ReadingInsert, Store } from './store.js';
import { seedChair } from './test-chair.js';
import { GroupCommitter } from './unit-of-work.js';
import type { CommitGroup, WriteResult } from './write-ops.js';
import type { CommitWriter } from './writer.js';

/**
 * The committer prepares the next group while one is with the writer. The real writer thread
 * and file do the storing; the gate in front of it only holds a group in flight for as long as
 * a test needs, so what is prepared on top of it can be looked at.
 */
class GatedWriter implements CommitWriter {
  private opened: Promise<void> = Promise.resolve();
  private release: () => void = () => undefined;
  readonly posted: CommitGroup[] = [];

  constructor(private readonly inner: CommitWriter) {}

  hold(): void {
    this.opened = new Promise((resolve) => (this.release = resolve));
  }

  open(): void {
    this.release();
  }

  async commit(group: CommitGroup): Promise<WriteResult> {
    this.posted.push(group);
    await this.opened;
    return this.inner.commit(group);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

let dir: string;
let file: string;
let store: Store;
let gate: GatedWriter;
let committer: GroupCommitter;
let live: Map<string, AlarmEngineState>;
let sessionId: string;
let deviceId: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infusion-pipeline-'));
  file = path.join(dir, 'pipeline.db');
  store = openSqliteStore(file);
  ({ session: sessionId, device: deviceId } = seedChair(store));
  live = new Map();
  gate = new GatedWriter(store.openWriter());
  committer = new GroupCommitter(store, gate, live);
});
afterEach(async () => {
  gate.open();
  await committer.close();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const reading = (seq: number, value = 97): ReadingInsert => ({
  sessionId,
  vital: 'spo2',
  value,
  measuredAt: 1_000 + seq,
  receivedAt: 2_000,
  source: 'device',
  deviceId,
  seq,
  enteredBy: null,
});

/** Resolves once the gate has been handed `n` groups in all. */
async function groupsPosted(n: number): Promise<void> {
  while (gate.posted.length < n) await new Promise((resolve) => setImmediate(resolve));
}

describe('preparing the next group while one is being written', () => {
  it('prepares on top of the group in flight: its alarm states, and its readings as resends', async () => {
    gate.hold();
    const state = initialAlarmState(sessionId, 'infusing', {}, 5_000);
    const first = committer.submit((uow) => {
      uow.stageAlarmState(state);
      return uow.tx.insertReading(reading(1));
    });
    await groupsPosted(1);
    let seen: AlarmEngineState | undefined;
    const second = committer.submit((uow) => {
      seen = uow.alarmState(sessionId);
      return [uow.tx.insertReading(reading(1)), uow.tx.insertReading(reading(1, 88)), uow.tx.insertReading(reading(2))];
    });
    // Prepared while the first is still with the writer, and not handed over before it is done.
    while (seen === undefined) await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toBe(state);
    expect(gate.posted).toHaveLength(1);
    expect(live.has(sessionId)).toBe(false);
    gate.open();
    expect(await first).toMatchObject({ status: 'inserted', reading: { id: 1 } });
    expect(await second).toMatchObject([
      { status: 'duplicate' },
      { status: 'conflict' },
      { status: 'inserted', reading: { id: 2, seq: 2 } },
    ]);
    expect(store.readingsForSession(sessionId, {}).map((r) => [r.id, r.seq])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('fails the group prepared on top of one that could not be stored, and goes on from the database', async () => {
    await committer.submit((uow) => uow.tx.insertReading(reading(1)));
    // Another connection takes the id the committer hands out next, so the next group fails.
    const other = new Database(file);
    const columns = (other.prepare(`PRAGMA table_info(readings)`).all() as { name: string }[])
      .map((c) => c.name)
      .filter((name) => name !== 'id' && name !== 'seq')
      .join(', ');
    other
      .prepare(`INSERT INTO readings (id, seq, ${columns}) SELECT 2, NULL, ${columns} FROM readings WHERE id = 1`)
      .run();
    other.close();

    gate.hold();
    const broadcast: Reading[] = [];
    const failing = committer.submit((uow) => {
      const outcome = uow.tx.insertReading(reading(2));
      if (outcome.status === 'inserted') uow.afterCommit(() => broadcast.push(outcome.reading));
      uow.stageAlarmState(initialAlarmState(sessionId, 'infusing', {}, 5_000));
      return outcome;
    });
    await groupsPosted(1);
    let preparedOnTop = false;
    const onTop = committer.submit((uow) => {
      preparedOnTop = true;
      const outcome = uow.tx.insertReading(reading(3));
      if (outcome.status === 'inserted') uow.afterCommit(() => broadcast.push(outcome.reading));
      return outcome;
    });
    while (!preparedOnTop) await new Promise((resolve) => setImmediate(resolve));
    gate.open();
    await expect(failing).rejects.toThrow(/UNIQUE constraint failed: readings.id/);
    await expect(onTop).rejects.toThrow(/UNIQUE constraint failed: readings.id/);
    expect(broadcast).toEqual([]);
    expect(live.has(sessionId)).toBe(false);
    // Seqs 2 and 3 were never stored: they are new, and ids go on after the stored 2.
    const again = await Promise.all([2, 3].map((seq) => committer.submit((uow) => uow.tx.insertReading(reading(seq)))));
    expect(again).toMatchObject([
      { status: 'inserted', reading: { id: 3, seq: 2 } },
      { status: 'inserted', reading: { id: 4, seq: 3 } },
    ]);
  });

  it('answers nothing of a group whose work throws, and goes on', async () => {
    const answers = await Promise.allSettled([
      committer.submit((uow) => uow.tx.insertReading(reading(1))),
      committer.submit(() => {
        throw new Error('a bug in a unit of work');
      }),
    ]);
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected']);
    expect(await committer.submit((uow) => uow.tx.insertReading(reading(1)))).toMatchObject({
      status: 'inserted',
      reading: { id: 1 },
    });
  });
});
