/**
 * The roster-hr-sim command line: `serve` runs the simulator, `seed` fills a database with a
 * generated tenant and reports the time taken, `scenario <kind>` plays a business process
 * against a running simulator. Passwords come from flags or HRSIM_PASSWORD and are never printed.
 */
import { Command, InvalidArgumentError, Option } from "commander";
import pino from "pino";
import type { DatabaseOptions } from "@roster/store";
import { generateWorkers } from "../generator/generate-workers.js";
import { tenantToday } from "../model/tenant-time.js";
import { createHrSimServer } from "../server/create-server.js";
import { openHrSimStore } from "../store/worker-store.js";
import type { EndpointFaultsInput } from "../faults/fault-config.js";

const integer = (name: string, min: number, max: number) => (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}.`);
  }
  return parsed;
};
const fraction = (name: string) => (value: string) => {
  const parsed = Number(value);
  if (!(parsed >= 0 && parsed <= 1)) throw new InvalidArgumentError(`${name} must be a number from 0 to 1.`);
  return parsed;
};

interface DatabaseFlags {
  databaseUrl?: string;
  dataDir?: string;
  memory?: boolean;
}

function databaseOptions(flags: DatabaseFlags): DatabaseOptions {
  const url = flags.databaseUrl ?? process.env.DATABASE_URL;
  if (url !== undefined && url.trim() !== "") return { url };
  if (flags.dataDir !== undefined) return { dataDir: flags.dataDir };
  return { memory: true };
}

function withDatabaseFlags(command: Command): Command {
  return command
    .option("--database-url <url>", "PostgreSQL URL (default: $DATABASE_URL; otherwise embedded PGlite)")
    .option("--data-dir <dir>", "embedded PGlite data directory (default: in memory)");
}

export function buildProgram(): Command {
  const program = new Command("roster-hr-sim").description("HR simulator (Workday SOAP, SuccessFactors OData, scenarios, fault injection) for Roster's demo, tests and benchmarks.");

  withDatabaseFlags(
    program
      .command("serve")
      .description("run the simulator")
      .option("--host <host>", "address to listen on", "127.0.0.1")
      .option("--port <port>", "port (0 picks one)", integer("--port", 0, 65535), 8085)
      .option("--workers <n>", "seed this many generated workers when the database is empty", integer("--workers", 0, 5_000_000), 1000)
      .option("--seed <n>", "generator seed", integer("--seed", 0, 2 ** 31), 1)
      .option("--reference-date <date>", "generated tenant's today (YYYY-MM-DD)")
      .option("--tenant <name>", "Workday tenant name in the service URL", "contoso")
      .option("--username <user>", "ISU / API user name", "ISU_Roster@contoso")
      .option("--password <password>", "password (default: $HRSIM_PASSWORD)")
      .addOption(new Option("--bearer-token <token...>", "bearer tokens accepted by SuccessFactors"))
      .option("--latency-ms <ms>", "added latency per request", integer("--latency-ms", 0, 600_000))
      .option("--error-rate <p>", "fraction of requests answered with an error", fraction("--error-rate"))
      .addOption(new Option("--error-kind <kind>", "injected error").choices(["http500", "http503", "soapFault"]))
      .option("--auth-failure", "refuse all credentials")
      .option("--truncate-rate <p>", "fraction of responses cut in half", fraction("--truncate-rate"))
      .option("--missing-worker-id-rate <p>", "fraction of workers without Worker_ID", fraction("--missing-worker-id-rate"))
      .option("--oversize-rate <p>", "fraction of workers with oversize values", fraction("--oversize-rate"))
      .option("--log", "log requests (method, URL, status; never credentials) as JSON to stderr"),
  ).action(async (flags) => {
    const password = flags.password ?? process.env.HRSIM_PASSWORD;
    if (password === undefined || password === "") {
      throw new InvalidArgumentError("serve needs a password: --password or HRSIM_PASSWORD.");
    }
    const faults: EndpointFaultsInput = {
      ...(flags.latencyMs === undefined ? {} : { latencyMs: flags.latencyMs }),
      ...(flags.errorRate === undefined ? {} : { errorRate: flags.errorRate }),
      ...(flags.errorKind === undefined ? {} : { errorKind: flags.errorKind }),
      ...(flags.authFailure ? { authFailure: true } : {}),
      ...(flags.truncateRate === undefined ? {} : { truncateRate: flags.truncateRate }),
      ...(flags.missingWorkerIdRate === undefined ? {} : { missingWorkerIdRate: flags.missingWorkerIdRate }),
      ...(flags.oversizeRate === undefined ? {} : { oversizeRate: flags.oversizeRate }),
    };
    const logger = flags.log ? pino({ redact: ["req.headers.authorization"] }, pino.destination(2)) : undefined;
    const started = performance.now();
    const server = await createHrSimServer({
      database: databaseOptions(flags),
      credentials: { username: flags.username, password, ...(flags.bearerToken === undefined ? {} : { bearerTokens: flags.bearerToken }) },
      tenant: flags.tenant,
      host: flags.host,
      port: flags.port,
      workers: flags.workers,
      seed: flags.seed,
      ...(flags.referenceDate === undefined ? {} : { referenceDate: flags.referenceDate }),
      faults: { workday: faults, successfactors: faults },
      ...(logger === undefined ? {} : { logger }),
    });
    const workers = await server.store.countWorkers();
    process.stdout.write(
      `roster-hr-sim listening on ${server.url} (${workers} workers, ready in ${((performance.now() - started) / 1000).toFixed(1)} s)\n` +
        `  Workday:  ${server.url}/ccx/service/${flags.tenant}/Human_Resources[/vNN.N]\n` +
        `  Scenarios: POST ${server.url}/sim/scenarios/{hire|update|terminate|rehire|convert|leave}; faults: ${server.url}/sim/faults\n`,
    );
    const stop = () => {
      server.close().then(() => process.exit(0), () => process.exit(1));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });

  withDatabaseFlags(
    program
      .command("seed")
      .description("fill the database with a generated tenant and report the time taken")
      .option("--workers <n>", "number of workers", integer("--workers", 1, 5_000_000), 1000)
      .option("--seed <n>", "generator seed", integer("--seed", 0, 2 ** 31), 1)
      .option("--reference-date <date>", "generated tenant's today (YYYY-MM-DD)"),
  ).action(async (flags) => {
    const store = await openHrSimStore(databaseOptions(flags));
    try {
      if ((await store.countWorkers()) > 0) throw new InvalidArgumentError("The database already holds workers; seed an empty one.");
      const started = performance.now();
      const count = await store.seed(
        generateWorkers({ count: flags.workers, seed: flags.seed, referenceDate: flags.referenceDate ?? tenantToday(Date.now()) }),
      );
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(`seeded ${count} workers in ${seconds.toFixed(1)} s (${Math.round(count / seconds)} workers/s)\n`);
    } finally {
      await store.close();
    }
  });

  program
    .command("scenario <kind> [json]")
    .description("play a scenario (hire, update, terminate, rehire, convert, leave) against a running simulator")
    .option("--url <url>", "simulator base URL", "http://127.0.0.1:8085")
    .action(async (kind: string, json: string | undefined, flags: { url: string }) => {
      let body: unknown = {};
      try {
        body = json === undefined ? {} : JSON.parse(json);
      } catch {
        throw new InvalidArgumentError("The scenario input must be a JSON object, e.g. '{\"workerId\":\"100042\"}'.");
      }
      const response = await fetch(`${flags.url.replace(/\/+$/, "")}/sim/scenarios/${encodeURIComponent(kind)}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      process.stdout.write(`${await response.text()}\n`);
      if (!response.ok) process.exitCode = 1;
    });

  return program;
}
