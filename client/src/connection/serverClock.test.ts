import { describe, expect, it } from 'vitest';
import { ServerClock } from './serverClock';

describe('ServerClock', () => {
  it('reads the local clock until a server time is seen', () => {
    const clock = new ServerClock();
    expect(clock.synced).toBe(false);
    expect(clock.now(1_000)).toBe(1_000);
  });

  it('takes the sample with the least transit time', () => {
    const clock = new ServerClock();
    // Server is 5 000 ms ahead; messages took 40, 5 and 120 ms.
    clock.addSample(10_000, 5_040);
    clock.addSample(11_000, 6_005);
    clock.addSample(12_000, 7_120);
    expect(clock.offsetMs).toBe(4_995);
    expect(clock.now(8_000)).toBe(12_995);
  });

  it('forgets old samples, so a corrected clock is followed', () => {
    const clock = new ServerClock(3);
    clock.addSample(10_000, 0); // offset 10 000
    clock.addSample(2_000, 1_000);
    clock.addSample(3_000, 2_000);
    expect(clock.offsetMs).toBe(10_000);
    clock.addSample(4_000, 3_000);
    expect(clock.offsetMs).toBe(1_000);
  });

  it('handles a server behind the screen', () => {
    const clock = new ServerClock();
    clock.addSample(1_000, 61_000);
    expect(clock.now(61_000)).toBe(1_000);
  });
});
