/**
 * `npm run bench`: the engine's planning throughput (generated Workday workers through the real
 * engine, one event loop), directory writes through the agent vs raw ldapts, and the product
 * benchmarks (P1–P4, P6: whole cycles through hr-sim, coordinator, agent and OpenLDAP).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { Command, InvalidArgumentError } from "commander";
import { formatAgentThroughput, runAgentThroughputBench } from "./agent-throughput.js";
import { formatBenchTable } from "./bench-report.js";
import { PRODUCT_SUITES, type ProductSuite, runProductSuites } from "./product-suites.js";
import { runBench } from "./run-bench.js";

/** The create pass must reach this on one core. */
export const TARGET_WORKERS_PER_SECOND = 100_000;

function positiveInteger(text: string): number {
  const n = Number(text.replaceAll("_", ""));
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError("expected a positive integer");
  return n;
}

function positiveIntegers(text: string): number[] {
  return text.split(",").map((part) => positiveInteger(part.trim()));
}

const ALL_SUITES = ["engine", "agent", ...PRODUCT_SUITES] as const;
type Suite = (typeof ALL_SUITES)[number];

/** --only takes one suite or a comma-separated list. */
function suiteList(text: string): Suite[] {
  return text.split(",").map((part) => {
    const name = part.trim();
    if (!(ALL_SUITES as readonly string[]).includes(name)) {
      throw new InvalidArgumentError(`--only takes ${ALL_SUITES.join(", ")} (comma-separated), not "${name}"`);
    }
    return name as Suite;
  });
}

interface BenchCliOptions {
  workers: number;
  seed: number;
  json?: string;
  entries: number;
  only?: Suite[];
  incrementalWorkers: number[];
  rssWorkers?: number;
  sourcePageSize: number;
  pageSize?: number;
  pagesInFlight?: number;
  onDemandCalls: number;
  bulkRecords: number;
  bulkConcurrency: number;
  profile?: string;
}

const program = new Command("roster-bench")
  .description(
    "Roster benchmarks: engine planning throughput, directory writes through the agent vs raw ldapts, and the product benchmarks P1–P4, P6",
  )
  .option("--workers <n>", "number of generated workers", positiveInteger, 100_000)
  .option("--seed <n>", "seed of the worker generator", positiveInteger, 20_240_301)
  .option("--json <file>", "also write the results as JSON to this file")
  .option("--entries <n>", "directory entries written through the agent", positiveInteger, 10_000)
  .option(
    "--only <suites>",
    "run only these suites (comma-separated): engine, agent, cycle (P1 in one process + raw adds, P2 incremental, P3 on-demand), rss (P1 and P4 with separate processes + raw adds), bulk (P6)",
    suiteList,
  )
  .option("--incremental-workers <list>", "P2 sizes (comma-separated; --workers is always one)", positiveIntegers, [10_000, 100_000])
  .option("--rss-workers <n>", "workers of the P4 run (default: --workers)", positiveInteger)
  .option("--source-page-size <n>", "Workday Get_Workers page size of the job", positiveInteger, 100)
  .option("--page-size <n>", "coordinator: workers per page", positiveInteger)
  .option("--pages-in-flight <n>", "coordinator: pages processed at once", positiveInteger)
  .option("--on-demand-calls <n>", "P3 calls", positiveInteger, 200)
  .option("--bulk-records <n>", "P6 SCIM records", positiveInteger, 10_000)
  .option("--bulk-concurrency <n>", "P6 bulk requests POSTed at once", positiveInteger, 4)
  .option("--profile <dir>", "write CPU profiles of the P1/P2 cycles and of the P4 coordinator process here, and print where time went")
  .action(async (options: BenchCliOptions) => {
    const selected = new Set<Suite>(options.only ?? ALL_SUITES);
    const results: Record<string, unknown> = { targetWorkersPerSecond: TARGET_WORKERS_PER_SECOND };
    if (selected.has("engine")) results.engine = await runEngineBench(options);
    if (selected.has("agent")) {
      process.stdout.write("\nDirectory writes through the agent (private OpenLDAP, same server, same run)\n");
      const agent = await runAgentThroughputBench({
        entries: options.entries,
        log: (line: string) => process.stderr.write(`  ${line}\n`),
      });
      process.stdout.write(`${formatAgentThroughput(agent)}\n`);
      results.agent = agent;
    }
    const productSuites = new Set(PRODUCT_SUITES.filter((suite: ProductSuite) => selected.has(suite)));
    if (productSuites.size > 0) {
      if (options.profile !== undefined) await mkdir(options.profile, { recursive: true });
      results.product = await runProductSuites({
        suites: productSuites,
        workers: options.workers,
        incrementalWorkers: options.incrementalWorkers,
        rssWorkers: options.rssWorkers ?? options.workers,
        sourcePageSize: options.sourcePageSize,
        ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
        ...(options.pagesInFlight === undefined ? {} : { pagesInFlight: options.pagesInFlight }),
        onDemandCalls: options.onDemandCalls,
        bulkRecords: options.bulkRecords,
        bulkConcurrency: options.bulkConcurrency,
        ...(options.profile === undefined ? {} : { profileDir: options.profile }),
        out: (text) => process.stdout.write(text),
        log: (line) => process.stderr.write(`  ${new Date().toISOString().slice(11, 19)} ${line}\n`),
      });
    }
    if (options.json !== undefined) await writeFile(options.json, `${JSON.stringify(results, null, 2)}\n`);
  });

async function runEngineBench(options: { workers: number; seed: number }) {
  const result = await runBench({
    workers: options.workers,
    seed: options.seed,
    onPhase: (p) => process.stderr.write(`  ${p.phase}: ${p.seconds.toFixed(2)} s\n`),
  });
  process.stdout.write(`${formatBenchTable(result)}\n`);
  const create = result.phases.find((p) => p.phase === "create");
  if (create !== undefined) {
    const verdict = (rate: number) => (rate >= TARGET_WORKERS_PER_SECOND ? "met" : "MISSED");
    const rate = (n: number) => Math.round(n).toLocaleString("en-US");
    // Planning time is the engine's own cost; the pass also generates workers and stores links.
    process.stdout.write(
      `\nCreate pass: ${rate(create.workersPerPlanSecond)} workers/s planned (target ${TARGET_WORKERS_PER_SECOND.toLocaleString("en-US")}: ${verdict(create.workersPerPlanSecond)}); ` +
        `whole pass incl. generating workers and storing links: ${rate(create.workersPerSecond)}/s wall, ${rate(create.workersPerCpuSecond)} per CPU second\n`,
    );
  }
  return result;
}

await program.parseAsync(process.argv);
