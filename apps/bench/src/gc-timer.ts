/** Sums garbage-collection pauses, so a phase can report how much of its time went to GC. */
import { PerformanceObserver } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

export class GcTimer {
  #milliseconds = 0;
  readonly #observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.#milliseconds += entry.duration;
  });

  constructor() {
    this.#observer.observe({ entryTypes: ["gc"] });
  }

  /** GC seconds so far. GC entries are delivered from a timer, so this waits for one first. */
  async seconds(): Promise<number> {
    await sleep(20);
    return this.#milliseconds / 1000;
  }

  stop(): void {
    this.#observer.disconnect();
  }
}
