import { z } from 'zod';
import { BatchResult, DeviceAuth, DeviceReading, ReadingBatch, ApiError } from '@infusion/shared';

/**
 * JSON Schemas of the device protocol, generated from the same zod schemas the server
 * parses with, so the integration guide cannot drift from the code.
 */
export function deviceProtocolSchemas(): Record<string, unknown> {
  const batch = ReadingBatch.extend({ readings: z.array(DeviceReading).min(1).max(500) });
  return {
    'Handshake auth': z.toJSONSchema(DeviceAuth),
    'readings:batch payload': z.toJSONSchema(batch),
    'readings:batch acknowledgement (ok)': z.toJSONSchema(z.object({ ok: z.literal(true), data: BatchResult })),
    'readings:batch acknowledgement (refused)': z.toJSONSchema(z.object({ ok: z.literal(false), error: ApiError })),
  };
}

export const SCHEMA_START = '<!-- generated:json-schemas:start -->';
export const SCHEMA_END = '<!-- generated:json-schemas:end -->';

/** The generated section of docs/device-protocol.md. */
export function renderSchemaSection(): string {
  const parts = Object.entries(deviceProtocolSchemas()).map(
    ([title, schema]) => `### ${title}\n\n\`\`\`json\n${JSON.stringify(schema, null, 2)}\n\`\`\``,
  );
  return `${SCHEMA_START}\n${parts.join('\n\n')}\n${SCHEMA_END}`;
}

/** Replaces the generated section of a document. */
export function withSchemaSection(doc: string): string {
  const start = doc.indexOf(SCHEMA_START);
  const end = doc.indexOf(SCHEMA_END);
  if (start < 0 || end < 0) throw new Error('docs/device-protocol.md has lost its generated-section markers');
  return doc.slice(0, start) + renderSchemaSection() + doc.slice(end + SCHEMA_END.length);
}
