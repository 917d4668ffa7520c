/** Prometheus metrics of the coordinator (served at GET /metrics). */
export {
  type AgentsByDomain,
  CYCLE_DURATION_BUCKETS_SECONDS,
  CoordinatorMetrics,
  type CoordinatorMetricsOptions,
  type WritebackOutcome,
} from "./coordinator-metrics.js";
