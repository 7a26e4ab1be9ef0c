/**
 * Command-line arguments of the simulator, parsed and validated apart from `cli.ts` so
 * they can be tested without starting anything.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SIMULATED_EVENT_TYPES, type SimulatedEventType } from './physiology.js';

/** Usage text printed by `--help` and after an argument error. */
export const USAGE = `Usage: npm run simulate -- [options]

Registers monitors, opens infusing sessions bound to them, and streams simulated vitals
until interrupted (Ctrl-C). Prints a JSON status line every 10 s.

Options:
  --sessions N          chairs to simulate (1-200, default 4)
  --seed S              seed for patients and physiology (integer >= 0, default 1)
  --rate HZ             samples per second per monitor (0.1-50, default 1)
  --server URL          server base URL (default http://localhost:3000)
  --script EVENT        type@atSec+durationSec[/chair], repeatable; times count from start,
                        chair is 1-based (default: every chair). Types: ${SIMULATED_EVENT_TYPES.join(', ')}
                        e.g. --script desaturation@60+90 --script hypertensive-surge@300+120/2
  --start-elapsed SEC   begin this many seconds into the infusion (default 0)
  --duration MIN        planned infusion length in minutes (1-600, default 40)
  --header "NAME: VAL"  extra HTTP header for the API calls (e.g. a cookie), repeatable
  --status-every SEC    seconds between status lines (1-3600, default 10)
  --help                show this text
`;

/** A scripted event from `--script`, before it is placed on a chair's timeline. */
export interface ScriptedEvent {
  type: SimulatedEventType;
  /** Seconds after the simulator starts. */
  atSec: number;
  durationSec: number;
  /** 0-based chair index, or null for every chair. */
  chair: number | null;
}

/** Validated command-line options. */
export interface CliOptions {
  sessions: number;
  seed: number;
  rate: number;
  server: string;
  scripts: ScriptedEvent[];
  startElapsedSec: number;
  durationMin: number;
  headers: Record<string, string>;
  statusEverySec: number;
}

/** Outcome of parsing: options, a request for help, or an error message for the user. */
export type CliParseResult =
  { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'error'; message: string };

const SCRIPT_PATTERN = /^([a-z-]+)@(\d+(?:\.\d+)?)\+(\d+(?:\.\d+)?)(?:\/(\d+))?$/;

/** A number typed on the command line; zod's own wording is kept for range errors. */
const numeric = (): z.ZodCoercedNumber =>
  z.coerce.number({
    error: (issue) => {
      if (issue.code !== 'invalid_type') return undefined;
      return issue.expected === 'int' ? 'must be a whole number' : 'must be a number';
    },
  });

const ScriptArg = z.string().transform((text, ctx): ScriptedEvent => {
  const match = SCRIPT_PATTERN.exec(text.trim());
  const type = SIMULATED_EVENT_TYPES.find((t) => t === match?.[1]);
  if (!match || !type) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is not type@atSec+durationSec[/chair] with type one of ${SIMULATED_EVENT_TYPES.join(', ')}`,
    });
    return z.NEVER;
  }
  const durationSec = Number(match[3]);
  if (durationSec <= 0) {
    ctx.addIssue({ code: 'custom', message: `"${text}": duration must be positive` });
    return z.NEVER;
  }
  const chair = match[4] === undefined ? null : Number(match[4]) - 1;
  if (chair !== null && chair < 0) {
    ctx.addIssue({ code: 'custom', message: `"${text}": chairs are numbered from 1` });
    return z.NEVER;
  }
  return { type, atSec: Number(match[2]), durationSec, chair };
});

const HeaderArg = z.string().transform((text, ctx): [string, string] => {
  const colon = text.indexOf(':');
  const name = colon > 0 ? text.slice(0, colon).trim() : '';
  if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not "Name: value"` });
    return z.NEVER;
  }
  return [name.toLowerCase(), text.slice(colon + 1).trim()];
});

/** Strings from the command line, checked and converted. Keys are the option names. */
const CliArgs = z
  .object({
    sessions: numeric().int().min(1).max(200).default(4),
    seed: numeric().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
    rate: numeric().min(0.1).max(50).default(1),
    server: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://localhost:3000' })
      .default('http://localhost:3000'),
    script: z.array(ScriptArg).default([]),
    'start-elapsed': numeric()
      .min(0)
      .max(24 * 3600)
      .default(0),
    duration: numeric().int().min(1).max(600).default(40),
    header: z.array(HeaderArg).default([]),
    'status-every': numeric().min(1).max(3600).default(10),
  })
  .superRefine((args, ctx) => {
    args.script.forEach((s, i) => {
      if (s.chair !== null && s.chair >= args.sessions) {
        ctx.addIssue({
          code: 'custom',
          path: ['script', i],
          message: `chair ${s.chair + 1} does not exist with --sessions ${args.sessions}`,
        });
      }
    });
  });

/**
 * Parses `argv` (without the node and script paths).
 * Never throws and never exits: the caller decides what to print and the exit code.
 */
export function parseCliArgs(argv: readonly string[]): CliParseResult {
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        sessions: { type: 'string' },
        seed: { type: 'string' },
        rate: { type: 'string' },
        server: { type: 'string' },
        script: { type: 'string', multiple: true },
        'start-elapsed': { type: 'string' },
        duration: { type: 'string' },
        header: { type: 'string', multiple: true },
        'status-every': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { kind: 'help' };
  const { help: _help, ...rest } = values;

  const parsed = CliArgs.safeParse(rest);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const option = `--${String(issue.path[0] ?? '')}`;
      const given = rest[String(issue.path[0])];
      const shown = typeof given === 'string' ? ` "${given}"` : '';
      return `${option}${shown}: ${issue.message}`;
    });
    return { kind: 'error', message: lines.join('\n') };
  }
  const a = parsed.data;
  return {
    kind: 'run',
    options: {
      sessions: a.sessions,
      seed: a.seed,
      rate: a.rate,
      server: a.server.replace(/\/+$/, ''),
      scripts: a.script,
      startElapsedSec: a['start-elapsed'],
      durationMin: a.duration,
      headers: Object.fromEntries(a.header),
      statusEverySec: a['status-every'],
    },
  };
}
