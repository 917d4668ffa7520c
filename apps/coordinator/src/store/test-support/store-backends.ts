/** The two databases the store suites run on: the test file's PGlite and a fresh PostgreSQL database. */
import { type Kysely, openDatabase } from "@roster/store";
import { openPGliteFixture, startPostgres } from "@roster/store/test-support";
import { migrateCoordinatorStore } from "../coordinator-migrations.js";

export interface StoreBackend<DB> {
  readonly db: Kysely<DB>;
  close(): Promise<void>;
}

export const STORE_BACKENDS: ReadonlyArray<readonly [string, <DB>() => Promise<StoreBackend<DB>>]> = [
  [
    "PGlite",
    async <DB>() => {
      const fixture = await openPGliteFixture<DB>();
      await migrateCoordinatorStore(fixture.db as never);
      return { db: fixture.db, close: () => fixture.close() };
    },
  ],
  [
    "PostgreSQL",
    async <DB>() => {
      const postgres = await startPostgres();
      const database = await openDatabase<DB>({ url: await postgres.createDatabase() });
      await migrateCoordinatorStore(database.db as never);
      return {
        db: database.db,
        close: async () => {
          await database.close();
          await postgres.stop();
        },
      };
    },
  ],
];
