// When the server process dies, restart it unless it keeps dying: more than `maxCrashes`
// within `windowMs` means something is wrong that a restart will not fix (a bad binary, a
// broken setting), and the user is asked instead. Pure; the clock is passed in.
export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly maxCrashes = 4,
    private readonly windowMs = 3 * 60 * 1000,
  ) {}

  // Records a crash at `now` and says whether to restart.
  shouldRestart(now: number): boolean {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    return this.crashes.length <= this.maxCrashes;
  }

  // A restart the user asked for starts with a clean slate.
  reset(): void {
    this.crashes = [];
  }
}
