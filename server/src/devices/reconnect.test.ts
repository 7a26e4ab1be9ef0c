import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.js';

let harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses) await h.close().catch(() => {});
  harnesses = [];
});

describe('after a restart', () => {
  it('reports a monitor that was streaming before and has not come back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infusion-reconnect-'));
    const first = await startHarness({ dir });
    harnesses.push(first);
    const device = await first.registerDevice();
    const session = await first.createSession();
    await first.bind(session.id, device.id);
    const socket = await first.device(device.token);
    await socket.emitWithAck('readings:batch', {
      protocolVersion: 1,
      readings: [{ seq: 1, vital: 'hr', value: 70, measuredAt: Date.now() }],
    });
    await first.close();
    harnesses = [];

    const second = await startHarness({ dir, monitorReconnectGraceMs: 200 });
    harnesses.push(second);
    expect(second.server.ward.alarmsFor(session.id)).toEqual([]);
    await new Promise((r) => setTimeout(r, 600));
    expect(second.server.ward.alarmsFor(session.id)).toEqual([
      expect.objectContaining({ condition: 'device.disconnected', kind: 'technical', message: 'Monitor disconnected' }),
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
