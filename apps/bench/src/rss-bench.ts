/**
 * P4: peak RSS of the coordinator and of the agent, each its own process (hr-sim a third one),
 * over an initial cycle and an incremental cycle of N workers into a private OpenLDAP. The same
 * run gives the initial cycle's rate with separate processes, and can have the coordinator write
 * a V8 CPU profile (--cpu-prof) that holds only coordinator time.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { AGENT_ENDPOINT_PATH, templateOus, workdayJobTemplate } from "@roster/coordinator";
import { startOpenLdap } from "@roster/directory/test-support";
import { type RawAddResult, runRawAdds } from "./cycle-bench.js";
import { waitForWritebacks } from "./incremental-bench.js";
import { ENTRY_POINTS, processCpuSeconds, RosterChild, runToCompletion } from "./child-process.js";
import { type CycleView, RosterApi } from "./roster-api.js";
import { withUniqueIdentifiers } from "./unique-names.js";

const DOMAIN = "roster.test";
const BASE_DN = "dc=roster,dc=test";
const TENANT = "acme";
const CREDENTIALS = { username: "isu_roster@acme", password: "bench-hr-sim-password" } as const;
const MEMORY_SAMPLE_MS = 250;
const AGENT_CONCURRENCY = 8;

export interface ProcessMemory {
  /** RSS once started and idle, before any job (runtime, tsx, PGlite). */
  readonly startRssMiB: number;
  readonly peakRssMiB: number;
  /** RSS after the cycles, when the process is idle again. */
  readonly finalRssMiB: number;
}

export interface RssBenchResult {
  readonly workers: number;
  readonly measuredAt: string;
  readonly initialSeconds: number;
  readonly initialWorkersPerSecond: number;
  readonly initialCounts: CycleView["counts"];
  /** CPU seconds each process used during the initial cycle (2 cores: at most 2 × initialSeconds in all). */
  readonly initialCpuSeconds: ProcessCpu;
  readonly coordinator: ProcessMemory;
  readonly agent: ProcessMemory;
  readonly hrSim: ProcessMemory;
  /** Raw ldapts adds into the same slapd after the cycles, with the agent's concurrency. */
  readonly raw?: RawAddResult;
  /** initialWorkersPerSecond / raw adds per second. */
  readonly initialToRawRatio?: number;
  /** Each process's .cpuprofile (whole run), when asked for. */
  readonly profiles?: { readonly coordinator: string; readonly agent: string; readonly hrSim: string };
}

export interface ProcessCpu {
  readonly coordinator: number;
  readonly agent: number;
  readonly hrSim: number;
  readonly slapd: number;
}

export interface RssBenchOptions {
  readonly workers: number;
  readonly sourcePageSize: number;
  /** Raw ldapts adds after the cycles (0: none). */
  readonly rawAdds: number;
  /** Write each process's CPU profile into this folder. */
  readonly profileDir?: string;
  readonly log: (line: string) => void;
}

export async function runRssBench(options: RssBenchOptions): Promise<RssBenchResult> {
  const measuredAt = new Date().toISOString();
  const workDir = await mkdtemp(join(tmpdir(), "roster-bench-rss-"));
  const children: RosterChild[] = [];
  const ldap = await startOpenLdap({ baseDn: BASE_DN, extraOus: templateOus(BASE_DN).slice(1) });
  let keep = false;
  try {
    const dataDir = join(workDir, "coordinator-data");
    const profiles = options.profileDir === undefined ? undefined : {
      coordinator: join(options.profileDir, `coordinator-${options.workers}.cpuprofile`),
      agent: join(options.profileDir, `agent-${options.workers}.cpuprofile`),
      hrSim: join(options.profileDir, `hr-sim-${options.workers}.cpuprofile`),
    };
    const profileFlags = (file: string | undefined) =>
      file === undefined ? [] : ["--cpu-prof", "--cpu-prof-dir", dirname(file), "--cpu-prof-name", basename(file), "--cpu-prof-interval", "1000"];
    const hrSim = new RosterChild("hr-sim", join(workDir, "hr-sim.log"), ENTRY_POINTS.hrSim, [
      "serve", "--port", "0", "--workers", String(options.workers), "--seed", "1",
      "--tenant", TENANT, "--username", CREDENTIALS.username,
    ], { env: { HRSIM_PASSWORD: CREDENTIALS.password }, nodeFlags: profileFlags(profiles?.hrSim) });
    children.push(hrSim);
    const coordinatorLog = join(workDir, "coordinator.log");
    const token = (await runToCompletion("coordinator token create", coordinatorLog, ENTRY_POINTS.coordinator, [
      "token", "create", "--name", "bench", "--data-dir", dataDir,
    ])).stdout.trim();
    const coordinator = new RosterChild("coordinator", coordinatorLog, ENTRY_POINTS.coordinator, [
      "serve", "--data-dir", dataDir, "--port", "0", "--log-level", "warn",
    ], { nodeFlags: profileFlags(profiles?.coordinator) });
    children.push(coordinator);
    const coordinatorUrl = (await coordinator.waitForLine(/roster-coordinator listening on (http:\/\/\S+)/, 120_000))[1]!;
    const api = new RosterApi(coordinatorUrl, token);

    const agentDir = join(workDir, "agent");
    await mkdir(agentDir, { recursive: true });
    const configFile = join(agentDir, "config.json");
    await writeFile(
      configFile,
      JSON.stringify({
        coordinator: { url: `${coordinatorUrl.replace(/^http/, "ws")}${AGENT_ENDPOINT_PATH}`, handshakeTimeoutMs: 10_000 },
        stateDir: join(agentDir, "state"),
        domains: [{ name: DOMAIN, directory: { url: ldap.url, bindDn: ldap.bindDn, password: ldap.password, baseDn: ldap.baseDn, dialect: "openldap" } }],
        concurrency: AGENT_CONCURRENCY,
        logLevel: "warn",
      }),
      { mode: 0o600 },
    );
    const registration = await api.call<{ token: string }>("POST", "/agent-tokens", { domain: DOMAIN });
    const agentLog = join(workDir, "agent.log");
    await runToCompletion("agent register", agentLog, ENTRY_POINTS.agent, ["register", "--config", configFile, "--token", registration.token]);
    const agent = new RosterChild("agent", agentLog, ENTRY_POINTS.agent, ["run", "--config", configFile], { nodeFlags: profileFlags(profiles?.agent) });
    children.push(agent);
    await waitForAgent(api, 60_000);
    const hrSimUrl = (await hrSim.waitForLine(/listening on (http:\/\/\S+)/, 600_000))[1]!;
    options.log(`processes up: coordinator ${coordinator.pid}, agent ${agent.pid}, hr-sim ${hrSim.pid}`);
    const [coordinatorStart, agentStart, hrSimStart] = await Promise.all([coordinator.memory(), agent.memory(), hrSim.memory()]);

    // Sample VmRSS too: VmHWM is exact, the samples only show the shape.
    const jobId = await api.createJob(
      withUniqueIdentifiers(workdayJobTemplate({
        name: "Workday to OpenLDAP (rss bench)",
        endpoint: `${hrSimUrl}/ccx/service/${TENANT}/Human_Resources/v34.0`,
        username: CREDENTIALS.username,
        password: CREDENTIALS.password,
        domain: DOMAIN,
        baseDn: BASE_DN,
        upnDomain: DOMAIN,
        pageSize: options.sourcePageSize,
        intervalMs: 24 * 60 * 60_000,
      }), DOMAIN),
    );
    const cpuNow = async (): Promise<ProcessCpu> => {
      const [c, a, h, l] = await Promise.all([coordinator.cpuSeconds(), agent.cpuSeconds(), hrSim.cpuSeconds(), processCpuSeconds(ldap.pid)]);
      return { coordinator: c, agent: a, hrSim: h, slapd: l };
    };
    const cpuBefore = await cpuNow();
    const started = performance.now();
    await api.startJob(jobId);
    let lastLog = started;
    const initial = await api.waitForCycle(jobId, null, {
      timeoutMs: 60 * 60_000,
      pollMs: MEMORY_SAMPLE_MS,
      onProgress: (processed) => {
        if (performance.now() - lastLog < 15_000) return;
        lastLog = performance.now();
        options.log(`initial cycle (processes): ${processed.toLocaleString("en-US")} workers`);
      },
    });
    const initialSeconds = (performance.now() - started) / 1000;
    const cpuAfter = await cpuNow();
    const initialCpuSeconds: ProcessCpu = {
      coordinator: cpuAfter.coordinator - cpuBefore.coordinator,
      agent: cpuAfter.agent - cpuBefore.agent,
      hrSim: cpuAfter.hrSim - cpuBefore.hrSim,
      slapd: cpuAfter.slapd - cpuBefore.slapd,
    };
    options.log(`CPU seconds during the initial cycle: ${JSON.stringify(initialCpuSeconds)}`);
    options.log(`initial cycle with separate processes: ${initialSeconds.toFixed(1)} s`);
    await api.runCycle(jobId, 10 * 60_000);

    const memoryOf = async (child: RosterChild, start: { readonly rssMiB: number }): Promise<ProcessMemory> => {
      const { peakRssMiB, rssMiB } = await child.memory();
      return { startRssMiB: start.rssMiB, peakRssMiB, finalRssMiB: rssMiB };
    };
    const [coordinatorMemory, agentMemory, hrSimMemory] = await Promise.all([
      memoryOf(coordinator, coordinatorStart),
      memoryOf(agent, agentStart),
      memoryOf(hrSim, hrSimStart),
    ]);

    let raw: RawAddResult | undefined;
    if (options.rawAdds > 0) {
      // After the writebacks that follow the cycles: the raw rate is measured on a quiet server.
      await waitForWritebacks(api, jobId, 60 * 60_000);
      raw = await runRawAdds(ldap, { entries: options.rawAdds, concurrency: AGENT_CONCURRENCY, connections: Math.min(4, AGENT_CONCURRENCY) });
      options.log(`raw ldapts adds: ${Math.round(raw.addsPerSecond)}/s`);
    }

    // A process writes its profile when it exits.
    if (profiles !== undefined) for (const child of [...children].reverse()) await child.stop();
    return {
      workers: options.workers,
      measuredAt,
      initialSeconds,
      initialWorkersPerSecond: options.workers / initialSeconds,
      initialCounts: initial.counts,
      initialCpuSeconds,
      coordinator: coordinatorMemory,
      agent: agentMemory,
      hrSim: hrSimMemory,
      ...(raw === undefined ? {} : { raw, initialToRawRatio: options.workers / initialSeconds / raw.addsPerSecond }),
      ...(profiles === undefined ? {} : { profiles }),
    };
  } catch (error) {
    keep = true;
    options.log(`rss bench failed; process logs kept in ${workDir}`);
    throw error;
  } finally {
    for (const child of children.reverse()) await child.stop().catch(() => undefined);
    await ldap.stop().catch(() => undefined);
    if (!keep) await rm(workDir, { recursive: true, force: true });
  }
}

async function waitForAgent(api: RosterApi, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { agents } = await api.call<{ agents: { domains: string[] }[] }>("GET", "/agents");
    if (agents.some((agent) => agent.domains.includes(DOMAIN))) return;
    if (Date.now() > deadline) throw new Error("the agent did not connect to the coordinator");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
