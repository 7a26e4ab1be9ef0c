/**
 * The monitor simulator: simulated patients, monitors that stream them to the server, and
 * the provisioning that sets up chairs through the HTTP API. Used by the CLI, the server's
 * demo mode, the end-to-end tests and the benchmarks.
 */
export {
  KETAMINE_OFFSET_SEC,
  KETAMINE_ONSET_SEC,
  PatientModelConfig,
  SIMULATED_EVENT_TYPES,
  SIMULATED_VITALS,
  SimulatedEvent,
  SimulatedEventType,
  createPatientModel,
  ketamineEffect,
  type PatientModel,
  type PatientModelConfigInput,
  type SimulatedVital,
  type VitalSample,
} from './physiology.js';
export { SimulatedMonitor, type MonitorStats, type SimulatedMonitorOptions, type TriggerInput } from './monitor.js';
export {
  ProvisionError,
  patientSeed,
  provisionSessions,
  type FetchLike,
  type ProvisionOptions,
  type ProvisionedSession,
} from './provision.js';
export { createRng, gaussian, hash32, mulberry32, type Rng } from './random.js';
