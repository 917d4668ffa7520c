/** The benchmark's building blocks, for tests and for profiling scripts. */
export { BenchDirectory } from "./bench-directory.js";
export { formatBenchTable } from "./bench-report.js";
export { GcTimer } from "./gc-timer.js";
export { mix32, Prng } from "./prng.js";
export { runBench, type BenchOptions, type BenchResult, type PhaseResult } from "./run-bench.js";
export { generateWorker, isChangedInRevision1, widOf, type WorkdayWorker } from "./workday-worker-generator.js";
export { runBulkIngest, type BulkIngestResult } from "./bulk-bench.js";
export { percentile } from "./latency-stats.js";
export { runStackBench, type StackBenchOptions, type StackBenchResult } from "./product-bench.js";
export { formatProductTable, PRODUCT_TARGETS, productRows, type ProductResults } from "./product-report.js";
export { runProductSuites, type ProductSuiteOptions } from "./product-suites.js";
export { formatProfileSummary, summarizeProfile, type CpuProfile, type ProfileSummary } from "./profile-summary.js";
export { runRssBench, type RssBenchResult } from "./rss-bench.js";
export { SqlTimer, formatStatementShares } from "./sql-timer.js";
