/**
 * Roster as separate processes on one machine, the way it is deployed: hr-sim (`serve`), the
 * coordinator (`token create`, then `serve` on a PGlite data directory), one agent (`register`,
 * then `run`) and a real directory (OpenLDAP, or Samba AD with ROSTER_E2E_DIRECTORY=samba).
 * Every process writes to a log file in one folder; `reportLogs` prints their tails when a test
 * failed and keeps the folder, `close` stops everything and removes it otherwise.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AGENT_ENDPOINT_PATH, type WorkdayJobTemplateOptions, workdayJobTemplate } from "@roster/coordinator";
import { CoordinatorApi, eventually } from "./coordinator-api.js";
import { type E2eDirectory, startE2eDirectory } from "./e2e-directory.js";
import { ENTRY_POINTS, ManagedProcess, runToCompletion } from "./managed-process.js";

export const STACK_DOMAIN = "roster.test";
export const STACK_TENANT = "acme";
export const STACK_CREDENTIALS = { username: "isu_roster@acme", password: "e2e-hr-sim-password" } as const;

export interface ProcessStackOptions {
  /** A short name for the log folder. */
  readonly name: string;
  /** Workers hr-sim generates. */
  readonly workers: number;
  readonly seed?: number;
}

export interface ProcessStack {
  readonly directory: E2eDirectory;
  readonly hrSimUrl: string;
  /** hr-sim's Workday endpoint (v34.0). */
  readonly workdayEndpoint: string;
  readonly coordinatorUrl: string;
  readonly api: CoordinatorApi;
  readonly logDir: string;
  coordinator(): ManagedProcess;
  /** The template job for this stack (hr-sim's endpoint, the directory's OUs). */
  workdayJob(overrides?: Partial<WorkdayJobTemplateOptions>): ReturnType<typeof workdayJobTemplate>;
  /** POST /sim/scenarios/{kind} on hr-sim; throws on a non-2xx answer. */
  scenario<T = { wid: string; workerId: string; effectiveDate: string }>(kind: string, body: unknown): Promise<T>;
  /** kill -9 the coordinator (no shutdown of any kind). */
  killCoordinator(): Promise<void>;
  /** `serve` again on the same data directory and port. */
  restartCoordinator(): Promise<void>;
  /** Prints the tail of every process log (call when a test failed); the folder is then kept. */
  reportLogs(): Promise<void>;
  close(): Promise<void>;
}

export async function startProcessStack(options: ProcessStackOptions): Promise<ProcessStack> {
  const logDir = await mkdtemp(join(tmpdir(), `roster-e2e-${options.name}-`));
  const dataDir = join(logDir, "coordinator-data");
  const agentDir = join(logDir, "agent");
  await mkdir(agentDir, { recursive: true });
  const processes: ManagedProcess[] = [];
  let directory: E2eDirectory | undefined;
  let keepLogs = false;

  const reportLogs = async () => {
    keepLogs = true;
    const sections = await Promise.all(processes.map(async (p) => `===== ${p.name} (${p.logFile}) =====\n${await p.tail()}`));
    console.error(`Process logs kept in ${logDir}\n${sections.join("\n")}`);
  };
  const close = async () => {
    for (const p of [...processes].reverse()) await p.stop().catch(() => undefined);
    await directory?.stop().catch(() => undefined);
    if (!keepLogs) await rm(logDir, { recursive: true, force: true });
  };

  try {
    const hrSim = new ManagedProcess(
      "hr-sim",
      join(logDir, "hr-sim.log"),
      ENTRY_POINTS.hrSim,
      [
        "serve",
        "--port", "0",
        "--workers", String(options.workers),
        "--seed", String(options.seed ?? 11),
        "--tenant", STACK_TENANT,
        "--username", STACK_CREDENTIALS.username,
      ],
      { HRSIM_PASSWORD: STACK_CREDENTIALS.password },
    );
    processes.push(hrSim);
    // The first administrator token comes from the command line, before the server holds the data directory.
    const coordinatorLog = join(logDir, "coordinator.log");
    const [hrSimLine, startedDirectory, tokenRun] = await Promise.all([
      hrSim.waitForLine(/roster-hr-sim listening on (http:\/\/\S+)/, 120_000),
      startE2eDirectory(),
      runToCompletion("token create", coordinatorLog, ENTRY_POINTS.coordinator, [
        "token", "create", "--name", "e2e", "--data-dir", dataDir,
      ], 120_000),
    ]);
    directory = startedDirectory;
    const hrSimUrl = hrSimLine[1]!;
    const adminToken = tokenRun.stdout.trim();
    if (tokenRun.code !== 0 || !adminToken.startsWith("rst_")) {
      throw new Error(`roster-coordinator token create failed (code ${String(tokenRun.code)}); see ${coordinatorLog}`);
    }

    // A fixed port, so a restarted coordinator is found by the agent at the same URL.
    const port = await freePort();
    let coordinator: ManagedProcess | undefined;
    let coordinatorUrl = "";
    const startCoordinator = async () => {
      coordinator = new ManagedProcess("coordinator", coordinatorLog, ENTRY_POINTS.coordinator, [
        "serve", "--data-dir", dataDir, "--port", String(port), "--log-level", "info",
      ]);
      processes.push(coordinator);
      const line = await coordinator.waitForLine(/roster-coordinator listening on (http:\/\/\S+)/, 120_000);
      coordinatorUrl = line[1]!;
    };
    await startCoordinator();
    const api = new CoordinatorApi(() => coordinatorUrl, adminToken);

    // The agent: a one-time token from the API, `register`, then `run` with a config file.
    const agentUrl = `${coordinatorUrl.replace(/^http/, "ws")}${AGENT_ENDPOINT_PATH}`;
    const configFile = join(agentDir, "config.json");
    await writeFile(
      configFile,
      JSON.stringify(
        {
          coordinator: { url: agentUrl, handshakeTimeoutMs: 10_000 },
          stateDir: join(agentDir, "state"),
          domains: [{ name: STACK_DOMAIN, directory: directory.config }],
          concurrency: 8,
          reconnect: { initialDelayMs: 100, maxDelayMs: 1000, jitter: 0.2 },
          logLevel: "info",
        },
        null,
        2,
      ),
      { mode: 0o600 },
    );
    const registration = await api.ok<{ token: string }>("POST", "/agent-tokens", { domain: STACK_DOMAIN });
    const agentLog = join(logDir, "agent.log");
    const registered = await runToCompletion("agent register", agentLog, ENTRY_POINTS.agent, [
      "register", "--config", configFile, "--token", registration.token,
    ]);
    if (registered.code !== 0) throw new Error(`roster-agent register failed (code ${String(registered.code)}); see ${agentLog}`);
    const agent = new ManagedProcess("agent", agentLog, ENTRY_POINTS.agent, ["run", "--config", configFile]);
    processes.push(agent);
    await waitForAgent(api, agent);

    const workdayEndpoint = `${hrSimUrl}/ccx/service/${STACK_TENANT}/Human_Resources/v34.0`;
    const directoryRef = directory;
    return {
      directory,
      hrSimUrl,
      workdayEndpoint,
      get coordinatorUrl() {
        return coordinatorUrl;
      },
      api,
      logDir,
      coordinator: () => coordinator!,
      workdayJob: (overrides = {}) =>
        workdayJobTemplate({
          name: "Workday to directory (e2e)",
          endpoint: workdayEndpoint,
          username: STACK_CREDENTIALS.username,
          password: STACK_CREDENTIALS.password,
          domain: STACK_DOMAIN,
          baseDn: directoryRef.baseDn,
          upnDomain: "roster.test",
          pageSize: 100,
          ...overrides,
        }),
      async scenario<T>(kind: string, body: unknown): Promise<T> {
        const response = await fetch(`${hrSimUrl}/sim/scenarios/${kind}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        const text = await response.text();
        if (!response.ok) throw new Error(`hr-sim scenario ${kind} answered ${response.status}: ${text}`);
        return JSON.parse(text) as T;
      },
      async killCoordinator() {
        await coordinator!.kill();
      },
      async restartCoordinator() {
        await startCoordinator();
        await waitForAgent(api, agent);
      },
      reportLogs,
      close,
    };
  } catch (error) {
    await reportLogs();
    await close();
    throw error;
  }
}

/** Waits until the coordinator lists a connected agent for the stack's domain. */
async function waitForAgent(api: CoordinatorApi, agent: ManagedProcess): Promise<void> {
  await eventually(
    async () => {
      if (agent.hasExited) throw new Error(`the agent exited; see ${agent.logFile}`);
      const answer = await api.call<{ agents: { domains: string[] }[] }>("GET", "/agents").catch(() => null);
      return answer?.body.agents?.some((a) => a.domains.includes(STACK_DOMAIN)) ?? false;
    },
    (connected) => connected,
    "the agent connecting to the coordinator",
    60_000,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
