/**
 * `npm run bench`: plans generated Workday workers through the real engine and reports
 * workers/s per pass. Single-threaded by construction (one event loop, no workers).
 */
import { writeFile } from "node:fs/promises";
import { Command, InvalidArgumentError } from "commander";
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
  .description("Planner throughput over the default Workday → AD mapping set")
  .option("--workers <n>", "number of generated workers", positiveInteger, 100_000)
  .option("--seed <n>", "seed of the worker generator", positiveInteger, 20_240_301)
  .option("--json <file>", "also write the results as JSON to this file")
  .action(async (options: { workers: number; seed: number; json?: string }) => {
    const result = await runBench({
      workers: options.workers,
      seed: options.seed,
      onPhase: (p) => process.stderr.write(`  ${p.phase}: ${p.seconds.toFixed(2)} s\n`),
    });
    process.stdout.write(`${formatBenchTable(result)}\n`);
    const create = result.phases.find((p) => p.phase === "create");
    if (create !== undefined) {
      // Both: wall time counts the time other processes took the core; CPU time is what planning cost.
      const verdict = (rate: number) => (rate >= TARGET_WORKERS_PER_SECOND ? "met" : "MISSED");
      const rate = (n: number) => Math.round(n).toLocaleString("en-US");
      process.stdout.write(
        `\nCreate pass: ${rate(create.workersPerSecond)} workers/s by wall time (target ${verdict(create.workersPerSecond)}), ` +
          `${rate(create.workersPerCpuSecond)} per CPU second (target ${verdict(create.workersPerCpuSecond)}); ` +
          `target ${TARGET_WORKERS_PER_SECOND.toLocaleString("en-US")}\n`,
      );
    }
    if (options.json !== undefined) {
      await writeFile(
        options.json,
        `${JSON.stringify({ targetWorkersPerSecond: TARGET_WORKERS_PER_SECOND, ...result }, null, 2)}\n`,
      );
    }
  });

await program.parseAsync(process.argv);
