/**
 * Profiles a stretch of this process with the V8 sampling profiler (the same data as
 * `node --cpu-prof`), so a benchmark can profile only the phase it measures and not the setup.
 */
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import type { CpuProfile } from "./profile-summary.js";

export class CpuProfiler {
  private session: Session | undefined;

  async start(): Promise<void> {
    const session = new Session();
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 500 });
    await session.post("Profiler.start");
    this.session = session;
  }

  /** Stops, writes the .cpuprofile (open it in Chrome DevTools) and returns it. */
  async stop(file: string): Promise<CpuProfile> {
    const session = this.session;
    if (session === undefined) throw new Error("CpuProfiler.stop without start");
    this.session = undefined;
    const { profile } = await session.post("Profiler.stop");
    session.disconnect();
    await writeFile(file, JSON.stringify(profile));
    return profile as unknown as CpuProfile;
  }
}
