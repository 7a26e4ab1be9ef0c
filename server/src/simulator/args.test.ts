import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args.js';

describe('parseCliArgs', () => {
  it('fills in defaults', () => {
    expect(parseCliArgs([])).toEqual({
      kind: 'run',
      options: {
        sessions: 4,
        seed: 1,
        rate: 1,
        server: 'http://localhost:3000',
        scripts: [],
        startElapsedSec: 0,
        durationMin: 40,
        headers: {},
        statusEverySec: 10,
      },
    });
  });

  it('reads every option, including repeated scripts and headers', () => {
    const result = parseCliArgs([
      '--sessions',
      '3',
      '--seed',
      '42',
      '--rate',
      '2.5',
      '--server',
      'http://127.0.0.1:4000/',
      '--script',
      'desaturation@60+90',
      '--script',
      'hypertensive-surge@300+120/2',
      '--header',
      'Cookie: sid=abc',
      '--start-elapsed',
      '600',
    ]);
    expect(result).toMatchObject({
      kind: 'run',
      options: {
        sessions: 3,
        seed: 42,
        rate: 2.5,
        server: 'http://127.0.0.1:4000',
        startElapsedSec: 600,
        headers: { cookie: 'sid=abc' },
        scripts: [
          { type: 'desaturation', atSec: 60, durationSec: 90, chair: null },
          { type: 'hypertensive-surge', atSec: 300, durationSec: 120, chair: 1 },
        ],
      },
    });
  });

  it.each([
    [['--sessions', '0'], /--sessions "0"/],
    [['--sessions', 'many'], /--sessions "many": must be a number/],
    [['--rate=-1'], /--rate "-1": Too small/],
    [['--seed', '1.5'], /--seed "1.5": must be a whole number/],
    [['--server', 'localhost'], /--server "localhost": must be an http\(s\) URL/],
    [['--script', 'seizure@1+2'], /--script: "seizure@1\+2" is not type@atSec\+durationSec/],
    [['--script', 'bradycardia@10+0'], /duration must be positive/],
    [['--sessions', '2', '--script', 'bradycardia@10+5/3'], /chair 3 does not exist with --sessions 2/],
    [['--header', 'no colon'], /is not "Name: value"/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['stray'], /Unexpected argument 'stray'/],
  ])('refuses %j with a clear message', (argv, message) => {
    const result = parseCliArgs(argv);
    expect(result.kind).toBe('error');
    expect(result.kind === 'error' ? result.message : '').toMatch(message);
  });

  it('asks for help', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
  });
});
