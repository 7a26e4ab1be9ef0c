import type { FastifyInstance } from 'fastify';
import { ERROR_CODES, toPayloadIssues, type ApiError, type ErrorCode } from '@infusion/shared';
import type { z } from 'zod';

/** An error whose message is meant for the caller. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ApiError['issues'],
  ) {
    super(message);
  }
}

/** Parses outside input with a shared schema, or throws a 400 naming the first bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = toPayloadIssues(parsed.error);
  const first = issues[0];
  throw new HttpError(
    400,
    ERROR_CODES.invalidPayload,
    first ? `Invalid ${what}: ${first.path}: ${first.message}` : `Invalid ${what}`,
    issues,
  );
}

/** One error handler: 4xx messages go to the caller, 5xx details stay in the log. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof HttpError) {
      const body: ApiError = { code: error.code, message: error.message };
      if (error.issues) body.issues = error.issues;
      return reply.status(error.statusCode).send(body);
    }
    const e = error as { statusCode?: number; code?: string; message?: string };
    if (e.statusCode === 413 || e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({ code: ERROR_CODES.payloadTooLarge, message: 'request body too large' });
    }
    if (e.statusCode === 429) {
      return reply.status(429).send({ code: ERROR_CODES.rateLimited, message: e.message ?? 'too many requests' });
    }
    if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.status(e.statusCode).send({ code: ERROR_CODES.invalidPayload, message: e.message ?? 'bad request' });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ code: ERROR_CODES.internal, message: 'internal server error' });
  });
}
