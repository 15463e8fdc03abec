/**
 * Reconnect timing: capped exponential back-off (1 s, 2 s, 4 s … 60 s), reset once a connection worked, and a
 * sleep that `stop()` can cut short so no timer outlives the source.
 */
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 60_000;

export class Backoff {
  #next = FIRST_DELAY_MS;

  /** The delay to wait now; the following one doubles, up to the cap. */
  take(): number {
    const d = this.#next;
    this.#next = Math.min(this.#next * 2, MAX_DELAY_MS);
    return d;
  }

  reset(): void {
    this.#next = FIRST_DELAY_MS;
  }
}

/** A wake-up signal: `wait(ms)` resolves after ms or at the next `notify()`, whichever comes first. */
export class Signal {
  #waiters: (() => void)[] = [];

  notify(): void {
    const w = this.#waiters;
    this.#waiters = [];
    for (const resolve of w) resolve();
  }

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#waiters = this.#waiters.filter((w) => w !== done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.#waiters.push(done);
    });
  }
}
