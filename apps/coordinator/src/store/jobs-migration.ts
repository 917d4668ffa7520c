/**
 * Migration 0003_jobs: jobs, audit log, cycles, escrow, staged actions, writeback outbox,
 * pending references and admin tokens (see src/state/contracts.ts).
 */
import type { AnySchema, Kysely, Migration } from "@roster/store";

export const JOBS_MIGRATION: Migration = {
  async up(_db: Kysely<AnySchema>): Promise<void> {
    // Filled in by the state-store work.
  },
};
