/**
 * Runs the product benchmarks (P1–P4, P6) that `npm run bench` selects, printing progress on
 * stderr and the table on stdout; returns the results for the JSON file.
 */
import { startLocalStack } from "@roster/demo";
import { type BulkIngestResult, runBulkIngest } from "./bulk-bench.js";
import { runStackBench, type StackBenchResult } from "./product-bench.js";
import { formatProductTable, type ProductResults, productRows } from "./product-report.js";
import { formatProfileSummary, summarizeProfile } from "./profile-summary.js";
import { RosterApi } from "./roster-api.js";
import { formatStatementShares } from "./sql-timer.js";
import { runRssBench, type RssBenchResult } from "./rss-bench.js";
import { readFile } from "node:fs/promises";

export type ProductSuite = "cycle" | "rss" | "bulk";
export const PRODUCT_SUITES: readonly ProductSuite[] = ["cycle", "rss", "bulk"];

export interface ProductSuiteOptions {
  readonly suites: ReadonlySet<ProductSuite>;
  /** P1, P3 and one P2 size. */
  readonly workers: number;
  /** Further P2 sizes (each on its own stack, after its own initial cycle). */
  readonly incrementalWorkers: readonly number[];
  readonly rssWorkers: number;
  readonly sourcePageSize: number;
  readonly pageSize?: number;
  readonly pagesInFlight?: number;
  readonly onDemandCalls: number;
  readonly bulkRecords: number;
  readonly bulkConcurrency: number;
  /** Write CPU profiles (and print their summaries) here. */
  readonly profileDir?: string;
  readonly out: (text: string) => void;
  readonly log: (line: string) => void;
}

export interface ProductSuiteResults extends ProductResults {
  readonly stacks: StackBenchResult[];
}

export async function runProductSuites(options: ProductSuiteOptions): Promise<ProductSuiteResults> {
  const stacks: StackBenchResult[] = [];
  let rss: RssBenchResult | undefined;
  let bulk: (BulkIngestResult & { measuredAt: string }) | undefined;
  const common = {
    sourcePageSize: options.sourcePageSize,
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    ...(options.pagesInFlight === undefined ? {} : { pagesInFlight: options.pagesInFlight }),
    agentConcurrency: 8,
    ...(options.profileDir === undefined ? {} : { profileDir: options.profileDir }),
    log: options.log,
  };

  if (options.suites.has("cycle")) {
    // Smallest first: a broken pipeline shows up before the long run.
    const sizes = [...new Set(options.incrementalWorkers.filter((n) => n !== options.workers))].sort((a, b) => a - b);
    for (const workers of sizes) {
      options.log(`P2 at ${workers.toLocaleString("en-US")} workers`);
      stacks.push(await runStackBench({ ...common, workers, sourceRead: false, rawAdds: 0, incrementalFraction: 0.01, onDemandCalls: 0 }));
    }
    options.log(`P1, P2, P3 at ${options.workers.toLocaleString("en-US")} workers`);
    stacks.push(
      await runStackBench({
        ...common,
        workers: options.workers,
        sourceRead: true,
        rawAdds: options.workers,
        incrementalFraction: 0.01,
        onDemandCalls: options.onDemandCalls,
      }),
    );
  }
  if (options.suites.has("rss")) {
    options.log(`P1 and P4 at ${options.rssWorkers.toLocaleString("en-US")} workers (separate processes)`);
    rss = await runRssBench({
      workers: options.rssWorkers,
      rawAdds: options.rssWorkers,
      sourcePageSize: options.sourcePageSize,
      ...(options.profileDir === undefined ? {} : { profileDir: options.profileDir }),
      log: options.log,
    });
  }
  if (options.suites.has("bulk")) {
    options.log(`P6: ${options.bulkRecords.toLocaleString("en-US")} SCIM records`);
    const measuredAt = new Date().toISOString();
    const stack = await startLocalStack({ workers: 1, ...(options.pageSize === undefined ? {} : { coordinator: { pageSize: options.pageSize } }) });
    try {
      const api = new RosterApi(stack.coordinator.url, stack.adminToken);
      bulk = {
        measuredAt,
        ...(await runBulkIngest(stack, api, {
          records: options.bulkRecords,
          uploadConcurrency: options.bulkConcurrency,
          timeoutMs: 30 * 60_000,
          log: options.log,
        })),
      };
    } finally {
      await stack.close();
    }
  }

  const results: ProductSuiteResults = { stacks, ...(rss === undefined ? {} : { rss }), ...(bulk === undefined ? {} : { bulk }) };
  options.out(`\nRoster product benchmarks (Node ${process.version}, ${process.platform}/${process.arch})\n`);
  options.out(`${formatProductTable(productRows(results))}\n`);
  if (options.profileDir !== undefined) {
    for (const stack of stacks) {
      for (const [phase, summary] of Object.entries(stack.profiles ?? {})) {
        options.out(`\n${formatProfileSummary(`CPU profile, ${phase}, ${stack.workers.toLocaleString("en-US")} workers (in-process stack)`, summary)}\n`);
        const statements = stack.statements?.[phase as keyof NonNullable<StackBenchResult["statements"]>];
        if (statements !== undefined) options.out(`${formatStatementShares(" PGlite execution per statement", statements)}\n`);
      }
    }
    for (const [name, file] of Object.entries(rss?.profiles ?? {})) {
      const profile = JSON.parse(await readFile(file, "utf8"));
      options.out(`\n${formatProfileSummary(`CPU profile of the ${name} process (${file})`, summarizeProfile(profile))}\n`);
    }
  }
  return results;
}
