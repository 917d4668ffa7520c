export {
  COORDINATOR_MIGRATIONS,
  COORDINATOR_MIGRATION_PREFIX,
  migrateCoordinatorStore,
} from "./coordinator-migrations.js";
export type { AgentsTable, CoordinatorDatabase, DomainsTable, RegistrationTokensTable } from "./coordinator-schema.js";
export type * from "./jobs-schema.js";
