// Regenerates the JSON Schema section of docs/device-protocol.md: `npm run docs:protocol`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withSchemaSection } from './json-schemas.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/device-protocol.md');
fs.writeFileSync(file, withSchemaSection(fs.readFileSync(file, 'utf8')));
console.log(`updated ${file}`);
