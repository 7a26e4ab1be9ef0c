import { z } from 'zod';

/** Version of the device and dashboard wire protocol; bumped on a breaking change. */
export const PROTOCOL_VERSION = 1;

/**
 * Why a single reading in a batch was rejected. Stable strings: device integrators
 * switch on them.
 */
export const REJECTION_REASONS = {
  malformed: 'malformed',
  unknownVital: 'unknown_vital',
  notAFiniteNumber: 'not_a_finite_number',
  outOfPlausibleRange: 'out_of_plausible_range',
  timestampInFuture: 'timestamp_in_future',
  timestampTooOld: 'timestamp_too_old',
  deviceNotBound: 'device_not_bound',
  sessionNotMonitoring: 'session_not_monitoring',
  seqConflict: 'seq_conflict',
} as const;
export const RejectionReason = z.enum(REJECTION_REASONS);
export type RejectionReason = (typeof REJECTION_REASONS)[keyof typeof REJECTION_REASONS];

/** Why a whole request (HTTP or socket message) was refused. */
export const ERROR_CODES = {
  invalidPayload: 'invalid_payload',
  payloadTooLarge: 'payload_too_large',
  unsupportedProtocol: 'unsupported_protocol',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not_found',
  conflict: 'conflict',
  illegalTransition: 'illegal_transition',
  rateLimited: 'rate_limited',
  internal: 'internal_error',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** One problem found in a payload, pointing at the field. */
export const PayloadIssue = z.object({
  path: z.string(),
  message: z.string(),
});
export type PayloadIssue = z.infer<typeof PayloadIssue>;

/** The error half of every acknowledgement and HTTP error body. */
export const ApiError = z.object({
  code: z.string(),
  message: z.string(),
  issues: z.array(PayloadIssue).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/** Acknowledgement of a socket message: a tagged union, never a thrown error. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** Turns zod issues into the flat `{ path, message }` list sent to callers. */
export function toPayloadIssues(error: z.ZodError): PayloadIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
}

/** Builds the error acknowledgement for a payload that failed its schema. */
export function invalidPayload(error: z.ZodError, what: string): { ok: false; error: ApiError } {
  const issues = toPayloadIssues(error);
  const first = issues[0];
  return {
    ok: false,
    error: {
      code: ERROR_CODES.invalidPayload,
      message: first ? `Invalid ${what}: ${first.path}: ${first.message}` : `Invalid ${what}`,
      issues,
    },
  };
}
