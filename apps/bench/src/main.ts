/**
 * `npm run bench`: plans generated Workday workers through the real engine and reports
 * workers/s per pass. Single-threaded by construction (one event loop, no workers).
 */
import { writeFile } from "node:fs/promises";
import { Command, InvalidArgumentError } from "commander";
import { formatAgentThroughput, runAgentThroughputBench } from "./agent-throughput.js";
import { formatBenchTable } from "./bench-report.js";
import { runBench } from "./run-bench.js";

/** The create pass must reach this on one core. */
export const TARGET_WORKERS_PER_SECOND = 100_000;

function positiveInteger(text: string): number {
  const n = Number(text.replaceAll("_", ""));
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError("expected a positive integer");
  return n;
}

const program = new Command("roster-bench")
  .description("Roster benchmarks: engine planning throughput, and directory writes through the agent vs raw ldapts")
  .option("--workers <n>", "number of generated workers", positiveInteger, 100_000)
  .option("--seed <n>", "seed of the worker generator", positiveInteger, 20_240_301)
  .option("--json <file>", "also write the results as JSON to this file")
  .option("--entries <n>", "directory entries written through the agent", positiveInteger, 10_000)
  .option("--only <suite>", "run one suite: engine | agent")
  .action(async (options: { workers: number; seed: number; json?: string; entries: number; only?: string }) => {
    if (options.only !== undefined && options.only !== "engine" && options.only !== "agent") {
      throw new InvalidArgumentError(`--only must be "engine" or "agent", not "${options.only}"`);
    }
    const results: Record<string, unknown> = { targetWorkersPerSecond: TARGET_WORKERS_PER_SECOND };
    if (options.only !== "agent") results.engine = await runEngineBench(options);
    if (options.only !== "engine") {
      process.stdout.write("\nDirectory writes through the agent (private OpenLDAP, same server, same run)\n");
      const agent = await runAgentThroughputBench({
        entries: options.entries,
        log: (line: string) => process.stderr.write(`  ${line}\n`),
      });
      process.stdout.write(`${formatAgentThroughput(agent)}\n`);
      results.agent = agent;
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
