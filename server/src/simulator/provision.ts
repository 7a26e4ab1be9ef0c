/**
 * Sets up simulated chairs through the public HTTP API, exactly as a clinic's admin would:
 * register a monitor, open an infusion session for a patient, bind the two.
 */
import {
  ApiError,
  RegisteredDevice,
  Session,
  type CreateSessionInput,
  type PayloadIssue,
  type RegisteredDevice as RegisteredDeviceT,
  type Session as SessionT,
} from '@infusion/shared';
import { createPatientModel, type PatientModelConfig } from './physiology.js';
import { createRng, hash32 } from './random.js';

/** The `fetch` the provisioner calls; injectable for tests and for servers under test. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Options of {@link provisionSessions}. */
export interface ProvisionOptions {
  /** Sent with every request, e.g. `{ cookie: 'sid=…' }` or `{ authorization: 'Bearer …' }`. */
  headers?: Record<string, string>;
  /** Planned infusion length; also the simulated infusion's length. Default 40. */
  plannedDurationMin?: number;
  /** Chair names, by index; default `Chair 1`, `Chair 2`, … */
  location?: (index: number) => string;
  /** Model time the infusion starts at. Default 0: the session is created already infusing. */
  infusionStartSec?: number;
}

/** One chair set up by {@link provisionSessions}. */
export interface ProvisionedSession {
  session: SessionT;
  /** The registered monitor, with the token it connects with. */
  device: RegisteredDeviceT;
  /** The simulated patient in that chair; its baseline was sent as the session baseline. */
  model: PatientModelConfig;
}

/** An HTTP API call that did not succeed. */
export class ProvisionError extends Error {
  constructor(
    message: string,
    /** HTTP status, or null when no answer came back. */
    readonly status: number | null,
    /** The API's error code (e.g. `unauthorized`), when it sent one. */
    readonly code: string | null,
    readonly issues: readonly PayloadIssue[] = [],
  ) {
    super(message);
    this.name = 'ProvisionError';
  }
}

const FIRST_NAMES = [
  'Amelia',
  'Oliver',
  'Isla',
  'Noah',
  'Maya',
  'Liam',
  'Sofia',
  'Ethan',
  'Chloe',
  'Lucas',
  'Hannah',
  'Mateo',
  'Grace',
  'Samuel',
  'Aisha',
  'Daniel',
  'Priya',
  'Jonah',
  'Elena',
  'Marcus',
  'Freya',
  'Tomás',
  'Leah',
  'Kenji',
  'Nadia',
  'Owen',
  'Zara',
  'Felix',
  'Ingrid',
  'Ravi',
] as const;

const LAST_NAMES = [
  'Thompson',
  'Okafor',
  'Nguyen',
  'García',
  'Kowalski',
  'Patel',
  'Andersen',
  'Murphy',
  'Haddad',
  'Rossi',
  'Fischer',
  'Kim',
  'Morales',
  'Bennett',
  'Ivanova',
  'Mensah',
  'Sullivan',
  'Costa',
  'Lindqvist',
  'Chen',
  'Walker',
  'Dubois',
  'Novak',
  'Reyes',
  'Yamamoto',
  'Brennan',
  'Osei',
  'Larsen',
  'Silva',
  'Hughes',
] as const;

/** The seed of the patient in chair `index` of a run with `seed`. */
export function patientSeed(seed: number, index: number): number {
  return hash32(seed, index, 0x5eed);
}

function errorFromResponse(what: string, status: number, body: unknown): ProvisionError {
  const parsed = ApiError.safeParse(body);
  if (parsed.success) {
    const { code, message, issues } = parsed.data;
    return new ProvisionError(`${what} failed (HTTP ${status} ${code}): ${message}`, status, code, issues ?? []);
  }
  return new ProvisionError(`${what} failed (HTTP ${status})`, status, null);
}

/**
 * Registers `n` monitors and opens `n` infusing sessions, one per chair, each bound to its
 * monitor. Patients (names, record numbers, weights, physiology) are chosen by `seed`, so a
 * run can be repeated. Stops at the first failing call.
 *
 * @param serverUrl server base URL, e.g. `http://localhost:3000`.
 * @param fetchImpl `fetch` to use (the global one by default).
 * @throws ProvisionError when the server refuses a call or cannot be reached.
 */
export async function provisionSessions(
  serverUrl: string,
  n: number,
  seed: number,
  fetchImpl: FetchLike = fetch,
  options: ProvisionOptions = {},
): Promise<ProvisionedSession[]> {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const base = serverUrl.replace(/\/+$/, '');
  const plannedDurationMin = options.plannedDurationMin ?? 40;
  const location = options.location ?? ((i: number) => `Chair ${i + 1}`);

  async function call<T>(what: string, method: string, path: string, body: unknown, parse: (v: unknown) => T) {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers: { ...options.headers, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ProvisionError(`${what} failed: cannot reach ${base} (${reason})`, null, null);
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // A non-JSON body (a proxy's error page, say) is reported by status alone.
    }
    if (!response.ok) throw errorFromResponse(what, response.status, json);
    try {
      return parse(json);
    } catch {
      throw new ProvisionError(`${what}: unexpected response body from ${method} ${path}`, response.status, null);
    }
  }

  const rng = createRng(hash32(seed, 0x9a71e47));
  const usedMrns = new Set<string>();
  const provisioned: ProvisionedSession[] = [];
  for (let i = 0; i < n; i++) {
    const model = createPatientModel({
      seed: patientSeed(seed, i),
      infusionStartSec: options.infusionStartSec ?? 0,
      infusionDurationSec: plannedDurationMin * 60,
    });
    let mrn: string;
    do {
      mrn = String(rng.int(10_000_000, 99_999_999));
    } while (usedMrns.has(mrn));
    usedMrns.add(mrn);
    const displayName = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    const weightKg = Math.round(rng.range(52, 110) * 10) / 10;
    const chair = location(i);

    const device = await call(
      `Registering the monitor for ${chair}`,
      'POST',
      '/api/devices',
      { label: `Simulated monitor – ${chair}` },
      (v) => RegisteredDevice.parse(v),
    );
    const input: CreateSessionInput = {
      patient: { mrn, displayName, weightKg },
      location: chair,
      plannedDurationMin,
      state: 'infusing',
      // What the simulated patient's monitor showed before the infusion.
      baseline: { ...model.baseline },
    };
    const created = await call(`Creating the session in ${chair}`, 'POST', '/api/sessions', input, (v) =>
      Session.parse(v),
    );
    const session = await call(
      `Binding the monitor to ${chair}`,
      'POST',
      `/api/sessions/${encodeURIComponent(created.id)}/device`,
      { deviceId: device.id },
      (v) => Session.parse(v),
    );
    provisioned.push({ session, device, model: model.config });
  }
  return provisioned;
}
