/** The coordinator end to end with its store on a real PostgreSQL (see test-support/coordinator-e2e-suite.ts). */
import { startPostgres } from "@roster/store/test-support";
import { defineCoordinatorSuite } from "./test-support/coordinator-e2e-suite.js";

defineCoordinatorSuite("PostgreSQL", async () => {
  const postgres = await startPostgres();
  return { databaseUrl: await postgres.createDatabase(), close: () => postgres.stop() };
});
