import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialAlarmState, type AlarmEngineState } from '@infusion/shared';
import { ALARM_CLOCKS_STORED_EVERY_MS } from '../alarms/storing.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';
import { GroupCommitter } from './unit-of-work.js';

/**
 * Which alarm states the group committer writes, checked against the SQLite file itself: a
 * change to the alarms goes with its group, a change of clocks alone waits up to 5 s, and a
 * clean shutdown stores the newest of every session.
 */
let dir: string;
let file: string;
let store: Store;
let committer: GroupCommitter;
let live: Map<string, AlarmEngineState>;

function open(): void {
  store = openSqliteStore(file);
  live = new Map(store.loadAlarmStates().map((s) => [s.sessionId, s]));
  committer = new GroupCommitter(store, store.openWriter(), live);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infusion-states-'));
  file = path.join(dir, 'states.db');
  open();
});
afterEach(async () => {
  await committer.close();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What the file holds for the session, read on a connection of its own. */
function storedNow(sessionId: string): number | null {
  const db = new Database(file, { readonly: true });
  try {
    const row = db.prepare(`SELECT state_json FROM alarm_states WHERE session_id = ?`).get(sessionId) as
      { state_json: string } | undefined;
    return row ? (JSON.parse(row.state_json) as AlarmEngineState).now : null;
  } finally {
    db.close();
  }
}

const stage = (state: AlarmEngineState) => committer.submit((uow) => uow.stageAlarmState(state));
const T0 = 1_700_000_000_000;
const base = initialAlarmState('sess-1', 'infusing', {}, T0);
const withClocks = (now: number): AlarmEngineState => ({ ...base, now, lastDeviceReadingAt: { hr: now } });

describe('storing alarm states with the commit groups', () => {
  it('stores a new session state at once, then its clocks at most every 5 s', async () => {
    await stage(withClocks(T0));
    expect(storedNow('sess-1')).toBe(T0);
    await stage(withClocks(T0 + 1_000));
    await stage(withClocks(T0 + 4_999));
    expect(storedNow('sess-1')).toBe(T0);
    // The live state moves on regardless: what the dashboards see is never held back.
    expect(live.get('sess-1')?.now).toBe(T0 + 4_999);
    await stage(withClocks(T0 + ALARM_CLOCKS_STORED_EVERY_MS));
    expect(storedNow('sess-1')).toBe(T0 + ALARM_CLOCKS_STORED_EVERY_MS);
  });

  it('stores a change to the alarms in the same group, however soon', async () => {
    await stage(withClocks(T0));
    await stage({ ...withClocks(T0 + 100), deviceConnected: false });
    expect(storedNow('sess-1')).toBe(T0 + 100);
  });

  it('stores the newest clocks of every session on a clean shutdown, and a restart restores them', async () => {
    await stage(withClocks(T0));
    await stage(withClocks(T0 + 2_000));
    expect(storedNow('sess-1')).toBe(T0);
    await committer.close();
    expect(storedNow('sess-1')).toBe(T0 + 2_000);
    store.close();
    open();
    expect(live.get('sess-1')?.now).toBe(T0 + 2_000);
  });
});
