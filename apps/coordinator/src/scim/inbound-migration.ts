/** Migration 0004_inbound: records pushed by API-driven inbound (SCIM bulk) and the bulk requests' status. */
import type { AnySchema, Kysely, Migration } from "@roster/store";

export const INBOUND_MIGRATION: Migration = {
  async up(_db: Kysely<AnySchema>): Promise<void> {
    // Filled in by the SCIM inbound work.
  },
};
