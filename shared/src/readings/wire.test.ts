import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VITAL_CODES } from '../vitals/catalogue.js';
import type { Reading } from './schemas.js';
import {
  packReadingsMessages,
  ReadingRow,
  ReadingsMessage,
  unpackReadingsMessage,
  type ReadingsMessageEnvelope,
} from './wire.js';

const T0 = 1_700_000_000_000;
const SESSION_A = '7d1c54f2-3f0e-4a53-9d0e-8f7f9b2b6a11';
const SESSION_B = 'c0a8e7b4-1d2f-4e6a-8b9c-0d1e2f3a4b5c';
const MONITOR = '2b5e9c1a-6f4d-4c3b-9a8e-7d6c5b4a3f21';

function device(id: number, vital: Reading['vital'], value: number, overrides: Partial<Reading> = {}): Reading {
  return {
    id,
    sessionId: SESSION_A,
    vital,
    value,
    measuredAt: T0 + id * 1000,
    receivedAt: T0 + 5000,
    source: 'device',
    deviceId: MONITOR,
    seq: 100 + id,
    enteredBy: null,
    ...overrides,
  };
}

function manual(id: number, vital: Reading['vital'], value: number, overrides: Partial<Reading> = {}): Reading {
  return device(id, vital, value, { source: 'manual', deviceId: null, seq: null, enteredBy: 'nurse-1', ...overrides });
}

/** What goes over the socket: JSON out and back. */
function overTheWire<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** Parses the envelope as a receiver does, then its rows. */
function receive(raw: unknown): Reading[] {
  return unpackReadingsMessage(ReadingsMessage.parse(raw));
}

// Small pools, so that consecutive readings often share their fields and runs form.
const arbReading: fc.Arbitrary<Reading> = fc
  .record({
    id: fc.integer({ min: 1, max: 2 ** 40 }),
    sessionId: fc.constantFrom(SESSION_A, SESSION_B),
    vital: fc.constantFrom(...VITAL_CODES),
    // JSON has no -0: the wire turns it into 0.
    value: fc.double({ min: -1000, max: 1000, noNaN: true }).map((v) => (v === 0 ? 0 : v)),
    measuredAt: fc.integer({ min: 0, max: T0 }),
    receivedAt: fc.constantFrom(T0, T0 + 1000),
    manual: fc.boolean(),
    deviceId: fc.constantFrom(MONITOR, null),
    seq: fc.option(fc.nat(), { nil: null }),
    enteredBy: fc.constantFrom('nurse-1', 'nurse-2', null),
  })
  .map(({ manual: isManual, ...r }) => ({ ...r, source: isManual ? 'manual' : 'device' }));

describe('packReadingsMessages / unpackReadingsMessage', () => {
  it('gives back the readings it was given, in order, through JSON', () => {
    fc.assert(
      fc.property(fc.array(arbReading, { maxLength: 40 }), (readings) => {
        const messages = overTheWire(packReadingsMessages(readings)) as unknown[];
        expect(messages.flatMap(receive)).toEqual(readings);
      }),
    );
  });

  it('makes one message per run of readings that share their fields, each a valid envelope of valid rows', () => {
    fc.assert(
      fc.property(fc.array(arbReading, { maxLength: 40 }), (readings) => {
        const messages = packReadingsMessages(readings);
        const runs = readings.filter((r, i) => {
          const before = readings[i - 1];
          return (
            before === undefined ||
            before.sessionId !== r.sessionId ||
            before.source !== r.source ||
            before.deviceId !== r.deviceId ||
            before.enteredBy !== r.enteredBy ||
            before.receivedAt !== r.receivedAt
          );
        }).length;
        expect(messages).toHaveLength(runs);
        for (const message of messages) {
          expect(ReadingsMessage.safeParse(message).success).toBe(true);
          expect(message.rows.length).toBeGreaterThan(0);
          for (const row of message.rows) expect(ReadingRow.safeParse(row).success).toBe(true);
        }
      }),
    );
  });

  it('starts a new message where a shared field changes', () => {
    const readings = [
      device(1, 'hr', 72),
      device(2, 'spo2', 97),
      device(3, 'hr', 80, { sessionId: SESSION_B }),
      device(4, 'hr', 73),
      manual(5, 'sbp', 118),
      manual(6, 'moaas', 4, { enteredBy: 'nurse-2' }),
      device(7, 'hr', 74, { receivedAt: T0 + 6000 }),
      device(8, 'rr', 14, { receivedAt: T0 + 6000, deviceId: null }),
    ];
    const messages = packReadingsMessages(readings);
    expect(messages.map((m) => [m.sessionId, m.source, m.deviceId, m.enteredBy, m.receivedAt, m.rows.length])).toEqual([
      [SESSION_A, 'device', MONITOR, null, T0 + 5000, 2],
      [SESSION_B, 'device', MONITOR, null, T0 + 5000, 1],
      [SESSION_A, 'device', MONITOR, null, T0 + 5000, 1],
      [SESSION_A, 'manual', null, 'nurse-1', T0 + 5000, 1],
      [SESSION_A, 'manual', null, 'nurse-2', T0 + 5000, 1],
      [SESSION_A, 'device', MONITOR, null, T0 + 6000, 1],
      [SESSION_A, 'device', null, null, T0 + 6000, 1],
    ]);
    expect(messages[0]?.rows).toEqual([
      [1, 'hr', 72, T0 + 1000, 101],
      [2, 'spo2', 97, T0 + 2000, 102],
    ]);
    expect(messages[3]?.rows).toEqual([[5, 'sbp', 118, T0 + 5000, null]]);
    expect(packReadingsMessages([])).toEqual([]);
  });

  it('leaves out a malformed row, says why, and keeps the others', () => {
    const [message] = packReadingsMessages([device(1, 'hr', 72), device(2, 'spo2', 97)]);
    if (!message) throw new Error('no message');
    const received: ReadingsMessageEnvelope = {
      ...message,
      rows: [
        message.rows[0],
        'not a row',
        [3, 'hr', 70],
        [4, 'hr', 70, T0, 1, 'extra'],
        [5, 'nonsense', 70, T0, 1],
        [0, 'hr', 70, T0, 1],
        [6, 'hr', 70, T0 + 0.5, 1],
        [7, 'hr', '70', T0, 1],
        [8, 'hr', 70, T0, 1.5],
        message.rows[1],
      ],
    };
    const rejected: unknown[] = [];
    const readings = unpackReadingsMessage(received, (issues, row) => {
      expect(issues.length).toBeGreaterThan(0);
      rejected.push(row);
    });
    expect(readings).toEqual([device(1, 'hr', 72), device(2, 'spo2', 97)]);
    expect(rejected).toEqual(received.rows.slice(1, -1));
  });

  it.each([
    ['the old form', { sessionId: SESSION_A, readings: [device(1, 'hr', 72)] }],
    ['an unknown source', { ...packReadingsMessages([device(1, 'hr', 72)])[0], source: 'robot' }],
    ['a negative arrival time', { ...packReadingsMessages([device(1, 'hr', 72)])[0], receivedAt: -1 }],
    ['rows that are not a list', { ...packReadingsMessages([device(1, 'hr', 72)])[0], rows: {} }],
    ['no monitor field', { sessionId: SESSION_A, source: 'device', enteredBy: null, receivedAt: T0, rows: [] }],
    ['nothing at all', null],
  ])('refuses an envelope with %s', (_name, raw) => {
    expect(ReadingsMessage.safeParse(raw).success).toBe(false);
  });

  it('sends a monitor batch in less than half the JSON of whole readings', () => {
    const batch = (['hr', 'sbp', 'dbp', 'spo2', 'rr'] as const).map((vital, i) =>
      device(1_234_560 + i, vital, 97.5, { seq: 987_650 + i }),
    );
    const whole = JSON.stringify([{ sessionId: SESSION_A, readings: batch }]);
    const packed = JSON.stringify(packReadingsMessages(batch));
    expect(packed.length).toBeLessThan(whole.length / 2);
  });
});
