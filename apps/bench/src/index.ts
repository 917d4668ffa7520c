/** The benchmark's building blocks, for tests and for profiling scripts. */
export { BenchDirectory } from "./bench-directory.js";
export { formatBenchTable } from "./bench-report.js";
export { GcTimer } from "./gc-timer.js";
export { mix32, Prng } from "./prng.js";
export { runBench, type BenchOptions, type BenchResult, type PhaseResult } from "./run-bench.js";
export { generateWorker, isChangedInRevision1, widOf, type WorkdayWorker } from "./workday-worker-generator.js";
