/**
 * Property-based fuzzing of every input the server takes from outside, against one real
 * server: every socket event (monitor and dashboard) and every HTTP route's body, query and
 * path parameters, with random JSON and with valid payloads mutated one field at a time.
 *
 * Properties: the server never crashes (health answers after every case), every answer is
 * either a well-formed error `{ code, message }` (4xx, never 5xx) or a success of the
 * documented shape, and nothing invalid ever reaches the database.
 *
 * Seeded and with fixed run counts: the same cases run on every push.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  Alarm,
  AlarmEvent,
  ApiError,
  AuditEntry,
  BatchResult,
  ClinicalEvent,
  DEFAULT_PROFILE,
  Device,
  ERROR_CODES,
  Reading,
  RegisteredDevice,
  Session,
  SESSION_STATES,
  ThresholdProfile,
  User,
  VITALS,
  VitalCode,
  type DeviceToServerEvents,
  type DashboardToServerEvents,
} from '@infusion/shared';
import type { RouteInfo } from '../app.js';
import {
  startHarness,
  TEST_PASSWORD,
  type DashboardClient,
  type DeviceClient,
  type Harness,
} from '../testing/harness.js';
import {
  alarmProblems,
  deviceReadings,
  duplicateDeviceSeqs,
  openReadonly,
  readingProblems,
  sessionProblems,
} from './db-invariants.js';

const SEED = Number(process.env.RELIABILITY_SEED ?? 20_251_124);
/** Runs per HTTP route; routes that hash a password (scrypt, ~0.1 s) get fewer. */
const HTTP_RUNS = 90;
const HTTP_RUNS_SCRYPT = 40;
const SOCKET_RUNS = 300;
const ORIGIN_RUNS = 60;
const ROUTER_RUNS = 30;

/** Every error code the server may answer with: anything else is not a well-formed error. */
const KNOWN_CODES = new Set<string>(Object.values(ERROR_CODES));
const WellFormedError = ApiError.refine((e) => KNOWN_CODES.has(e.code), { message: 'unknown error code' });

// ───────────────────────── generators ─────────────────────────

/**
 * A value built only when the request is sent, shown by its description in fast-check's
 * reports: printing a 3,000-deep nesting or a 300 KB string there would be useless (the deep
 * one overflows the reporter's stack).
 */
class Lazy {
  constructor(
    readonly description: string,
    readonly make: () => unknown,
  ) {}
  [fc.toStringMethod](): string {
    return this.description;
  }
}

/** Nested `{a:[{a:[…]}]}` this deep: parsers and validators must not recurse themselves to death. */
const nested = (depth: number): Lazy =>
  new Lazy(`<nested ${depth} deep>`, () => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value];
    return value;
  });

/** `size` characters; HTTP bodies over 64 KB must get 413, socket messages stay under 1 MB. */
const huge = (sizes: readonly number[]): fc.Arbitrary<Lazy> =>
  fc.constantFrom(...sizes).map((n) => new Lazy(`<${n} × "x">`, () => 'x'.repeat(n)));

/** Builds the lazy parts of a generated value. */
const materialize = (value: unknown): unknown => (value instanceof Lazy ? value.make() : value);

/** How big the oversized values get: bodies may exceed their limit, a URL must stay under Node's 16 KB. */
interface Sizes {
  huge: readonly number[];
  maxDepth: number;
}
const BODY_SIZES: Sizes = { huge: [10_000, 70_000], maxDepth: 3_000 };
const URL_SIZES: Sizes = { huge: [4_000], maxDepth: 200 };
const SOCKET_SIZES: Sizes = { huge: [10_000, 300_000], maxDepth: 3_000 };

/** Values that are wrong for almost any field. NaN and ±Infinity travel as null in JSON. */
const badValue = (sizes: Sizes): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom<unknown>(
      null,
      true,
      false,
      '',
      '1',
      'NaN',
      [],
      {},
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -0,
      -1,
      -1e308,
      1e308,
      0.5,
      Number.MAX_SAFE_INTEGER + 2,
      Number.MIN_SAFE_INTEGER,
      2 ** 31,
      '__proto__',
    ),
    fc.integer({ min: -1_000_000_000, max: -1 }),
    fc.double(),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    huge(sizes.huge),
    fc.integer({ min: 50, max: sizes.maxDepth }).map(nested),
    fc.jsonValue({ maxDepth: 3 }),
    fc.anything({ maxDepth: 2 }),
  );

type Mutation = { kind: 'remove' } | { kind: 'replace'; value: unknown } | { kind: 'add'; key: string; value: unknown };

const mutation = (sizes: Sizes): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.constant<Mutation>({ kind: 'remove' }),
    badValue(sizes).map((value): Mutation => ({ kind: 'replace', value })),
    fc
      .record({ key: fc.oneof(fc.string({ maxLength: 12 }), fc.constant('__proto__')), value: badValue(sizes) })
      .map((a): Mutation => ({ kind: 'add', ...a })),
  );

type Path = (string | number)[];

/** Every node of a JSON value (root first), so a mutation can pick any of them. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => paths.push(...pathsOf(v, [...prefix, i])));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) paths.push(...pathsOf(v, [...prefix, k]));
  }
  return paths;
}

/** The valid value with one node removed, replaced, or given an extra key. */
function mutate(valid: unknown, pathIndex: number, m: Mutation): unknown {
  const root = structuredClone(valid);
  const paths = pathsOf(root);
  const path = paths[pathIndex % paths.length] ?? [];
  if (path.length === 0) {
    if (m.kind === 'remove') return undefined;
    if (m.kind === 'replace') return materialize(m.value);
  }
  let parent: unknown = root;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[step];
  const last = path[path.length - 1];
  const target = path.length === 0 ? root : (parent as Record<string | number, unknown>)[last as string | number];
  const container = parent as Record<string | number, unknown>;
  if (m.kind === 'remove' && last !== undefined) {
    if (Array.isArray(container) && typeof last === 'number') container.splice(last, 1);
    else delete container[last];
  } else if (m.kind === 'replace' && last !== undefined) {
    container[last] = materialize(m.value);
  } else if (m.kind === 'add') {
    const value = materialize(m.value);
    if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
      Object.defineProperty(target, m.key, { value, enumerable: true, writable: true, configurable: true });
    } else if (Array.isArray(target)) target.push(value);
    else if (last !== undefined) container[last] = { [m.key]: value, value: target };
  }
  return root;
}

/** A case: the valid payload, a mutation of it, or something random. */
type Case<T> =
  | { kind: 'valid'; valid: T }
  | { kind: 'mutated'; valid: T; pathIndex: number; mutation: Mutation }
  | { kind: 'random'; value: unknown };

function cases<T>(valid: fc.Arbitrary<T>, sizes: Sizes): fc.Arbitrary<Case<T>> {
  return fc.oneof(
    { weight: 2, arbitrary: valid.map((v): Case<T> => ({ kind: 'valid', valid: v })) },
    {
      weight: 6,
      arbitrary: fc
        .record({ valid, pathIndex: fc.nat(), mutation: mutation(sizes) })
        .map((c): Case<T> => ({ kind: 'mutated', ...c })),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(fc.jsonValue(), fc.anything(), badValue(sizes))
        .map((value): Case<T> => ({ kind: 'random', value })),
    },
  );
}

function payloadOf<T>(c: Case<T>): unknown {
  if (c.kind === 'valid') return c.valid;
  if (c.kind === 'mutated') return mutate(c.valid, c.pathIndex, c.mutation);
  return materialize(c.value);
}

// ───────────────────────── the server under test ─────────────────────────

let h: Harness;
let deviceSocket: DeviceClient;
let dashboardSocket: DashboardClient;
/** The fuzzed monitor's session: only its own readings go there, so what is stored can be checked exactly. */
let fuzzSession: Session;
let fuzzDeviceId: string;
/** Sessions that HTTP fuzzing may change, bind and chart on; state changes get their own, as they end them. */
const spareSessions: Session[] = [];
const transitionSessions: Session[] = [];
let spareDeviceId: string;
let alarmSession: Session;
let alarmId: string;
const startedAt = Date.now();
/** Readings the fuzzed monitor got `accepted` for, by seq: exactly these must be stored. */
const acceptedBySeq = new Map<number, { vital: string; value: number; measuredAt: number }>();
const tally = {
  /** Cases of the per-route property (fixed: routes × runs). */
  http: 0,
  httpStatus: new Map<string, number>(),
  /** Cases of the Origin-header and router-refusal properties (fewer when one fails and stops early). */
  httpTargeted: 0,
  socket: 0,
  socketEvents: new Map<string, number>(),
};

const countStatus = (status: number): void => {
  const key = `${Math.floor(status / 100)}xx`;
  tally.httpStatus.set(key, (tally.httpStatus.get(key) ?? 0) + 1);
};

beforeAll(async () => {
  h = await startHarness();
  const device = await h.registerDevice('Fuzzed monitor');
  fuzzDeviceId = device.id;
  fuzzSession = await h.bind((await h.createSession({ location: 'Fuzz chair' })).id, device.id);
  spareDeviceId = (await h.registerDevice('Spare monitor')).id;
  for (let i = 0; i < 2; i++) {
    spareSessions.push(await h.createSession({ location: `Spare ${i}`, state: 'pre-check' }));
    spareSessions.push(await h.createSession({ location: `Spare infusing ${i}`, state: 'infusing' }));
  }
  for (let i = 0; i < 3; i++) {
    transitionSessions.push(
      await h.createSession({ location: `Lifecycle ${i}`, state: i === 0 ? 'pre-check' : 'infusing' }),
    );
  }

  // A session with a real high-priority alarm, so acknowledge and pause-audio have something to hit.
  const alarmDevice = await h.registerDevice('Alarm monitor');
  alarmSession = await h.bind((await h.createSession({ location: 'Alarm chair' })).id, alarmDevice.id);
  const alarmSocket = await h.device(alarmDevice.token);
  await alarmSocket.timeout(5_000).emitWithAck('readings:batch', {
    protocolVersion: 1,
    readings: [{ seq: 1, vital: 'spo2', value: 75, measuredAt: Date.now() }],
  });
  deviceSocket = await h.device(device.token);
  dashboardSocket = await h.dashboard();
  const snapshot = await dashboardSocket.timeout(5_000).emitWithAck('session:watch', { sessionId: alarmSession.id });
  if (!snapshot.ok || !snapshot.data.alarms[0]) throw new Error('no alarm to fuzz acknowledgements with');
  alarmId = snapshot.data.alarms[0].id;
});

afterAll(async () => {
  await h?.close();
});

async function healthy(): Promise<boolean> {
  try {
    const res = await fetch(`${h.url}/api/health`, { signal: AbortSignal.timeout(5_000) });
    return res.status === 200 && ((await res.json()) as { ok?: unknown }).ok === true;
  } catch {
    return false;
  }
}

// ───────────────────────── HTTP ─────────────────────────

/** What a route answers on success, where the contract says; other routes must answer JSON or text. */
const SUCCESS: Record<string, z.ZodType> = {
  'GET /api/health': z.object({ ok: z.literal(true), serverTime: z.number() }),
  'GET /api/auth/me': z.object({ user: User.nullable(), setupNeeded: z.boolean() }),
  'POST /api/auth/login': z.object({ user: User }),
  'POST /api/auth/logout': z.object({ ok: z.literal(true) }),
  'GET /api/users': z.array(User),
  'POST /api/users': User,
  'GET /api/audit': z.array(AuditEntry),
  'GET /api/sessions': z.array(Session),
  'POST /api/sessions': Session,
  'GET /api/sessions/:id': Session,
  'POST /api/sessions/:id/device': Session,
  'GET /api/sessions/:id/readings': z.array(Reading),
  'GET /api/sessions/:id/alarm-events': z.array(AlarmEvent),
  'GET /api/sessions/:id/audit': z.array(AuditEntry),
  'PUT /api/sessions/:id/checklist': Session,
  'POST /api/sessions/:id/transition': Session,
  'GET /api/patients/:id/sessions': z.array(Session),
  'POST /api/sessions/:id/readings': Reading.nullable(),
  'POST /api/sessions/:id/events': ClinicalEvent,
  'GET /api/sessions/:id/events': z.array(ClinicalEvent),
  'POST /api/devices': RegisteredDevice,
  'GET /api/devices': z.array(Device),
  'GET /api/sessions/:id/profile': ThresholdProfile,
  'PUT /api/sessions/:id/limits': ThresholdProfile,
};

/** Routes whose valid requests run scrypt: fewer runs keep the folder fast. */
const SCRYPT_ROUTES = new Set(['POST /api/auth/login', 'POST /api/users', 'POST /api/setup']);

const vital = fc.constantFrom(...VitalCode.options);
const plausible = (v: VitalCode): fc.Arbitrary<number> =>
  fc.double({ min: VITALS[v].plausible.min, max: VITALS[v].plausible.max, noNaN: true });
const vitalAndValue = vital.chain((v) => plausible(v).map((value) => ({ vital: v, value })));
const username = fc.stringMatching(/^[a-z][a-z0-9._-]{1,20}$/);

/** A valid body (POST/PUT) or query (GET) for each route we know; others get only random input. */
function validInput(key: string): fc.Arbitrary<unknown> | null {
  const now = startedAt;
  switch (key) {
    case 'POST /api/auth/login':
      return fc.constant({ username: 'admin', password: TEST_PASSWORD });
    case 'POST /api/auth/logout':
      return fc.constant({});
    case 'POST /api/setup':
      return fc.record({
        setupCode: fc.string(),
        username,
        displayName: fc.constant('X'),
        password: fc.constant(TEST_PASSWORD),
      });
    case 'POST /api/users':
      return fc.record({
        username,
        displayName: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0),
        role: fc.constantFrom('nurse', 'charge', 'admin'),
        password: fc.constant(TEST_PASSWORD),
      });
    case 'POST /api/sessions':
      return fc.record({
        patient: fc.record({
          mrn: fc.stringMatching(/^[A-Z0-9]{4,12}$/),
          displayName: fc.constant('Fuzz Patient'),
          weightKg: fc.double({ min: 1, max: 400, noNaN: true }),
        }),
        location: fc.constantFrom('Chair F1', 'Chair F2'),
        state: fc.constantFrom('scheduled', 'pre-check', 'infusing'),
        plannedDurationMin: fc.integer({ min: 1, max: 600 }),
        baseline: fc.constant({ sbp: 120, hr: 70 }),
        doseMgPerKg: fc.constant(0.5),
        rateMgPerKgPerHour: fc.constant(0.5),
        course: fc.constant({ phase: 'induction', infusionNumber: 1, seriesSize: 6 }),
      });
    case 'POST /api/sessions/:id/device':
      return fc.constant({ deviceId: spareDeviceId });
    case 'PUT /api/sessions/:id/checklist':
      return fc.record({
        consent: fc.boolean(),
        fasting: fc.boolean(),
        transportHome: fc.boolean(),
        baselineVitals: fc.boolean(),
      });
    case 'POST /api/sessions/:id/transition':
      return fc.record({
        to: fc.constantFrom('pre-check', 'infusing', 'paused', 'recovery', 'discharged', 'ended-early'),
        reason: fc.constant('fuzzing the lifecycle'),
        aldrete: fc.constant({ activity: 2, breathing: 2, circulation: 2, consciousness: 2, spo2: 2 }),
      });
    case 'POST /api/sessions/:id/readings':
      return vitalAndValue.chain(({ vital: v, value }) =>
        fc.record({
          vital: fc.constant(v),
          value: fc.constant(value),
          measuredAt: fc.integer({ min: now - 60_000, max: now }),
        }),
      );
    case 'POST /api/sessions/:id/events':
      return fc.oneof(
        fc.constant({ entry: { kind: 'note', text: 'fuzzed note' } }),
        fc.constant({ entry: { kind: 'side-effect', effect: 'nausea', severity: 'mild' } }),
        fc.integer({ min: 0, max: 5 }).map((value) => ({ entry: { kind: 'score', scale: 'moaas', value } })),
        fc.constant({ entry: { kind: 'intervention', action: 'oxygen-applied', oxygenLitresPerMin: 2 } }),
      );
    case 'PUT /api/sessions/:id/limits': {
      const spo2 = DEFAULT_PROFILE.vitals.spo2;
      return fc.integer({ min: 91, max: 95 }).map((medium) => ({
        vital: 'spo2',
        limits: { ...spo2, lower: { ...spo2?.lower, medium: { value: medium } } },
        reason: 'fuzzing the limits',
      }));
    }
    case 'POST /api/devices':
      return fc.record({ label: fc.constantFrom('Fuzzed registration', 'Bay 9') });
    case 'GET /api/sessions':
      return fc.record({ state: fc.oneof(fc.constantFrom(...SESSION_STATES), fc.constant(['infusing', 'paused'])) });
    case 'GET /api/sessions/:id/readings':
      return fc.record({ from: fc.nat(), afterId: fc.nat(), limit: fc.integer({ min: 1, max: 100_000 }) });
    case 'GET /api/review/sessions':
      return fc.record({
        patient: fc.string({ maxLength: 10 }),
        from: fc.nat(),
        to: fc.nat(),
        hadHighAlarm: fc.constantFrom('true', 'false'),
      });
    case 'GET /api/sessions/:id/series':
      return fc.record({
        from: fc.constant(now - 3_600_000),
        to: fc.constant(now + 3_600_000),
        maxPoints: fc.integer({ min: 10, max: 5000 }),
      });
    default:
      return null;
  }
}

/** How a request body travels: JSON as it should, malformed JSON text, or another content type. */
type Encoding = { kind: 'json' } | { kind: 'raw-json'; text: string } | { kind: 'other'; contentType: string };
const encoding: fc.Arbitrary<Encoding> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Encoding>({ kind: 'json' }) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.string({ maxLength: 30 }),
        fc.constantFrom(
          '{',
          '{"a":',
          '[1,2',
          '{"__proto__":{"x":1}}',
          '{"constructor":{"prototype":{"x":1}}}',
          'null',
          '""',
        ),
      )
      .map((text): Encoding => ({ kind: 'raw-json', text })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
      )
      .map((contentType): Encoding => ({ kind: 'other', contentType })),
  },
);

/** A query string from any value: objects become key=value pairs, anything else a raw string. */
function queryString(value: unknown): string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(value)) {
      if (Array.isArray(v))
        for (const item of v) params.append(k, typeof item === 'string' ? item : (JSON.stringify(item) ?? ''));
      else params.append(k, typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined'));
    }
    const s = params.toString();
    return s ? `?${s}` : '';
  }
  if (value === undefined) return '';
  return `?${encodeURIComponent(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''))}`;
}

/** Fastify's router refuses longer path parameters itself (see the test of that below). */
const MAX_PARAM_LENGTH = 100;

/** A path parameter, already URL-encoded. */
const pathParam = (pool: readonly string[]): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...pool) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }) },
      { weight: 1, arbitrary: fc.constantFrom('..', '%', '\u0000', ' ', 'x'.repeat(65), '__proto__', 'constructor') },
    )
    .map(encodeURIComponent)
    .filter((encoded) => encoded.length <= MAX_PARAM_LENGTH);

async function send(
  method: string,
  url: string,
  body: unknown,
  enc: Encoding,
  cookie: string | null,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; contentType: string; text: string }> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (cookie) headers.cookie = cookie;
  let payload: string | null = null;
  if (method !== 'GET') {
    if (enc.kind === 'raw-json') {
      headers['content-type'] = 'application/json';
      payload = enc.text;
    } else {
      const json = JSON.stringify(body);
      if (json !== undefined) {
        headers['content-type'] = enc.kind === 'other' ? enc.contentType : 'application/json';
        payload = json;
      }
    }
  }
  const res = await fetch(`${h.url}${url}`, { method, headers, body: payload, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** Why an answer is not acceptable, or null when it is. */
function judgeHttp(key: string, res: { status: number; contentType: string; text: string }): string | null {
  if (res.status >= 500) return `answered ${res.status}: ${res.text.slice(0, 200)}`;
  if (res.status >= 400) {
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      return `error ${res.status} is not JSON: ${res.text.slice(0, 200)}`;
    }
    const parsed = WellFormedError.safeParse(body);
    return parsed.success ? null : `error ${res.status} is not {code, message}: ${res.text.slice(0, 200)}`;
  }
  if (res.status < 200 || res.status >= 300) return `unexpected status ${res.status}`;
  // CSV exports and the like: any text will do.
  if (!res.contentType.includes('json')) return null;
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    return `success with a body that is not JSON: ${res.text.slice(0, 200)}`;
  }
  const schema = SUCCESS[key];
  if (!schema) return null;
  const parsed = schema.safeParse(body);
  return parsed.success
    ? null
    : `success of the wrong shape: ${parsed.error.issues[0]?.message}: ${res.text.slice(0, 200)}`;
}

function poolFor(route: RouteInfo): string[] {
  if (route.url.startsWith('/api/patients/'))
    return [...spareSessions.map((s) => s.patient.id), fuzzSession.patient.id];
  // Writes never touch the fuzzed monitor's session, so its binding (and the reading check) holds.
  if (route.url.endsWith('/transition')) return transitionSessions.map((s) => s.id);
  if (route.method !== 'GET') return spareSessions.map((s) => s.id);
  return [fuzzSession.id, alarmSession.id, ...spareSessions.map((s) => s.id), ...transitionSessions.map((s) => s.id)];
}

function httpCase(route: RouteInfo): fc.Arbitrary<{ url: string; input: Case<unknown>; enc: Encoding }> {
  const key = `${route.method} ${route.url}`;
  const valid = validInput(key) ?? fc.constant({});
  const params = (route.url.match(/:[a-zA-Z]+/g) ?? []).map(() => pathParam(poolFor(route)));
  return fc.record({
    url: fc.tuple(...params).map((values) => {
      let i = 0;
      return route.url.replace(/:[a-zA-Z]+/g, () => values[i++] ?? '');
    }),
    input: cases(valid, route.method === 'GET' ? URL_SIZES : BODY_SIZES),
    enc: route.method === 'GET' ? fc.constant<Encoding>({ kind: 'json' }) : encoding,
  });
}

// ───────────────────────── sockets ─────────────────────────

/** An independent oracle: would this reading, as received, be acceptable at all? */
function acceptableReading(raw: unknown, now: number): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const r = raw as Record<string, unknown>;
  const v = VitalCode.safeParse(r.vital);
  if (!v.success || typeof r.value !== 'number' || !Number.isFinite(r.value)) return false;
  const { min, max } = VITALS[v.data].plausible;
  return (
    r.value >= min &&
    r.value <= max &&
    typeof r.seq === 'number' &&
    Number.isSafeInteger(r.seq) &&
    r.seq >= 0 &&
    typeof r.measuredAt === 'number' &&
    Number.isSafeInteger(r.measuredAt) &&
    r.measuredAt <= now + 60_000 &&
    r.measuredAt >= now - 24 * 3_600_000 - 60_000
  );
}

const validReading = fc
  .record({
    // Mostly fresh seqs; a few from a small range, so resends (duplicate) and reuses (seq_conflict) happen too.
    seq: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 100, max: 2 ** 40 }) }, fc.integer({ min: 0, max: 30 })),
    vv: vitalAndValue,
    ageMs: fc.integer({ min: 0, max: 600_000 }),
  })
  .map(({ seq, vv, ageMs }) => ({ seq, vital: vv.vital, value: vv.value, measuredAt: startedAt - ageMs }));
/** Mostly small batches; some around the 500-reading limit. */
const validBatch = fc
  .oneof(
    { weight: 9, arbitrary: fc.array(validReading, { minLength: 1, maxLength: 5 }) },
    { weight: 1, arbitrary: fc.array(validReading, { minLength: 499, maxLength: 502 }) },
  )
  .map((readings) => ({ protocolVersion: 1, readings }));

type DashboardEvent = keyof DashboardToServerEvents;

function validDashboardInput(event: DashboardEvent): fc.Arbitrary<unknown> {
  switch (event) {
    case 'session:watch':
      return fc.record(
        {
          sessionId: fc.constantFrom(fuzzSession.id, alarmSession.id),
          afterReadingId: fc.nat(),
          windowMs: fc.integer({ min: 1, max: 24 * 3_600_000 }),
        },
        { requiredKeys: ['sessionId'] },
      );
    case 'session:unwatch':
      return fc.record({ sessionId: fc.constantFrom(fuzzSession.id, alarmSession.id) });
    case 'ward:watch':
      return fc.constant({});
    case 'alarm:acknowledge':
      return fc.record({ sessionId: fc.constant(alarmSession.id), alarmId: fc.constant(alarmId) });
    case 'alarm:pause-audio':
      return fc.record(
        { sessionId: fc.constant(alarmSession.id), alarmId: fc.constant(alarmId) },
        { requiredKeys: ['sessionId'] },
      );
  }
}

const DASHBOARD_SUCCESS: Record<DashboardEvent, z.ZodType> = {
  'session:watch': z.object({
    session: Session,
    readings: z.array(Reading),
    alarms: z.array(Alarm),
    serverTime: z.number(),
  }),
  'session:unwatch': z.null(),
  'ward:watch': z.object({ sessions: z.array(Session), alarms: z.array(Alarm) }),
  'alarm:acknowledge': Alarm.nullable(),
  'alarm:pause-audio': z.array(Alarm),
};

/** Why an acknowledgement is not acceptable, or null. */
function judgeAck(ack: unknown, success: z.ZodType): string | null {
  if (typeof ack !== 'object' || ack === null || !('ok' in ack))
    return `not an Ack: ${JSON.stringify(ack)?.slice(0, 200)}`;
  if (ack.ok === false) {
    const parsed = WellFormedError.safeParse((ack as { error?: unknown }).error);
    if (!parsed.success) return `malformed error: ${JSON.stringify(ack).slice(0, 200)}`;
    if (parsed.data.code === ERROR_CODES.internal) return `internal error: ${JSON.stringify(ack)}`;
    return null;
  }
  if (ack.ok !== true || !('data' in ack)) return `malformed Ack: ${JSON.stringify(ack).slice(0, 200)}`;
  const parsed = success.safeParse(ack.data);
  return parsed.success ? null : `success of the wrong shape: ${parsed.error.issues[0]?.message}`;
}

/** A failed property's report, shrunk, with the seed to replay it. */
function report<Ts>(name: string, details: fc.RunDetails<Ts>): string | null {
  return details.failed ? `${name}: ${fc.defaultReportMessage(details) ?? 'failed'}` : null;
}

// ───────────────────────── the properties ─────────────────────────

describe('fuzzing every input the server takes', () => {
  it(
    'HTTP: every route answers bad bodies, queries and params with 4xx {code, message}, never 5xx',
    { timeout: 60_000 },
    async () => {
      const routes = h.server.routes.filter((r) => r.url.startsWith('/api/'));
      const failures: string[] = [];
      const untemplated: string[] = [];
      for (const [index, route] of routes.entries()) {
        const key = `${route.method} ${route.url}`;
        if (!validInput(key) && (route.method !== 'GET' || route.url.includes('readings'))) untemplated.push(key);
        // Sign-out would end the admin's sign-in the other cases use: it is fuzzed signed out.
        const cookie = key === 'POST /api/auth/logout' ? null : h.adminCookie;
        const runs = SCRYPT_ROUTES.has(key) ? HTTP_RUNS_SCRYPT : HTTP_RUNS;
        const details = await fc.check(
          fc.asyncProperty(httpCase(route), async ({ url, input, enc }) => {
            const payload = payloadOf(input);
            const target = route.method === 'GET' ? `${url}${queryString(payload)}` : url;
            tally.http++;
            const res = await send(route.method, target, payload, enc, cookie);
            countStatus(res.status);
            const problem = judgeHttp(key, res);
            if (problem) throw new Error(`${route.method} ${target.slice(0, 200)} → ${problem}`);
            if (!(await healthy()))
              throw new Error(`server stopped answering after ${route.method} ${target.slice(0, 200)}`);
          }),
          { seed: SEED + index, numRuns: runs, endOnFailure: true, includeErrorInReport: true },
        );
        const failed = report(key, details);
        if (failed) failures.push(failed);
      }
      if (untemplated.length > 0) console.warn(`fuzz: routes fuzzed with random input only: ${untemplated.join(', ')}`);
      expect(failures).toEqual([]);
    },
  );

  it('HTTP: a write with any Origin header is answered 403 or 2xx/4xx, never 5xx', { timeout: 20_000 }, async () => {
    const writes = h.server.routes.filter(
      (r) => r.url.startsWith('/api/') && r.method !== 'GET' && !r.url.includes(':'),
    );
    const details = await fc.check(
      fc.asyncProperty(
        fc.constantFrom(...writes),
        fc.oneof(fc.constantFrom('null', 'garbage', 'http://', 'file://', 'http://[::1'), fc.string({ maxLength: 30 })),
        async (route, origin) => {
          tally.httpTargeted++;
          // Bodies that fail validation: only the origin check is under test here.
          const res = await send(route.method, route.url, { fuzz: true }, { kind: 'json' }, h.adminCookie, { origin });
          const problem = judgeHttp(`${route.method} ${route.url}`, res);
          if (problem) throw new Error(`Origin ${JSON.stringify(origin)} on ${route.method} ${route.url} → ${problem}`);
        },
      ),
      { seed: SEED, numRuns: ORIGIN_RUNS, includeErrorInReport: true },
    );
    expect(report('Origin header', details)).toBeNull();
  });

  it('HTTP: a path the router refuses (parameter over 100 characters, broken %-escape) gets the API error shape', async () => {
    const routesWithParams = h.server.routes.filter((r) => r.url.startsWith('/api/') && r.url.includes(':'));
    const details = await fc.check(
      fc.asyncProperty(
        fc.constantFrom(...routesWithParams),
        fc.oneof(
          fc.string({ minLength: MAX_PARAM_LENGTH + 1, maxLength: 300 }).map(encodeURIComponent),
          fc
            .tuple(fc.string({ maxLength: 10 }), fc.constantFrom('%', '%z', '%zz', '%E0%A4%A', '%ff'))
            .map(([s, broken]) => `${encodeURIComponent(s)}${broken}`),
        ),
        async (route, param) => {
          tally.httpTargeted++;
          const url = route.url.replace(/:[a-zA-Z]+/g, param);
          const res = await send(route.method, url, {}, { kind: 'json' }, h.adminCookie);
          const problem = judgeHttp(`${route.method} ${route.url}`, res);
          if (problem) throw new Error(`${route.method} ${url.slice(0, 120)} → ${problem}`);
        },
      ),
      { seed: SEED, numRuns: ROUTER_RUNS, includeErrorInReport: true },
    );
    expect(report('router-refused paths', details)).toBeNull();
  });

  it(
    'monitor socket: readings:batch with any payload is answered with a well-formed Ack',
    { timeout: 30_000 },
    async () => {
      const details = await fc.check(
        fc.asyncProperty(
          cases(validBatch, SOCKET_SIZES),
          fc.constantFrom<'ack' | 'no-ack' | 'non-function'>('ack', 'ack', 'ack', 'ack', 'no-ack', 'non-function'),
          async (input, mode) => {
            const payload = payloadOf(input);
            tally.socket++;
            tally.socketEvents.set('readings:batch', (tally.socketEvents.get('readings:batch') ?? 0) + 1);
            const emit = deviceSocket.emit.bind(deviceSocket) as (
              ev: keyof DeviceToServerEvents,
              ...args: unknown[]
            ) => void;
            if (mode !== 'ack') {
              // Nobody waits for this one: the server must drop it quietly.
              emit('readings:batch', payload, ...(mode === 'non-function' ? ['not a callback'] : []));
              return;
            }
            const sentAt = Date.now();
            const ack: unknown = await deviceSocket.timeout(10_000).emitWithAck('readings:batch', payload);
            const problem = judgeAck(ack, BatchResult);
            if (problem) throw new Error(problem);
            const ok = ack as { ok: boolean; data?: BatchResult };
            if (!ok.ok || !ok.data) return;
            // What the server received is the JSON of what we sent (NaN and Infinity become null).
            const received = JSON.parse(JSON.stringify(payload)) as { readings: unknown[] };
            if (ok.data.results.length !== received.readings.length) throw new Error('one result per reading broken');
            ok.data.results.forEach((result, i) => {
              const raw = received.readings[i];
              if (result.status === 'rejected') return;
              if (!acceptableReading(raw, sentAt))
                throw new Error(`${result.status} an unacceptable reading ${JSON.stringify(raw)}`);
              const r = raw as { seq: number; vital: string; value: number; measuredAt: number };
              if (result.seq !== r.seq) throw new Error(`result seq ${result.seq} for reading seq ${r.seq}`);
              if (result.status === 'accepted') {
                if (acceptedBySeq.has(r.seq)) throw new Error(`seq ${r.seq} accepted twice`);
                acceptedBySeq.set(r.seq, { vital: r.vital, value: r.value, measuredAt: r.measuredAt });
              } else if (!acceptedBySeq.has(r.seq))
                throw new Error(`seq ${r.seq} called a duplicate but never accepted`);
            });
          },
        ),
        { seed: SEED, numRuns: SOCKET_RUNS, includeErrorInReport: true },
      );
      expect(report('readings:batch', details)).toBeNull();
      expect(deviceSocket.connected, 'the fuzzed monitor was disconnected').toBe(true);
      expect(await healthy()).toBe(true);
    },
  );

  const dashboardEvents: DashboardEvent[] = [
    'session:watch',
    'session:unwatch',
    'ward:watch',
    'alarm:acknowledge',
    'alarm:pause-audio',
  ];
  it(
    'dashboard socket: every event with any payload is answered with a well-formed Ack',
    { timeout: 30_000 },
    async () => {
      const failures: string[] = [];
      for (const [index, event] of dashboardEvents.entries()) {
        const details = await fc.check(
          fc.asyncProperty(cases(validDashboardInput(event), SOCKET_SIZES), async (input) => {
            const payload = payloadOf(input);
            tally.socket++;
            tally.socketEvents.set(event, (tally.socketEvents.get(event) ?? 0) + 1);
            const ack: unknown = await dashboardSocket.timeout(10_000).emitWithAck(event, payload);
            const problem = judgeAck(ack, DASHBOARD_SUCCESS[event]);
            if (problem) throw new Error(`${event} ${JSON.stringify(payload)?.slice(0, 200)} → ${problem}`);
          }),
          { seed: SEED + 100 + index, numRuns: SOCKET_RUNS, includeErrorInReport: true },
        );
        const failed = report(event, details);
        if (failed) failures.push(failed);
      }
      expect(failures).toEqual([]);
      expect(dashboardSocket.connected, 'the fuzzed dashboard was disconnected').toBe(true);
      expect(await healthy()).toBe(true);
    },
  );

  it('nothing invalid was stored, and exactly the accepted readings were', async () => {
    // Let any group commit still queued finish.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const db = openReadonly(h.databaseFile);
    try {
      const readings = readingProblems(db);
      const sessions = sessionProblems(db);
      const alarms = alarmProblems(db);
      expect(readings.problems).toEqual([]);
      expect(sessions.problems).toEqual([]);
      expect(alarms.problems).toEqual([]);
      expect(duplicateDeviceSeqs(db)).toEqual([]);
      const stored = deviceReadings(db, fuzzDeviceId);
      const mismatched = [...acceptedBySeq].filter(([seq, sent]) => {
        const row = stored.get(seq);
        return !row || row.vital !== sent.vital || row.value !== sent.value || row.measuredAt !== sent.measuredAt;
      });
      expect(mismatched.slice(0, 5)).toEqual([]);
      expect(stored.size).toBe(acceptedBySeq.size);
      const status = [...tally.httpStatus].map(([k, n]) => `${k} ${n}`).join(', ');
      const events = [...tally.socketEvents].map(([k, n]) => `${k} ${n}`).join(', ');
      console.log(
        `fuzz (seed ${SEED}): ${tally.http + tally.httpTargeted + tally.socket} cases — HTTP ${tally.http} over ` +
          `${h.server.routes.filter((r) => r.url.startsWith('/api/')).length} routes (${status}), ` +
          `HTTP Origin/router ${tally.httpTargeted}, socket ${tally.socket} (${events}); ` +
          `server up after every case; rows checked: readings ${readings.checked}, ` +
          `sessions ${sessions.checked}, alarm rows ${alarms.checked}; fuzzed monitor readings accepted and stored ${stored.size}`,
      );
    } finally {
      db.close();
    }
  });
});
