import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withSchemaSection } from './json-schemas.js';

describe('docs/device-protocol.md', () => {
  it('carries the JSON Schemas of the current zod schemas (run `npm run docs:protocol` after changing them)', () => {
    const doc = fs.readFileSync(new URL('../../../docs/device-protocol.md', import.meta.url), 'utf8');
    expect(withSchemaSection(doc)).toBe(doc);
  });
});
