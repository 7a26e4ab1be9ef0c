/**
 * The server's clock as seen from this screen. Data age is measured against the server's
 * time, not the screen's, so a workstation whose clock is minutes off still tells fresh
 * from stale.
 *
 * Each sample is `serverTime − localArrival`, which is the true offset minus the message's
 * transit time. The largest recent sample is therefore the closest estimate; keeping only a
 * window of them lets the estimate follow a clock that is corrected.
 */
export class ServerClock {
  private samples: number[] = [];

  constructor(private readonly windowSize = 10) {}

  /** Records a server time read off a message that arrived at `localArrival`. */
  addSample(serverTime: number, localArrival: number): void {
    this.samples.push(serverTime - localArrival);
    if (this.samples.length > this.windowSize) this.samples.shift();
  }

  /** Whether any server time has been seen yet. */
  get synced(): boolean {
    return this.samples.length > 0;
  }

  /** Milliseconds to add to the local clock to get the server's; 0 before any sample. */
  get offsetMs(): number {
    return this.samples.length === 0 ? 0 : Math.max(...this.samples);
  }

  /** The server's time at local time `localNow`. */
  now(localNow: number): number {
    return localNow + this.offsetMs;
  }
}
